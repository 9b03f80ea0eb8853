// The time-skipping server for workflow tests with real durations: one environment per test file, a
// worker with the real activities over a fake Lumen per test, on a task queue of its own, encrypting with
// the tests' key.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, DEFAULT_INVENTORY_LAG_MS, type ActivityDeps } from '../../activities';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import type { LumenApi } from '../../lumen/api';
import { provisionInternetOnDemand } from '../../workflows';
import { testDataConverter } from '../env/codec';
import { startTimeSkippingEnvironment } from '../env/temporal';
import { freshRequestId, provisioningRequest } from '../env/requests';
import { testServerClock } from './fake-lumen';
import { silentLogger } from './silent-logger';
import { bundleProvisioningWorkflow } from './workflow-bundle';

export const QUOTE_VALIDITY_MS = 15 * 60_000;

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  /** Runs `work` while a worker with the real activities over `lumen` polls a fresh task queue. */
  withWorker<T>(lumen: LumenApi, work: (taskQueue: string) => Promise<T>, deps?: Partial<ActivityDeps>): Promise<T>;
  /** Starts a provisioning of `overrides` (a fresh request id unless given) on `taskQueue`. */
  startProvisioning(
    taskQueue: string,
    overrides?: Partial<ProvisioningRequestInput>,
  ): Promise<WorkflowHandle<typeof provisionInternetOnDemand>>;
  teardown(): Promise<void>;
}

export async function startTimeSkipping(): Promise<TimeSkipping> {
  const [env, workflowBundle] = await Promise.all([startTimeSkippingEnvironment(), bundleProvisioningWorkflow()]);
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
    teardown: () => env.teardown(),
  };
}

async function runWorker<T>(
  env: TestWorkflowEnvironment,
  workflowBundle: WorkflowBundleWithSourceMap,
  lumen: LumenApi,
  work: (taskQueue: string) => Promise<T>,
  deps: Partial<ActivityDeps> = {},
): Promise<T> {
  const taskQueue = `ts-${freshRequestId()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: testDataConverter,
    taskQueue,
    workflowBundle,
    activities: createActivities({
      lumen,
      clock: testServerClock,
      quoteValidityMs: QUOTE_VALIDITY_MS,
      inventoryLagMs: DEFAULT_INVENTORY_LAG_MS,
      logger: silentLogger,
      ...deps,
    }),
  });
  return worker.runUntil(work(taskQueue));
}
