// The time-skipping server for workflow tests with real durations: one environment per test file, a
// worker with the real activities and the real Lumen client over the sandbox's engine in process per
// test, on a task queue of its own, encrypting with the tests' key.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, DEFAULT_INVENTORY_LAG_MS, type ActivityDeps } from '../../activities';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import { serviceWorkflowIdFor, type ServiceInput } from '../../domain/service';
import { manageInternetOnDemandService, provisionInternetOnDemand } from '../../workflows';
import { serviceQuery } from '../../workflows/messages';
import { testDataConverter } from '../env/codec';
import { startTimeSkippingEnvironment } from '../env/temporal';
import { freshRequestId, provisioningRequest } from '../env/requests';
import type { InProcessLumen } from './in-process-lumen';
import { knowServerTime, serverTimeForLocalActivities, testServerClock } from './server-clock';
import { silentLogger } from './silent-logger';
import { bundleProvisioningWorkflow } from './workflow-bundle';

export const QUOTE_VALIDITY_MS = 15 * 60_000;

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  /**
   * Runs `work` while a worker with the real activities over `lumen` polls a fresh task queue. The
   * service workflows of the services `lumen` holds are ended afterwards: one left running with no
   * worker would hold the test server's clock for the tests after it.
   */
  withWorker<T>(
    lumen: InProcessLumen,
    work: (taskQueue: string) => Promise<T>,
    deps?: Partial<ActivityDeps>,
  ): Promise<T>;
  /** Starts a provisioning of `overrides` (a fresh request id unless given) on `taskQueue`. */
  startProvisioning(
    taskQueue: string,
    overrides?: Partial<ProvisioningRequestInput>,
  ): Promise<WorkflowHandle<typeof provisionInternetOnDemand>>;
  /** Starts the service workflow for `serviceId` (customer 1-ABCDE) on `taskQueue`. */
  startService(
    taskQueue: string,
    serviceId: string,
    overrides?: Partial<ServiceInput> & { maxHistoryEvents?: number },
  ): Promise<WorkflowHandle<typeof manageInternetOnDemandService>>;
  teardown(): Promise<void>;
}

export async function startTimeSkipping(): Promise<TimeSkipping> {
  const [env, workflowBundle] = await Promise.all([startTimeSkippingEnvironment(), bundleProvisioningWorkflow()]);
  knowServerTime(await env.currentTimeMs());
  return {
    env,
    withWorker: (lumen, work, deps) => runWorker(env, workflowBundle, lumen, work, deps),
    startProvisioning: (taskQueue, overrides = {}) => {
      const requestId = overrides.requestId ?? freshRequestId();
      return env.client.workflow.start(provisionInternetOnDemand, {
        taskQueue,
        workflowId: workflowIdFor(requestId),
        args: [provisioningRequest({ ...overrides, requestId })],
      });
    },
    startService: (taskQueue, serviceId, overrides = {}) =>
      env.client.workflow.start(manageInternetOnDemandService, {
        taskQueue,
        workflowId: serviceWorkflowIdFor(serviceId),
        args: [{ serviceId, customerNumber: '1-ABCDE', ...overrides }],
      }),
    teardown: () => env.teardown(),
  };
}

async function runWorker<T>(
  env: TestWorkflowEnvironment,
  workflowBundle: WorkflowBundleWithSourceMap,
  lumen: InProcessLumen,
  work: (taskQueue: string) => Promise<T>,
  deps: Partial<ActivityDeps> = {},
): Promise<T> {
  const taskQueue = `ts-${freshRequestId()}`;
  knowServerTime(await env.currentTimeMs());
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: testDataConverter,
    taskQueue,
    workflowBundle,
    interceptors: { activity: [serverTimeForLocalActivities(() => env.currentTimeMs())] },
    activities: createActivities({
      lumen: lumen.api,
      clock: testServerClock,
      quoteValidityMs: QUOTE_VALIDITY_MS,
      inventoryLagMs: DEFAULT_INVENTORY_LAG_MS,
      logger: silentLogger,
      temporalClient: async () => env.client,
      ...deps,
    }),
  });
  return worker.runUntil(async () => {
    try {
      return await work(taskQueue);
    } finally {
      await Promise.all(lumen.serviceIds.map((serviceId) => endQuietly(env, serviceWorkflowIdFor(serviceId))));
      knowServerTime(await env.currentTimeMs());
    }
  });
}

/** Registers the jest hooks that start the test server before the file's tests and tear it down after them. */
export function useTimeSkipping(): TimeSkipping {
  let started: TimeSkipping | undefined;
  const world = () => {
    if (!started) throw new Error('the time-skipping server has not started');
    return started;
  };
  beforeAll(async () => {
    started = await startTimeSkipping();
  });
  afterAll(async () => {
    await started?.teardown();
  });
  return {
    get env() {
      return world().env;
    },
    withWorker: (lumen, work, deps) => world().withWorker(lumen, work, deps),
    startProvisioning: (taskQueue, overrides) => world().startProvisioning(taskQueue, overrides),
    startService: (taskQueue, serviceId, overrides) => world().startService(taskQueue, serviceId, overrides),
    teardown: () => world().teardown(),
  };
}

/**
 * Terminates a service workflow once it is idle. The test server never gives its clock back after a
 * run is terminated with a workflow task in flight, so the worker is let finish what it holds first.
 */
async function endQuietly(env: TestWorkflowEnvironment, workflowId: string): Promise<void> {
  const handle = env.client.workflow.getHandle(workflowId);
  for (let i = 0; i < 200; i++) {
    const described = await handle.describe().catch(() => undefined);
    if (!described || described.status.name !== 'RUNNING') return;
    // Answered once the workflow has read the service and waits: nothing is in flight then.
    const view = await handle.query(serviceQuery).catch(() => undefined);
    if (view && view.history.length > 0 && !described.raw.pendingWorkflowTask) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await handle.terminate('test over').catch(() => undefined);
}

/**
 * Terminates any workflow once no workflow task of it is in flight (a local activity runs inside one),
 * for the same reason as above: a run ended mid-task would stop the clock for every later test.
 */
export async function terminateWhenIdle(handle: WorkflowHandle): Promise<void> {
  let idleChecks = 0;
  for (let i = 0; i < 400 && idleChecks < 3; i++) {
    const described = await handle.describe();
    if (described.status.name !== 'RUNNING') return;
    idleChecks = described.raw.pendingWorkflowTask ? 0 : idleChecks + 1;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await handle.terminate('test over');
}
