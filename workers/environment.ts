// The worker's own environment variables as one zod schema: each one's default, its bounds, and the line
// docs/configuration.md gives it (npm run docs:config). ./config.ts reads the process's environment with it.
import { z } from 'zod';
import { parseDuration } from '../domain/duration';
import { DEFAULT_TASK_QUEUE } from '../domain/names';
import { notificationEnvSchema } from '../notifications/settings';

export const DEFAULT_TEMPORAL_ADDRESS = 'localhost:7233';

/**
 * Lumen publishes no rate limit and its gateway smooths bursts, so the worker stays well below what a
 * shared API gateway takes without a contract, evenly spaced: 10 a second. A bandwidth change is about five
 * requests, so a thousand calendars firing in one minute are all ordered within ten minutes, inside the
 * fifteen a quote lasts; a provisioning is about ten.
 */
export const DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND = 10;
const MAX_LUMEN_REQUESTS_PER_SECOND = 1_000;

/**
 * How long one request may wait for its turn under the ceiling, then fail unsent (and retry). An order
 * activity (2 minutes, heartbeating) makes two requests, each with a 30 s exchange deadline: two waits of
 * 20 s still leave it 20 s, so waiting never turns an order into an unknown outcome by timing it out.
 */
export const LUMEN_MAX_REQUEST_WAIT_MS = 20_000;
const DEFAULT_METRICS_PORT = 9464;
/** Words that turn an optional feature off. */
export const DISABLED = ['off', 'none', 'false', '0'];

const duration = (fallback: string, min: number) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms < min) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not a duration of at least ${min} ms, like "15 minutes"`,
        });
        return z.NEVER;
      }
      return ms;
    });

/** What the server accepts in a deployment name or build id: no spaces, no dots in a name (it joins name.buildId). */
const deploymentPart = (what: string, pattern: RegExp, rule: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || (v.length <= 255 && pattern.test(v) && !v.startsWith('__')), {
      message: `must be ${rule}, at most 255 characters, not starting with "__" (${what})`,
    });

const required = (what: string) =>
  z.string({ error: `missing (${what})` }).refine((v) => v.trim() !== '', `empty (${what})`);

/** The worker's own variables; each description is its line in docs/configuration.md (npm run docs:config). */
export const workerEnvironment = notificationEnvSchema.extend({
  TEMPORAL_TASK_QUEUE: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .default(DEFAULT_TASK_QUEUE)
    .meta({ description: 'The task queue the worker polls; clients start provisionings on it.' }),
  LUMEN_BASE_URL: required('the Lumen API base URL')
    .refine(
      (v) => /^https?:\/\/[^\s]+$/.test(v) && URL.canParse(v),
      'must be an http(s) URL such as https://api.lumen.com',
    )
    .meta({ description: 'Lumen API base URL, such as https://api.lumen.com.' }),
  LUMEN_CONSUMER_KEY: required('OAuth consumer key').meta({ description: "Your Lumen application's OAuth key." }),
  LUMEN_CONSUMER_SECRET: required('OAuth consumer secret').meta({
    description: "Your Lumen application's OAuth secret.",
  }),
  LUMEN_QUOTE_VALIDITY: duration('15 minutes', 10_000).meta({
    description: 'How long Lumen honours a quote; the workflow re-prices before then.',
  }),
  LUMEN_INVENTORY_LAG: duration('10 minutes', 0).meta({
    description:
      'How long inventory may lag behind an accepted order: "not in inventory" proves no order only after it.',
  }),
  LUMEN_RECONCILE_INTERVAL: z
    .string()
    .default('1 hour')
    .transform((text, ctx) => {
      if (DISABLED.includes(text.trim().toLowerCase())) return 'off' as const;
      const ms = parseDuration(text);
      if (ms === undefined || ms < 1_000) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not a duration of at least 1 second, like "1 hour", or "off" to never reconcile`,
        });
        return z.NEVER;
      }
      return ms;
    })
    .meta({
      description:
        "How often every managed service is compared with Lumen's inventory (at least 1 second), or `off` for never.",
      defaultText: '`1 hour`',
    }),
  LUMEN_MAX_REQUESTS_PER_SECOND: z
    .string()
    .default(String(DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND))
    .transform((text, ctx) => {
      const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
      if (!(value > 0 && value <= MAX_LUMEN_REQUESTS_PER_SECOND)) {
        ctx.addIssue({
          code: 'custom',
          message:
            `"${text}" is not a number of requests per second above 0 and at most ` +
            `${MAX_LUMEN_REQUESTS_PER_SECOND}, like ${DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND} or 2.5`,
        });
        return z.NEVER;
      }
      return value;
    })
    .meta({
      description:
        'Ceiling on requests to Lumen from this worker, every activity together ([how it counts](#the-lumen-request-ceiling)).',
    }),
  METRICS_PORT: z
    .string()
    .default(String(DEFAULT_METRICS_PORT))
    .refine(
      (v) => DISABLED.includes(v.trim().toLowerCase()) || (/^\d+$/.test(v) && Number(v) <= 65_535),
      'must be a port number, or "off" to serve no metrics',
    )
    .meta({ description: "Port of the worker's Prometheus endpoint; `off` for none." }),
  METRICS_HOST: z
    .string()
    .trim()
    .min(1)
    .default('127.0.0.1')
    .meta({ description: 'Address the Prometheus endpoint listens on.' }),
  WORKER_SHUTDOWN_GRACE: duration('30 seconds', 0).meta({
    description: 'How long running activities may finish after SIGINT or SIGTERM.',
  }),
  WORKER_WORKFLOW_BUNDLE_DIR: z
    .string()
    .trim()
    .min(1, 'must not be empty (leave it unset for dist/workflow-bundle)')
    .optional()
    .meta({
      description: 'Where `npm run build` put the prebuilt workflow bundles; while stale, the worker bundles at start.',
      defaultText: '`dist/workflow-bundle`',
    }),
  WORKER_DEPLOYMENT_NAME: deploymentPart('the Worker Deployment', /^[A-Za-z0-9_-]+$/, 'letters, digits, - and _').meta({
    description:
      'The Worker Deployment this worker joins ([Worker Versioning](releases.md)); unset, the worker is unversioned.',
    defaultText: 'unversioned',
  }),
  WORKER_BUILD_ID: deploymentPart('this build', /^[A-Za-z0-9_.+-]+$/, 'letters, digits, ., +, - and _').meta({
    description: "This build's id in the deployment; only with WORKER_DEPLOYMENT_NAME.",
    defaultText: 'version-digest of the bundle',
  }),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'must be trace, debug, info, warn or error')
    .default('info')
    .meta({ description: '`trace` … `error`; logs are JSON lines, secrets and contacts masked.' }),
});
