// The worker's configuration, read once from the environment and handed inward as typed values.
// Errors name every bad or missing variable but never echo a value that could be a secret.
import path from 'node:path';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { z } from 'zod';
import {
  describePayloadCodec,
  PayloadCodecConfigError,
  readPayloadCodecSettings,
  type PayloadCodecSettings,
} from '../codec/settings';
import { parseDuration } from '../domain/duration';
import { DEFAULT_TASK_QUEUE } from '../domain/names';
import {
  describeNotifications,
  notificationEnvSchema,
  notificationSettingsFrom,
  type NotificationSettings,
} from '../notifications/settings';
import { describeTracing, readTracingSettings, type TracingSettings } from './tracing-settings';
import { readWorkerTuning, type WorkerTuning } from './tuning';

export interface WorkerConfig {
  temporal: {
    /** Address, namespace, API key and TLS as the Temporal CLI reads them (TEMPORAL_*). */
    connection: NativeConnectionOptions;
    namespace: string;
    taskQueue: string;
  };
  lumen: {
    baseUrl: string;
    consumerKey: string;
    consumerSecret: string;
    /** How long Lumen honours a quote; the workflow re-prices before that. */
    quoteValidityMs: number;
    /** How long inventory may lag behind an accepted order: "not in inventory" proves nothing sooner. */
    inventoryLagMs: number;
    /** The ceiling on requests per second from this worker to Lumen, every activity's calls together. */
    maxRequestsPerSecond: number;
  };
  /** How payloads are encrypted (PAYLOAD_CODEC_KEYS, PAYLOAD_CODEC_KEY_FILE), or off (PAYLOAD_CODEC=off). */
  payloadCodec: PayloadCodecSettings;
  /** Prometheus scrape endpoint, "127.0.0.1:9464"; undefined when METRICS_PORT=off. */
  metricsBindAddress?: string;
  /** How long in-flight activities may finish after SIGINT/SIGTERM. */
  shutdownGraceMs: number;
  logLevel: string;
  /** Cache, slots and pollers (WORKER_MAX_*, WORKER_*_POLLERS); the defaults when absent. */
  tuning?: WorkerTuning;
  /** Where traces go (OTEL_*); off when absent. */
  tracing?: TracingSettings;
  /** Where notifications go (NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET, NOTIFY_FORMAT); none when absent. */
  notifications?: NotificationSettings;
  /**
   * How often every managed service is compared with Lumen's inventory (LUMEN_RECONCILE_INTERVAL), or 'off'.
   * The worker sets its reconciliation Schedule to it when it starts; absent, the Schedule is left as it is.
   */
  reconcileIntervalMs?: number | 'off';
  /** Where `npm run build` put the prebuilt workflow bundles (WORKER_WORKFLOW_BUNDLE_DIR); dist/workflow-bundle when absent. */
  workflowBundleDir?: string;
  /** The Worker Deployment this worker joins (WORKER_DEPLOYMENT_NAME); unversioned when absent. */
  deployment?: DeploymentSettings;
}

/** Worker Versioning: the deployment's name, and this build's id when set (else derived at start). */
export interface DeploymentSettings {
  name: string;
  buildId?: string;
}

export class WorkerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid worker configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WorkerConfigError';
  }
}

const DEFAULT_TEMPORAL_ADDRESS = 'localhost:7233';

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
const DISABLED = ['off', 'none', 'false', '0'];

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

/**
 * Reads TEMPORAL_*, LUMEN_*, PAYLOAD_CODEC*, METRICS_*, WORKER_SHUTDOWN_GRACE, the WORKER_* tuning,
 * WORKER_WORKFLOW_BUNDLE_DIR, OTEL_*, NOTIFY_* and LOG_LEVEL; throws WorkerConfigError listing every problem.
 */
export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const problems: string[] = [];
  const parsed = workerEnvironment.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const temporal = readTemporalConnection(env, problems);
  const payloadCodec = readPayloadCodec(env, problems);
  const tuning = readWorkerTuning(env, problems);
  const tracing = readTracingSettings(env, problems);
  const notifications = parsed.success ? notificationSettingsFrom(parsed.data, problems) : undefined;
  if (parsed.success && parsed.data.WORKER_BUILD_ID && !parsed.data.WORKER_DEPLOYMENT_NAME) {
    problems.push('WORKER_BUILD_ID: set only with WORKER_DEPLOYMENT_NAME (a build id belongs to a deployment)');
  }
  if (problems.length > 0) throw new WorkerConfigError(problems);
  if (!parsed.success || !temporal || !payloadCodec || !tuning || !tracing) throw new WorkerConfigError(problems);

  const vars = parsed.data;
  const metricsOff = DISABLED.includes(vars.METRICS_PORT.trim().toLowerCase());
  return {
    temporal: { ...temporal, taskQueue: vars.TEMPORAL_TASK_QUEUE },
    lumen: {
      baseUrl: vars.LUMEN_BASE_URL,
      consumerKey: vars.LUMEN_CONSUMER_KEY,
      consumerSecret: vars.LUMEN_CONSUMER_SECRET,
      quoteValidityMs: vars.LUMEN_QUOTE_VALIDITY,
      inventoryLagMs: vars.LUMEN_INVENTORY_LAG,
      maxRequestsPerSecond: vars.LUMEN_MAX_REQUESTS_PER_SECOND,
    },
    payloadCodec,
    metricsBindAddress: metricsOff ? undefined : `${vars.METRICS_HOST}:${vars.METRICS_PORT}`,
    shutdownGraceMs: vars.WORKER_SHUTDOWN_GRACE,
    reconcileIntervalMs: vars.LUMEN_RECONCILE_INTERVAL,
    logLevel: vars.LOG_LEVEL,
    tuning,
    tracing,
    ...(notifications ? { notifications } : {}),
    ...(vars.WORKER_WORKFLOW_BUNDLE_DIR ? { workflowBundleDir: path.resolve(vars.WORKER_WORKFLOW_BUNDLE_DIR) } : {}),
    ...(vars.WORKER_DEPLOYMENT_NAME
      ? {
          deployment: {
            name: vars.WORKER_DEPLOYMENT_NAME,
            ...(vars.WORKER_BUILD_ID ? { buildId: vars.WORKER_BUILD_ID } : {}),
          },
        }
      : {}),
  };
}

// The same variables and TOML profiles the Temporal CLI reads (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
// TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE).
function readTemporalConnection(
  env: NodeJS.ProcessEnv,
  problems: string[],
): { connection: NativeConnectionOptions; namespace: string } | undefined {
  try {
    const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    const loaded = loadClientConnectConfig({ overrideEnvVars: vars });
    const address = loaded.connectionOptions.address ?? DEFAULT_TEMPORAL_ADDRESS;
    if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/.test(address)) {
      problems.push(`TEMPORAL_ADDRESS: "${address}" is not host:port, like localhost:7233`);
      return undefined;
    }
    return {
      connection: { ...loaded.connectionOptions, address },
      namespace: loaded.namespace ?? 'default',
    };
  } catch (error) {
    // Messages from the loader name files and settings, never key material.
    problems.push(`TEMPORAL_* connection settings: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

// A worker never falls back to a key file it was not told about: outside npm start, keys are explicit.
function readPayloadCodec(env: NodeJS.ProcessEnv, problems: string[]): PayloadCodecSettings | undefined {
  try {
    return readPayloadCodecSettings(env);
  } catch (error) {
    if (!(error instanceof PayloadCodecConfigError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

/** What is safe to log about the configuration: no key, secret or API key, only whether they are set. */
export function describeWorkerConfig(config: WorkerConfig): Record<string, unknown> {
  const url = new URL(config.lumen.baseUrl);
  return {
    temporalAddress: config.temporal.connection.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    temporalTls: Boolean(config.temporal.connection.tls),
    temporalApiKeySet: config.temporal.connection.apiKey !== undefined,
    lumenBaseUrl: `${url.protocol}//${url.host}${url.pathname}`,
    quoteValidityMs: config.lumen.quoteValidityMs,
    inventoryLagMs: config.lumen.inventoryLagMs,
    reconcileInterval: config.reconcileIntervalMs ?? 'unchanged',
    lumenMaxRequestsPerSecond: config.lumen.maxRequestsPerSecond,
    payloadCodec: describePayloadCodec(config.payloadCodec),
    metrics: config.metricsBindAddress ?? 'off',
    shutdownGraceMs: config.shutdownGraceMs,
    ...(config.tuning ? { tuning: config.tuning } : {}),
    tracing: describeTracing(config.tracing ?? { exporter: 'none' }),
    notifications: describeNotifications(config.notifications),
    deployment: config.deployment ?? 'unversioned',
  };
}
