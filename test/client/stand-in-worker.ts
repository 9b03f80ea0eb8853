// Runs the stand-in workflow on a task queue of the test's choosing, bundled once per test file.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { testDataConverter } from '../env/codec';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

export interface RunningWorker {
  stop(): Promise<void>;
}

export async function startStandInWorker(env: TestWorkflowEnvironment, taskQueue: string): Promise<RunningWorker> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('./stand-in-workflow'),
    logger: new DefaultLogger('WARN'),
  });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: testDataConverter,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await bundle,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
