// The worker's configuration, read once from the environment and handed inward as typed values.
// Errors name every bad or missing variable but never echo a value that could be a secret.
import path from 'node:path';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import {
  describePayloadCodec,
  PayloadCodecConfigError,
  readPayloadCodecSettings,
  type PayloadCodecSettings,
} from '../codec/settings';
import { describeNotifications, notificationSettingsFrom, type NotificationSettings } from '../notifications/settings';
import { DEFAULT_TEMPORAL_ADDRESS, DISABLED, workerEnvironment } from './environment';
import { describeTracing, readTracingSettings, type TracingSettings } from './tracing-settings';
import { readWorkerTuning, type WorkerTuning } from './tuning';

export { DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND, LUMEN_MAX_REQUEST_WAIT_MS } from './environment';

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
