import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../domain/names';
import { TEMPORAL_SERVER_VERSION } from '../../temporal-servers/paths';
import { startDevEnvironment } from '../env/temporal';
import { addGreetingUpdate, greetingsQuery, greetSignal, smoke } from './smoke-workflows';
import { smokeWorker } from './smoke-worker';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await startDevEnvironment();
});

afterAll(async () => {
  await env?.teardown();
});

test('an activity runs, a signal arrives, a query answers and an update is accepted on the dev server', async () => {
  const worker = await smokeWorker(env, 'smoke-dev', async (text: string) => text.toUpperCase());
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(smoke, {
      taskQueue: 'smoke-dev',
      workflowId: 'smoke-dev-1',
      args: [2],
    });
    await handle.signal(greetSignal, 'hello');
    // Refused while the workflow still waits: after the second greeting it may already have completed.
    await expect(handle.executeUpdate(addGreetingUpdate, { args: [''] })).rejects.toThrow(WorkflowUpdateFailedError);
    expect(await handle.executeUpdate(addGreetingUpdate, { args: ['world'] })).toBe(2);
    const outcome = await handle.result();
    expect(await handle.query(greetingsQuery)).toEqual(outcome);
    return outcome;
  });
  expect(result).toEqual(['hello', 'world', 'HELLO WORLD']);
});

test('the custom search attributes are registered as Keyword', async () => {
  const response = await env.connection.operatorService.listSearchAttributes({ namespace: env.namespace ?? 'default' });
  for (const name of SEARCH_ATTRIBUTES) {
    expect(response.customAttributes[name]).toBe(2); // INDEXED_VALUE_TYPE_KEYWORD
  }
});

test('the dev server runs the pinned Temporal server, and Worker Versioning with it', async () => {
  const { serverVersion } = await env.connection.workflowService.getSystemInfo({});
  expect(serverVersion).toBe(TEMPORAL_SERVER_VERSION);
  // A deployment no worker has joined is unknown; the API answers rather than being unimplemented.
  await expect(
    env.connection.workflowService.describeWorkerDeployment({
      namespace: env.namespace ?? 'default',
      deploymentName: 'none-yet',
    }),
  ).rejects.toThrow(/NOT_FOUND/);
});
