// createWorker / runWorker: the provisioning worker, usable alone (`npm run worker`) or inside another
// process (`npm start` runs it beside its embedded dev server and sandbox).
import type { Logger as SdkLogger } from '@temporalio/common';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, systemClock } from '../activities';
import { dataConverterFor, ENCODED_FAILURES_PATH } from '../codec/data-converter';
import type { PayloadCodecSettings } from '../codec/settings';
import { createLogger, type Logger } from '../logging/logger';
import type { LumenApi } from '../lumen/api';
import { createLumenClient } from '../lumen/client';
import { RequestRateLimiter } from '../lumen/rate-limiter';
import { LUMEN_MAX_REQUEST_WAIT_MS, type WorkerConfig } from './config';

export interface WorkerDeps {
  /** An existing connection to reuse; otherwise one is made from config.temporal and closed at the end. */
  connection?: NativeConnection;
  /** A Lumen client to use instead of the HTTP client built from config.lumen (tests pass a fake). */
  lumen?: LumenApi;
  logger?: Logger;
  /**
   * Prebundled workflow code, bundled with provisioningBundleOptions for the same payload settings (they
   * decide whether failure messages are encoded); otherwise workflows/ is bundled at start.
   */
  workflowBundle?: WorkflowBundle;
  /** A client for the activities that talk to other workflows; otherwise one is made from config.temporal when first needed. */
  client?: Client;
}

/** What bundling takes: workflows/, and with encryption on the failure converter that encodes messages. */
export function provisioningBundleOptions(payloadCodec: PayloadCodecSettings) {
  return {
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath: payloadCodec.encryption === 'off' ? undefined : ENCODED_FAILURES_PATH,
  };
}

/** Bundles workflows/ once; webpack's chatter goes to debug, problems stay visible. */
export async function bundleProvisioningWorkflows(
  payloadCodec: PayloadCodecSettings,
  logger: Logger = createLogger('worker'),
): Promise<WorkflowBundle> {
  const quiet: SdkLogger = {
    log: (_level, message, meta) => logger.debug({ ...meta }, message),
    trace: (message, meta) => logger.trace({ ...meta }, message),
    debug: (message, meta) => logger.debug({ ...meta }, message),
    info: (message, meta) => logger.debug({ ...meta }, message),
    warn: (message, meta) => logger.warn({ ...meta }, message),
    error: (message, meta) => logger.error({ ...meta }, message),
  };
  return bundleWorkflowCode({ ...provisioningBundleOptions(payloadCodec), logger: quiet });
}

export interface CreatedWorker {
  worker: Worker;
  /** Closes what createWorker opened (connections, Lumen client). Call after worker.run() settles. */
  close(): Promise<void>;
}

export async function createWorker(config: WorkerConfig, deps: WorkerDeps = {}): Promise<CreatedWorker> {
  const logger = deps.logger ?? createLogger('worker');
  const ownsConnection = deps.connection === undefined;
  const connection = deps.connection ?? (await NativeConnection.connect(config.temporal.connection));
  const lumenClient = deps.lumen
    ? undefined
    : createLumenClient({
        baseUrl: config.lumen.baseUrl,
        consumerKey: config.lumen.consumerKey,
        consumerSecret: config.lumen.consumerSecret,
        // One ceiling for the whole worker: every activity's calls share this client.
        limiter: new RequestRateLimiter({
          perSecond: config.lumen.maxRequestsPerSecond,
          maxWaitMs: LUMEN_MAX_REQUEST_WAIT_MS,
          setting: 'LUMEN_MAX_REQUESTS_PER_SECOND',
        }),
        logger: logger.child({ component: 'lumen' }),
      });
  const lumen = deps.lumen ?? (lumenClient as LumenApi);
  const dataConverter = dataConverterFor(config.payloadCodec);
  // For the activities that start or update other workflows: connected on first use, with the same codec.
  let ownClient: Promise<{ client: Client; connection: Connection }> | undefined;
  const temporalClient = async (): Promise<Client> => {
    if (deps.client) return deps.client;
    ownClient ??= Connection.connect(config.temporal.connection).then((connection) => ({
      connection,
      client: new Client({ connection, namespace: config.temporal.namespace, dataConverter }),
    }));
    return (await ownClient).client;
  };
  const closeOwnClient = async () => {
    if (ownClient) await (await ownClient.catch(() => undefined))?.connection.close();
  };
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataConverter,
      workflowBundle: deps.workflowBundle ?? (await bundleProvisioningWorkflows(config.payloadCodec, logger)),
      activities: createActivities({
        lumen,
        clock: systemClock,
        quoteValidityMs: config.lumen.quoteValidityMs,
        inventoryLagMs: config.lumen.inventoryLagMs,
        logger: logger.child({ component: 'activities' }),
        temporalClient,
      }),
      shutdownGraceTime: config.shutdownGraceMs,
    });
    return {
      worker,
      close: async () => {
        await lumenClient?.close();
        await closeOwnClient();
        if (ownsConnection) await connection.close();
      },
    };
  } catch (error) {
    await lumenClient?.close();
    if (ownsConnection) await connection.close();
    throw error;
  }
}

/** Runs until `signal` aborts (or the runtime's SIGINT/SIGTERM handling shuts the worker down), then drains and closes. */
export async function runWorker(
  config: WorkerConfig,
  options: WorkerDeps & { signal?: AbortSignal } = {},
): Promise<void> {
  const { worker, close } = await createWorker(config, options);
  const logger = options.logger ?? createLogger('worker');
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  try {
    if (options.signal?.aborted) return;
    options.signal?.addEventListener('abort', stop, { once: true });
    logger.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'worker running');
    await worker.run();
    logger.info({ taskQueue: config.temporal.taskQueue }, 'worker stopped');
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await close();
  }
}
