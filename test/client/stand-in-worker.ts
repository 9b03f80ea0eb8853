// Runs the stand-in workflows on a task queue of the test's choosing, bundled once per test file. The
// scheduled-change stand-in applies its change through the client library, as a real activity would.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { changeBandwidth } from '../../client/service-updates';
import type { ChangeResult } from '../../domain/service';
import { testDataConverter } from '../env/codec';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

export interface RunningWorker {
  stop(): Promise<void>;
}

export interface ScheduledChangeActivities {
  applyScheduledChange(change: { serviceId: string; changeId: string; speed: string }): Promise<ChangeResult>;
}

export async function startStandInWorker(env: TestWorkflowEnvironment, taskQueue: string): Promise<RunningWorker> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('./stand-in-workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const activities: ScheduledChangeActivities = {
    applyScheduledChange: ({ serviceId, changeId, speed }) =>
      changeBandwidth(env.client, serviceId, { changeId, speed }, { wait: true }),
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: testDataConverter,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await bundle,
    activities,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
