// Everything a dev-server test needs: a real Temporal dev server (search attributes registered), the
// Lumen sandbox, a webhook relay, and the real worker from workers/ with the real Lumen client, all
// with the tests' payload encryption unless told otherwise.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import pino from 'pino';
import { dataConverterFor } from '../../codec/data-converter';
import type { PayloadCodecSettings } from '../../codec/settings';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND, type WorkerConfig } from '../../workers/config';
import { applyReconcileSchedule } from '../../workers/reconcile-schedule';
import { createWorker } from '../../workers/worker';
import { provisionInternetOnDemand } from '../../workflows';
import { TEST_PAYLOAD_CODEC } from '../env/codec';
import { startDevEnvironment } from '../env/temporal';
import { provisioningRequest, freshRequestId } from '../env/requests';
import { bundleProvisioningWorkflow } from './workflow-bundle';
import { startWebhookRelay, type WebhookRelay } from './webhook-relay';

export const SANDBOX_CUSTOMER = '1-SANDBOX';
export const MONROE = 'PL0001247634';

export interface StackOptions {
  /** Quote validity the sandbox enforces and the worker plans with (default 60 s). */
  quoteValidityMs?: number;
  /** How long the sandbox keeps an order pending (default 300 ms). */
  activationDelayMs?: number;
  /** Register the webhook relay with the sandbox (default true). */
  webhooks?: boolean;
  /** The worker's LUMEN_INVENTORY_LAG (default 3 s, the sandbox's inventory has no lag unless told). */
  inventoryLagMs?: number;
  /** For the client, the relay and the worker alike (default the tests' key). */
  payloadCodec?: PayloadCodecSettings;
  /** The worker's LUMEN_RECONCILE_INTERVAL in ms, or 'off'; absent, no reconciliation schedule is touched. */
  reconcileIntervalMs?: number | 'off';
}

export interface IntegrationStack {
  env: TestWorkflowEnvironment;
  sandbox: Sandbox;
  relay: WebhookRelay;
  workflowBundle: WorkflowBundleWithSourceMap;
  config(taskQueue: string): WorkerConfig;
  /** Runs `work` while a worker built by workers/createWorker polls a fresh task queue. */
  withWorker<T>(work: (taskQueue: string) => Promise<T>): Promise<T>;
  /** A worker built by workers/createWorker polling `taskQueue` until stopped, for a file whose tests share it. */
  startWorker(taskQueue: string): Promise<{ stop(): Promise<void> }>;
  /** Starts a provisioning of `request` on `taskQueue`, under the workflow id its request id gives. */
  startProvisioning(
    taskQueue: string,
    request: ProvisioningRequestInput,
  ): Promise<WorkflowHandle<typeof provisionInternetOnDemand>>;
  /** Back to the sandbox seed between tests (and the webhook relay re-registered). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startIntegrationStack(options: StackOptions = {}): Promise<IntegrationStack> {
  const quoteValidityMs = options.quoteValidityMs ?? 60_000;
  const activationDelayMs = options.activationDelayMs ?? 300;
  const payloadCodec = options.payloadCodec ?? TEST_PAYLOAD_CODEC;
  const [env, sandbox, workflowBundle] = await Promise.all([
    startDevEnvironment(dataConverterFor(payloadCodec)),
    createSandbox({ port: 0, quoteValidityMs, activationDelayMs }),
    bundleProvisioningWorkflow(payloadCodec),
  ]);
  const relay = await startWebhookRelay(env.client);
  const logger = pino({ level: 'silent' });

  const config = (taskQueue: string): WorkerConfig => ({
    temporal: { connection: { address: env.address }, namespace: env.namespace ?? 'default', taskQueue },
    lumen: {
      baseUrl: sandbox.url,
      consumerKey: 'sandbox-key',
      consumerSecret: 'sandbox-secret',
      quoteValidityMs,
      inventoryLagMs: options.inventoryLagMs ?? 3_000,
      maxRequestsPerSecond: DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND,
    },
    payloadCodec,
    shutdownGraceMs: 1_000,
    logLevel: 'silent',
    ...(options.reconcileIntervalMs === undefined ? {} : { reconcileIntervalMs: options.reconcileIntervalMs }),
  });

  const reset = async () => {
    await sandbox.admin.reset();
    await sandbox.admin.updateSettings({ quoteValidityMs, activationDelayMs });
    if (options.webhooks !== false) await sandbox.admin.setWebhook({ url: relay.url, secret: relay.secret });
  };
  await reset();

  return {
    env,
    sandbox,
    relay,
    workflowBundle,
    config,
    reset,
    startProvisioning: (taskQueue, request) =>
      env.client.workflow.start(provisionInternetOnDemand, {
        taskQueue,
        workflowId: workflowIdFor(request.requestId),
        args: [request],
      }),
    async withWorker(work) {
      const taskQueue = `iod-test-${freshRequestId()}`;
      const { worker, close } = await createWorker(config(taskQueue), {
        connection: env.nativeConnection,
        workflowBundle,
        logger,
      });
      try {
        return await worker.runUntil(work(taskQueue));
      } finally {
        // A schedule left behind would go on starting sweeps on a task queue no worker polls.
        if (typeof options.reconcileIntervalMs === 'number') {
          await applyReconcileSchedule(env.client, taskQueue, 'off').catch(() => undefined);
        }
        await close();
      }
    },
    async startWorker(taskQueue) {
      const { worker, close } = await createWorker(config(taskQueue), {
        connection: env.nativeConnection,
        workflowBundle,
        logger,
      });
      const running = worker.run();
      return {
        async stop() {
          worker.shutdown();
          await running;
          await close();
        },
      };
    },
    async close() {
      await relay.close();
      await sandbox.close();
      await env.teardown();
    },
  };
}

/**
 * Registers the jest hooks that start a stack before the file's tests and close it after them; with
 * `resetBeforeEach`, each test starts from the sandbox's seed. The stack answers only inside the hooks and tests.
 */
export function useIntegrationStack(
  options: StackOptions = {},
  { resetBeforeEach = false }: { resetBeforeEach?: boolean } = {},
): IntegrationStack {
  let started: IntegrationStack | undefined;
  const stack = () => {
    if (!started) throw new Error('the integration stack has not started');
    return started;
  };
  beforeAll(async () => {
    started = await startIntegrationStack(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  if (resetBeforeEach) beforeEach(() => stack().reset());
  return {
    get env() {
      return stack().env;
    },
    get sandbox() {
      return stack().sandbox;
    },
    get relay() {
      return stack().relay;
    },
    get workflowBundle() {
      return stack().workflowBundle;
    },
    config: (taskQueue) => stack().config(taskQueue),
    withWorker: (work) => stack().withWorker(work),
    startWorker: (taskQueue) => stack().startWorker(taskQueue),
    startProvisioning: (taskQueue, request) => stack().startProvisioning(taskQueue, request),
    reset: () => stack().reset(),
    close: () => stack().close(),
  };
}

/** A request the sandbox can fulfil: customer 1-SANDBOX, Equinix Monroe, 100 Mbps, quick polling. */
export function sandboxRequest(overrides: Partial<ProvisioningRequestInput> = {}): ProvisioningRequestInput {
  return provisioningRequest({
    requestId: freshRequestId('S'),
    customerNumber: SANDBOX_CUSTOMER,
    site: { masterSiteId: MONROE },
    activationTimeout: '30 seconds',
    pollInterval: '1 second',
    ...overrides,
  });
}
