// How a bench configures the real worker against a dev server and the Lumen sandbox: in this process
// (a WorkerConfig) or in its own (the variables `npm run worker` reads), with a payload key of its own.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { DEFAULT_INVENTORY_LAG_MS } from '../activities';
import { dataConverterFor } from '../codec/data-converter';
import { readPayloadCodecSettings, type PayloadCodecSettings } from '../codec/settings';
import { createSandbox, DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from '../sandbox/server';
import { startDevEnvironment } from '../test/env/temporal';
import type { WorkerConfig } from '../workers/config';
import type { Logger } from '../logging/logger';
import { createWorker, provisioningBundleOptions } from '../workers/worker';
import { createWebhookReceiver, type WebhookReceiver } from '../webhooks/server';
import type { SandboxAdmin } from '../sandbox/admin-client';
import { silentBundler, silentLogger } from './quiet';

/** A fresh key each run, as PAYLOAD_CODEC_KEYS spells it: nothing a bench encrypts outlives it. */
export function benchPayloadKeys(): string {
  return `bench:${randomBytes(32).toString('base64')}`;
}

export function benchPayloadCodec(keys = benchPayloadKeys()): PayloadCodecSettings {
  return readPayloadCodecSettings({ PAYLOAD_CODEC_KEYS: keys });
}

export interface InProcessWorkerOptions {
  taskQueue: string;
  lumenUrl: string;
  payloadCodec: PayloadCodecSettings;
  /** Over the sandbox's credentials, a 15-minute quote, the default inventory lag and no real ceiling. */
  lumen?: Partial<WorkerConfig['lumen']>;
  tuning?: WorkerConfig['tuning'];
}

export function inProcessWorkerConfig(
  temporal: TestWorkflowEnvironment,
  { taskQueue, lumenUrl, payloadCodec, lumen, tuning }: InProcessWorkerOptions,
): WorkerConfig {
  return {
    temporal: { connection: { address: temporal.address }, namespace: temporal.namespace ?? 'default', taskQueue },
    lumen: {
      baseUrl: lumenUrl,
      consumerKey: DEFAULT_CONSUMER_KEY,
      consumerSecret: DEFAULT_CONSUMER_SECRET,
      quoteValidityMs: 900_000,
      inventoryLagMs: DEFAULT_INVENTORY_LAG_MS,
      // The sandbox is no gateway: with the ceiling lifted the figure is the engine's and the project's.
      maxRequestsPerSecond: 1_000,
      ...lumen,
    },
    payloadCodec,
    shutdownGraceMs: 1_000,
    logLevel: 'silent',
    ...(tuning ? { tuning } : {}),
  };
}

/** The variables that point a worker configured as `npm run worker` at the dev server and the sandbox. */
export function workerEnvironment(
  temporal: TestWorkflowEnvironment,
  taskQueue: string,
  lumenUrl: string,
): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
    // No profile of the machine's user may change where the worker connects.
    TEMPORAL_CONFIG_FILE: path.join(__dirname, 'no-such-temporal-profile.toml'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    LUMEN_BASE_URL: lumenUrl,
    LUMEN_CONSUMER_KEY: DEFAULT_CONSUMER_KEY,
    LUMEN_CONSUMER_SECRET: DEFAULT_CONSUMER_SECRET,
    METRICS_PORT: 'off',
  };
}

/**
 * What an in-process bench runs on: a dev server whose client encrypts with a fresh key, the worker's
 * code bundled for that key, and the sandbox in this process settling orders at once.
 */
export async function startInProcessServers() {
  const payloadCodec = benchPayloadCodec();
  const [workflowBundle, temporal, sandbox] = await Promise.all([
    bundleProvisioning(payloadCodec),
    startDevEnvironment(dataConverterFor(payloadCodec)),
    createSandbox({ port: 0, activationDelayMs: 0 }),
  ]);
  return { payloadCodec, workflowBundle, temporal, sandbox };
}

/** The worker's workflow code, bundled quietly for `payloadCodec` (its codec is bundled in when on). */
export function bundleProvisioning(payloadCodec: PayloadCodecSettings): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ ...provisioningBundleOptions(payloadCodec), logger: silentBundler });
}

export interface RunningWorker {
  worker: Worker;
  /** Shuts it down and closes what it opened; waits for a stalled run (activities that never end) a moment at most. */
  stop(): Promise<void>;
}

/** The real worker in this process, polling until stopped. */
export async function runWorker(
  config: WorkerConfig,
  {
    temporal,
    workflowBundle,
    logger = silentLogger,
  }: { temporal: TestWorkflowEnvironment; workflowBundle: WorkflowBundle; logger?: Logger },
): Promise<RunningWorker> {
  const { worker, close } = await createWorker(config, {
    connection: temporal.nativeConnection,
    workflowBundle,
    client: temporal.client,
    logger,
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await Promise.race([running.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 15_000))]);
      await close().catch(() => undefined);
    },
  };
}

/** The webhook receiver in this process with a fresh secret, registered as the sandbox's webhook. */
export async function startRegisteredReceiver(
  client: Client,
  admin: SandboxAdmin,
  webhook: { maxAttempts?: number } = {},
): Promise<WebhookReceiver> {
  const secret = randomBytes(32).toString('hex');
  const receiver = await createWebhookReceiver({ client, secret, port: 0, logger: silentLogger });
  await admin.setWebhook({ url: receiver.url, secret, ...webhook });
  return receiver;
}
