// createWorker / runWorker: the provisioning worker, usable alone (`npm run worker`) or inside another
// process (`npm start` runs it beside its embedded dev server and sandbox).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, systemClock } from '../activities';
import { dataConverterFor } from '../codec/data-converter';
import { createLogger, type Logger } from '../logging/logger';
import type { LumenApi } from '../lumen/api';
import { createLumenClient } from '../lumen/client';
import { RequestRateLimiter } from '../lumen/rate-limiter';
import { startDelivery } from '../notifications/delivery-start';
import { createNotificationSender } from '../notifications/sender';
import { CredentialsAlarm } from './credentials-alarm';
import { LUMEN_MAX_REQUEST_WAIT_MS, type WorkerConfig } from './config';
import { becomeCurrentIfNone, resolveDeployment } from './deployment';
import { applyReconcileSchedule } from './reconcile-schedule';
import type { Tracing } from './tracing';
import { DEFAULT_TUNING, workerOptionsFor } from './tuning';
import { chooseWorkflowBundle, DEFAULT_BUNDLE_DIR, variantFor } from './workflow-bundle';

export { bundleProvisioningWorkflows, provisioningBundleOptions } from './workflow-bundle';

export interface WorkerDeps {
  /** An existing connection to reuse; otherwise one is made from config.temporal and closed at the end. */
  connection?: NativeConnection;
  /** A Lumen client to use instead of the HTTP client built from config.lumen (tests pass a fake). */
  lumen?: LumenApi;
  logger?: Logger;
  /**
   * Prebundled workflow code, bundled with provisioningBundleOptions for the same payload and tracing
   * settings (they decide whether failure messages are encoded and spans made); otherwise the prebuilt
   * bundle of `npm run build` when it is current, else workflows/ bundled at start.
   */
  workflowBundle?: WorkflowBundleOption;
  /** A client for the activities that talk to other workflows; otherwise one is made from config.temporal when first needed. */
  client?: Client;
}

export interface CreatedWorker {
  worker: Worker;
  /** The deployment version this worker serves; absent when unversioned. */
  deployment?: { deploymentName: string; buildId: string };
  /** The worker's connection to Temporal, open until close(). */
  connection: NativeConnection;
  /** Closes what createWorker opened (connections, Lumen client). Call after worker.run() settles. */
  close(): Promise<void>;
}

export async function createWorker(config: WorkerConfig, deps: WorkerDeps = {}): Promise<CreatedWorker> {
  const logger = deps.logger ?? createLogger('worker');
  const ownsConnection = deps.connection === undefined;
  const connection = deps.connection ?? (await NativeConnection.connect(config.temporal.connection));
  const tracing = await startTracingIfOn(config);
  const dataConverter = dataConverterFor(config.payloadCodec);
  // For the activities that start or update other workflows: connected on first use, with the same codec.
  let ownClient: Promise<{ client: Client; connection: Connection }> | undefined;
  const temporalClient = async (): Promise<Client> => {
    if (deps.client) return deps.client;
    ownClient ??= Connection.connect(config.temporal.connection).then((connection) => ({
      connection,
      client: new Client({
        connection,
        namespace: config.temporal.namespace,
        dataConverter,
        interceptors: { workflow: tracing?.clientInterceptors ?? [] },
      }),
    }));
    return (await ownClient).client;
  };
  const notifications = config.notifications
    ? createNotificationSender(config.notifications, { logger: logger.child({ component: 'notifications' }) })
    : undefined;
  const credentials = new CredentialsAlarm({
    logger: logger.child({ component: 'lumen' }),
    lumenBaseUrl: config.lumen.baseUrl,
    ...(notifications
      ? {
          deliver: async (notification) =>
            startDelivery(await temporalClient(), config.temporal.taskQueue, notification),
        }
      : {}),
  });
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
          // Measured at the sandbox: requests that left 100 ms apart arrived up to a few ms closer; 5%
          // of each interval and of the window is kept free for that.
          spare: 0.05,
          setting: 'LUMEN_MAX_REQUESTS_PER_SECOND',
        }),
        logger: logger.child({ component: 'lumen' }),
        tracer: tracing?.tracer,
        credentials,
      });
  const lumen = deps.lumen ?? (lumenClient as LumenApi);
  const closeOwnClient = async () => {
    if (ownClient) await (await ownClient.catch(() => undefined))?.connection.close();
  };
  const closeTracing = async () => {
    await tracing?.shutdown();
  };
  try {
    const workflowBundle = deps.workflowBundle ?? (await workflowBundleFor(config, tracing !== undefined, logger));
    const deployment = config.deployment && (await resolveDeployment(config.deployment, workflowBundle));
    if (deployment)
      logger.info({ deploymentName: deployment.deploymentName, buildId: deployment.buildId }, 'worker versioning: on');
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataConverter,
      workflowBundle,
      ...(deployment ? { workerDeploymentOptions: deployment.options } : {}),
      activities: createActivities({
        lumen,
        clock: systemClock,
        quoteValidityMs: config.lumen.quoteValidityMs,
        inventoryLagMs: config.lumen.inventoryLagMs,
        logger: logger.child({ component: 'activities' }),
        temporalClient,
        notifications,
      }),
      shutdownGraceTime: config.shutdownGraceMs,
      ...workerOptionsFor(config.tuning ?? DEFAULT_TUNING),
      ...tracing?.workerOptions,
    });
    if (config.reconcileIntervalMs !== undefined) {
      await setReconcileSchedule(await temporalClient(), config, logger);
    }
    return {
      worker,
      connection,
      ...(deployment ? { deployment: { deploymentName: deployment.deploymentName, buildId: deployment.buildId } } : {}),
      close: async () => {
        await lumenClient?.close();
        await closeOwnClient();
        if (ownsConnection) await connection.close();
        // Last: the spans of the final tasks are sent before the process ends.
        await closeTracing();
      },
    };
  } catch (error) {
    await lumenClient?.close();
    if (ownsConnection) await connection.close();
    await closeTracing();
    throw error;
  }
}

/** Reconciliation starts with the worker; a server that refuses it does not stop the worker serving its queue. */
async function setReconcileSchedule(client: Client, config: WorkerConfig, logger: Logger): Promise<void> {
  const interval = config.reconcileIntervalMs ?? 'off';
  try {
    const state = await applyReconcileSchedule(client, config.temporal.taskQueue, interval);
    logger.info(state, 'reconciliation schedule set');
  } catch (error) {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'reconciliation schedule not set: managed services are not compared with Lumen until a worker sets it',
    );
  }
}

// Loaded only when on: a worker without OTEL_* settings loads no OpenTelemetry SDK and makes no span.
async function startTracingIfOn(config: WorkerConfig): Promise<Tracing | undefined> {
  if (config.tracing?.exporter !== 'otlp') return undefined;
  const { startTracing } = await import('./tracing');
  return startTracing(config.tracing);
}

async function workflowBundleFor(
  config: WorkerConfig,
  tracing: boolean,
  logger: Logger,
): Promise<WorkflowBundleOption> {
  const dir = config.workflowBundleDir ?? DEFAULT_BUNDLE_DIR;
  const choice = await chooseWorkflowBundle(variantFor(config.payloadCodec, tracing), dir, logger);
  if (choice.source === 'prebuilt') {
    logger.info({ file: choice.file, builtAt: choice.builtAt }, 'workflow bundle: prebuilt');
  } else {
    logger.info({ reason: choice.reason, ms: choice.ms }, 'workflow bundle: bundled workflows/ at start');
  }
  return choice.bundle;
}

/** Runs until `signal` aborts (or the runtime's SIGINT/SIGTERM handling shuts the worker down), then drains and closes. */
export async function runWorker(
  config: WorkerConfig,
  options: WorkerDeps & { signal?: AbortSignal } = {},
): Promise<void> {
  const { worker, close, deployment, connection } = await createWorker(config, options);
  const logger = options.logger ?? createLogger('worker');
  const stopped = new AbortController();
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  try {
    if (options.signal?.aborted) return;
    options.signal?.addEventListener('abort', stop, { once: true });
    logger.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'worker running');
    const running = worker.run();
    // Beside the pollers: the server knows this version only once it has seen them.
    const madeCurrent = deployment
      ? becomeCurrentIfNone({
          workflowService: connection.workflowService,
          namespace: config.temporal.namespace,
          ...deployment,
          identity: worker.options.identity,
          logger,
          signal: stopped.signal,
        }).catch((error: unknown) => logger.warn({ err: error }, 'could not make this build current'))
      : undefined;
    try {
      await running;
    } finally {
      stopped.abort();
      await madeCurrent;
    }
    logger.info({ taskQueue: config.temporal.taskQueue }, 'worker stopped');
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await close();
  }
}
