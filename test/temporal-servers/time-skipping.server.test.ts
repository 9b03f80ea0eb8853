import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment } from '../env/temporal';
import { greetSignal, sleeper, smoke } from './smoke-workflows';
import { smokeWorker } from './smoke-worker';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await startTimeSkippingEnvironment();
});

afterAll(async () => {
  await env?.teardown();
});

test('a 15-minute timer passes without 15 minutes of wall time: the server skips it', async () => {
  const worker = await smokeWorker(env, 'smoke-ts', async (text: string) => text);
  await worker.runUntil(async () => {
    const started = Date.now();
    const result = await env.client.workflow.execute(sleeper, {
      taskQueue: 'smoke-ts',
      workflowId: 'sleeper-1',
      args: ['15 minutes'],
    });
    expect(result).toBe('woke up');
    // Far below the timer's own 15 minutes however loaded the machine: the time was skipped, not waited.
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

test('signals and activities work under time skipping', async () => {
  const worker = await smokeWorker(env, 'smoke-ts-2', async (text: string) => `${text}!`);
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(smoke, {
      taskQueue: 'smoke-ts-2',
      workflowId: 'smoke-ts-1',
      args: [1],
    });
    await handle.signal(greetSignal, 'hi');
    return handle.result();
  });
  expect(result).toEqual(['hi', 'hi!']);
});
