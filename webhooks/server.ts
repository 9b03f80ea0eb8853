// The webhook receiver: an HTTP server that turns Lumen's signed order-state events into
// lumenNotification signals. Routes: POST /webhooks/lumen, GET /healthz, GET /metrics.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Logger } from '../logging/logger';
import { LumenDelivery, reject, type Reply } from './lumen-delivery';
import { ReceiverMetrics } from './metrics';
import { SeenEvents } from './seen-events';
import { SignalGate } from './signal-gate';
import { temporalSignaller, type WorkflowSignaller } from './workflow-signaller';

export const WEBHOOK_PATH = '/webhooks/lumen';
export const DEFAULT_WEBHOOK_PORT = 8088;
export const DEFAULT_REPLAY_WINDOW_MS = 5 * 60_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Below the sender's own request timeout, so it sees our 503 rather than its timeout. */
export const DEFAULT_SIGNAL_TIMEOUT_MS = 4_000;
/**
 * Signals Temporal works on at once for one receiver. Measured with 10,000 events delivered at once to
 * a dev server: unbounded, most signals missed their deadline and came back as retries.
 */
export const DEFAULT_MAX_SIGNALS_IN_FLIGHT = 32;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface WebhookReceiverOptions {
  /** The HMAC secret shared with Lumen. Never logged. */
  secret: string;
  logger: Logger;
  /** Default 8088; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; a receiver reachable from other hosts passes 0.0.0.0. */
  host?: string;
  /** How far a signature's timestamp may lie from the clock, either way. Default 5 minutes. */
  replayWindowMs?: number;
  /** Default 64 KiB; a larger body is answered 413 without being read. */
  maxBodyBytes?: number;
  /** Deadline for Temporal to accept a signal, waiting for a turn included (used with `client`). Default 4 s. */
  signalTimeoutMs?: number;
  /** Signals sent to Temporal at once (used with `client`); later ones wait their turn. Default 32. */
  maxSignalsInFlight?: number;
  /** Remembered event ids: how many and for how long. Defaults 10 000 and 24 hours. */
  dedupe?: { maxEntries?: number; ttlMs?: number };
  clock?: Clock;
}

/** Either a Temporal client, or the narrower port (tests, other transports). */
export type WebhookReceiverDeps = WebhookReceiverOptions & ({ client: Client } | { signaller: WorkflowSignaller });

export interface WebhookReceiver {
  /** The full URL to register with Lumen, e.g. http://127.0.0.1:8088/webhooks/lumen. */
  url: string;
  port: number;
  metrics: ReceiverMetrics;
  /** Stops accepting, lets requests in flight finish, then resolves. Leaves the Temporal client open. */
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };
const CLOSE_GRACE_MS = 10_000;

function writeReply(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(reply.closeConnection ? { connection: 'close' } : {}),
    ...reply.headers,
  });
  response.end(body);
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function createWebhookReceiver(deps: WebhookReceiverDeps): Promise<WebhookReceiver> {
  if (!deps.secret) throw new Error('createWebhookReceiver: secret is empty; signatures could not be verified');
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const metrics = new ReceiverMetrics();
  const signaller =
    'signaller' in deps
      ? deps.signaller
      : temporalSignaller(
          deps.client,
          deps.signalTimeoutMs ?? DEFAULT_SIGNAL_TIMEOUT_MS,
          new SignalGate(deps.maxSignalsInFlight ?? DEFAULT_MAX_SIGNALS_IN_FLIGHT),
        );
  const delivery = new LumenDelivery({
    secret: deps.secret,
    replayWindowMs: deps.replayWindowMs ?? DEFAULT_REPLAY_WINDOW_MS,
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    now: () => clock.now(),
    signaller,
    seen: new SeenEvents({
      maxEntries: deps.dedupe?.maxEntries ?? 10_000,
      ttlMs: deps.dedupe?.ttlMs ?? 24 * 60 * 60_000,
      now: () => clock.now(),
    }),
    metrics,
    logger,
  });
  const refusals = { metrics, logger };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    const method = request.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';
    if (path === WEBHOOK_PATH) {
      if (method !== 'POST') {
        return writeReply(response, {
          ...reject(refusals, 'method_not_allowed', { method, path }),
          headers: { allow: 'POST' },
        });
      }
      const reply = await delivery.handle(request);
      if (reply) writeReply(response, reply);
      else response.destroy();
      return;
    }
    if (path === '/healthz' || path === '/metrics') {
      if (!readOnly) {
        return writeReply(response, {
          ...reject(refusals, 'method_not_allowed', { method, path }),
          headers: { allow: 'GET, HEAD' },
        });
      }
      if (path === '/healthz') return writeReply(response, { status: 200, body: { status: 'ok' } });
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      response.end(metrics.render());
      return;
    }
    writeReply(response, reject(refusals, 'route_not_found', { method, path }));
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger.error(
        { error: error instanceof Error ? error.message : String(error) },
        'webhook receiver failed a request',
      );
      if (!response.headersSent) writeReply(response, { status: 500, body: { error: 'internal_error' } });
      else response.destroy();
    });
  });
  // Bounds slow senders: a request that has not arrived in full by then is dropped.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  const host = deps.host ?? '127.0.0.1';
  await new Promise<void>((resolve, fail) => {
    server.once('error', fail);
    server.listen(deps.port ?? DEFAULT_WEBHOOK_PORT, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${displayHost(host)}:${port}${WEBHOOK_PATH}`;
  logger.info({ url }, 'webhook receiver listening');

  return {
    url,
    port,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        // In-flight requests finish (their signal has its own deadline); stragglers are cut after a grace.
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          logger.info({ url }, 'webhook receiver stopped');
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
