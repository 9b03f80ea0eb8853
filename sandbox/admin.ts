// /_sandbox/*: the test-only control surface. Plainly not Lumen's, so it needs no token.
import { z } from 'zod';
import { catalogSchema } from './catalog';
import { faultSchema, type FaultBook } from './faults';
import { speedToMbps } from '../domain/speed';
import type { Lifecycle, OutsideOrder } from './lifecycle';
import { SERVICE_STATUSES } from './records';
import { seedServices, ServiceSeedError } from './service-seed';
import { json, type SandboxResponse } from './responses';
import { settingsView, updateSettings } from './settings';
import type { SandboxStore } from './store';
import { summarizeDeliveries, type WebhookSender } from './webhook-sender';

export const ADMIN_PREFIX = '/_sandbox';

/** Everything the admin surface can reach. */
export interface SandboxParts {
  store: SandboxStore;
  lifecycle: Lifecycle;
  webhooks: WebhookSender;
  faults: FaultBook;
  /** Back to the seed: forgets orders, quotes, tokens, faults, outcomes, the webhook and the logs. */
  reset(): void;
}

export const webhookSchema = z
  .strictObject({
    url: z.url().optional(),
    /** Several receivers, tried in turn when one fails. */
    urls: z.array(z.url()).min(1).optional(),
    secret: z.string().min(1),
    duplicate: z.boolean().optional(),
    reorder: z.boolean().optional(),
    maxAttempts: z.number().int().min(1).max(50).optional(),
    retryBaseMs: z.number().int().min(0).optional(),
  })
  .refine((config) => config.url !== undefined || config.urls !== undefined, {
    message: 'give the receiver as url, or several as urls',
    path: ['url'],
  });

export const outcomeSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('active'), delayMs: z.number().int().min(0).optional() }),
  z.strictObject({
    outcome: z.literal('failed'),
    reason: z.string().min(1).optional(),
    delayMs: z.number().int().min(0).optional(),
    /** The TMF622 state the ending event carries (default failed). */
    state: z.enum(['failed', 'rejected', 'cancelled']).optional(),
  }),
  z.strictObject({ outcome: z.literal('never') }),
]);

const serviceStatusSchema = z.strictObject({ status: z.enum(SERVICE_STATUSES) });

/**
 * A change made in Lumen's portal: the new speed, whether Lumen sends events for it (default true), and
 * how long it takes to settle (default: as the settings say).
 */
export const outsideChangeSchema = z.strictObject({
  speed: z.string().refine((speed) => speedToMbps(speed) !== undefined, 'must be a speed such as "500 Mbps"'),
  event: z.boolean().default(true),
  delayMs: z.number().int().min(0).optional(),
});
export const outsideDisconnectSchema = z.strictObject({
  event: z.boolean().default(true),
  delayMs: z.number().int().min(0).optional(),
});

function outsideOrder(placed: OutsideOrder): SandboxResponse {
  if ('refused' in placed) return json(placed.refused, { error: placed.message });
  return json(201, placed.order);
}

interface AdminInput {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Segments after /_sandbox; ":name" captures one. */
  path: string;
  handle(input: AdminInput, parts: SandboxParts): SandboxResponse;
}

const ok = (body: unknown = { ok: true }) => json(200, body);
/** Runs a command that has nothing to return. */
const done = (command: () => void) => {
  command();
  return ok();
};
const notFound = (what: string) => json(404, { error: `${what} not found` });

const ROUTES: AdminRoute[] = [
  { method: 'POST', path: '/reset', handle: (_, parts) => done(() => parts.reset()) },
  {
    method: 'POST',
    path: '/seed',
    handle: ({ body }, { store }) => done(() => store.addCatalog(catalogSchema.parse(body))),
  },
  { method: 'GET', path: '/settings', handle: (_, { store }) => ok(settingsView(store)) },
  {
    method: 'PATCH',
    path: '/settings',
    handle: ({ body }, { store }) => ok(updateSettings(store, body)),
  },
  {
    method: 'PUT',
    path: '/webhook',
    handle: ({ body }, { webhooks }) => done(() => webhooks.configure(webhookSchema.parse(body))),
  },
  { method: 'DELETE', path: '/webhook', handle: (_, { webhooks }) => done(() => webhooks.configure(undefined)) },
  { method: 'GET', path: '/webhook/deliveries', handle: (_, { webhooks }) => ok(webhooks.records()) },
  {
    method: 'GET',
    path: '/webhook/deliveries/summary',
    handle: ({ query }, { webhooks }) =>
      ok(
        summarizeDeliveries(webhooks.records(), {
          externalIdPrefix: query.get('externalIdPrefix') ?? undefined,
          state: query.get('state') ?? undefined,
        }),
      ),
  },
  { method: 'GET', path: '/events', handle: (_, { store }) => ok(store.events) },
  {
    method: 'PUT',
    path: '/outcomes/:externalId',
    handle: ({ params, body }, { store }) =>
      done(() => store.outcomes.set(params.externalId, outcomeSchema.parse(body))),
  },
  { method: 'DELETE', path: '/outcomes', handle: (_, { store }) => done(() => store.outcomes.clear()) },
  { method: 'POST', path: '/faults', handle: ({ body }, { faults }) => json(201, faults.add(faultSchema.parse(body))) },
  { method: 'GET', path: '/faults', handle: (_, { faults }) => ok(faults.list()) },
  { method: 'DELETE', path: '/faults', handle: (_, { faults }) => done(() => faults.clear()) },
  {
    method: 'GET',
    path: '/orders',
    handle({ query }, { store }) {
      const externalId = query.get('externalId');
      return ok([...store.orders.values()].filter((order) => !externalId || order.externalId === externalId));
    },
  },
  { method: 'POST', path: '/orders/settle', handle: (_, { lifecycle }) => ok({ settled: lifecycle.settleAll() }) },
  { method: 'GET', path: '/quotes', handle: (_, { store }) => ok([...store.quotes.values()]) },
  {
    method: 'POST',
    path: '/quotes/:quoteId/expire',
    handle({ params }, { store }) {
      const quote = store.quotes.get(params.quoteId);
      if (!quote) return notFound(`quote ${params.quoteId}`);
      quote.expiresAt = new Date(store.clock.now() - 1).toISOString();
      return ok(quote);
    },
  },
  {
    method: 'GET',
    path: '/tokens',
    handle: (_, { store }) => {
      const live = [...store.tokens.values()].filter((token) => token.expiresAt > store.clock.now()).length;
      return ok({ issued: store.tokensIssued, live });
    },
  },
  {
    method: 'POST',
    path: '/tokens/expire',
    handle(_, { store }) {
      for (const token of store.tokens.values()) token.expiresAt = Math.min(token.expiresAt, store.clock.now() - 1);
      return ok({ expired: store.tokens.size });
    },
  },
  { method: 'GET', path: '/requests', handle: (_, { store }) => ok(store.requestLog) },
  { method: 'DELETE', path: '/requests', handle: (_, { store }) => done(() => store.clearRequestLog()) },
  { method: 'GET', path: '/services', handle: (_, { store }) => ok([...store.services.values()]) },
  {
    method: 'POST',
    path: '/services',
    handle({ body }, { store }) {
      try {
        return json(201, seedServices(store, body));
      } catch (error) {
        if (error instanceof ServiceSeedError) return json(400, { error: error.message });
        throw error;
      }
    },
  },
  {
    method: 'POST',
    path: '/services/:serviceId/change',
    handle({ params, body }, { lifecycle }) {
      const { speed, ...how } = outsideChangeSchema.parse(body);
      return outsideOrder(
        lifecycle.outside(params.serviceId, { action: 'modify', mbps: speedToMbps(speed) as number }, how),
      );
    },
  },
  {
    method: 'POST',
    path: '/services/:serviceId/disconnect',
    handle: ({ params, body }, { lifecycle }) =>
      outsideOrder(lifecycle.outside(params.serviceId, { action: 'delete' }, outsideDisconnectSchema.parse(body))),
  },
  {
    method: 'DELETE',
    path: '/services/:serviceId',
    handle({ params }, { store }) {
      // Lumen drops a disconnected service from its inventory after a while.
      if (!store.services.delete(params.serviceId)) return notFound(`service ${params.serviceId}`);
      return ok();
    },
  },
  {
    method: 'PUT',
    path: '/services/:serviceId/status',
    handle({ params, body }, { store, lifecycle }) {
      const { status } = serviceStatusSchema.parse(body);
      if (!lifecycle.force(params.serviceId, status)) {
        return notFound(`service ${params.serviceId}`);
      }
      return ok(store.services.get(params.serviceId));
    },
  },
];

function match(route: AdminRoute, segments: string[]): Record<string, string> | undefined {
  const pattern = route.path.split('/').filter(Boolean);
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = segments[i];
    else if (part !== segments[i]) return undefined;
  }
  return params;
}

/** Serves one admin request; bad input answers 400 with what was wrong. */
export function serveAdmin(method: string, path: string, query: URLSearchParams, rawBody: string, parts: SandboxParts) {
  let segments: string[];
  try {
    segments = path.slice(ADMIN_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return json(400, { error: `unreadable path ${path}` });
  }
  const candidates = ROUTES.map((route) => ({ route, params: match(route, segments) })).filter((c) => c.params);
  if (!candidates.length) return notFound(`admin endpoint ${path}`);
  const found = candidates.find((c) => c.route.method === method);
  if (!found?.params) return json(405, { error: `${method} is not supported on ${path}` });
  let body: unknown;
  try {
    body = rawBody.trim() ? JSON.parse(rawBody) : {};
  } catch {
    return json(400, { error: 'request body is not valid JSON' });
  }
  try {
    return found.route.handle({ params: found.params, query, body }, parts);
  } catch (error) {
    if (error instanceof z.ZodError) {
      const problems = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return json(400, { error: problems.join('; '), issues: error.issues });
    }
    throw error;
  }
}
