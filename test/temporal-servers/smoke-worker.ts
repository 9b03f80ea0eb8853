// A worker for the smoke workflows, to prove a server runs workflows, activities and messages at all.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../env/codec';

/** Polls `taskQueue` on `env` with the smoke workflows and their one activity, `shout`. */
export function smokeWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  shout: (text: string) => Promise<string>,
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    dataConverter: testDataConverter,
    taskQueue,
    workflowsPath: require.resolve('./smoke-workflows'),
    activities: { shout },
  });
}
