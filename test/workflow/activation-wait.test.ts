// Waiting for activation, with real durations on the time-skipping server: the 72-hour timeout, inventory
// polling that finds the service hours later without any webhook, and a webhook that decides at once.
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { workflowIdFor } from '../../domain/names';
import type { LumenNotification } from '../../domain/notification';
import type { ProvisioningStatus } from '../../domain/status';
import { provisionInternetOnDemand } from '../../workflows';
import { lumenNotificationSignal, statusQuery } from '../../workflows/messages';
import { FakeLumen, testServerClock } from './fake-lumen';
import { freshRequestId, provisioningRequest } from '../env/requests';
import { silentLogger } from './silent-logger';
import { startTimeSkippingEnvironment } from '../env/temporal';
import { bundleProvisioningWorkflow } from './workflow-bundle';

const HOUR = 3_600_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([startTimeSkippingEnvironment(), bundleProvisioningWorkflow()]);
});

afterAll(async () => {
  await env?.teardown();
});

async function withWorker<T>(lumen: FakeLumen, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `activation-${freshRequestId()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities({ lumen, clock: testServerClock, quoteValidityMs: 15 * 60_000, logger: silentLogger }),
  });
  return worker.runUntil(run(taskQueue));
}

async function until(
  handle: WorkflowHandle,
  test: (status: ProvisioningStatus) => boolean,
): Promise<ProvisioningStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await handle.query(statusQuery);
    if (test(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the workflow never reached the expected status');
}

function orderEvent(
  eventId: string,
  order: { id: string; externalId: string; state: 'inProgress' | 'completed' | 'failed'; serviceId?: string },
): LumenNotification {
  return {
    eventId,
    eventTime: new Date().toISOString(),
    eventType: 'ProductOrderStateChangeEvent',
    event: { productOrder: order },
  };
}

test('with no word from Lumen, the provisioning fails as ActivationTimedOut after 72 hours', async () => {
  const lumen = new FakeLumen();
  lumen.activateAfterMs = undefined;
  const requestId = freshRequestId();
  const started = await env.currentTimeMs();

  const { failure, status } = await withWorker(lumen, async (taskQueue) => {
    const handle = await env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId, pollInterval: '1 hour' })],
    });
    const failure = await handle.result().catch((error: unknown) => error);
    return { failure, status: await handle.query(statusQuery) }; // a closed workflow's query needs a worker
  });

  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('ActivationTimedOut');
  expect(cause.message).toMatch(/order-1 .* was not active 3 days after it was placed/);
  expect((await env.currentTimeMs()) - started).toBeGreaterThanOrEqual(72 * HOUR);
  expect(lumen.count('listInventory')).toBeGreaterThanOrEqual(72);
  expect(status).toMatchObject({ step: 'FAILED', orderId: 'order-1', lastError: cause.message });
});

test('inventory polling alone finds the service active six hours after the order', async () => {
  const lumen = new FakeLumen();
  lumen.activateAfterMs = 6 * HOUR;
  const requestId = freshRequestId();

  const result = await withWorker(lumen, (taskQueue) =>
    env.client.workflow.execute(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId })], // pollInterval defaults to 5 minutes
    }),
  );

  const orderedAt = lumen.orders[0].at;
  expect(Date.parse(result.activatedAt) - orderedAt).toBeGreaterThanOrEqual(6 * HOUR);
  expect(Date.parse(result.activatedAt) - orderedAt).toBeLessThan(6 * HOUR + 10 * 60_000);
  expect(lumen.count('listInventory')).toBeGreaterThanOrEqual(6 * 12);
  expect(result).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', serviceId: '77133831770', quotesRequested: 1 });
});

test('a completed webhook decides at once; duplicates, strangers and late events change nothing', async () => {
  const lumen = new FakeLumen();
  lumen.activateAfterMs = undefined; // inventory would never say Active
  const requestId = freshRequestId();

  const { result, status } = await withWorker(lumen, async (taskQueue) => {
    const handle = await env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId })],
    });
    const { orderId } = await until(handle, (s) => s.step === 'AWAIT_ACTIVATION');
    const ours = { id: orderId!, externalId: requestId, serviceId: '77133831999' };
    await handle.signal(
      lumenNotificationSignal,
      orderEvent('e-other', { ...ours, externalId: 'SOMEONE-ELSE', state: 'completed' }),
    );
    await handle.signal(
      lumenNotificationSignal,
      orderEvent('e-wrong-order', { ...ours, id: 'another-order', state: 'failed' }),
    );
    await handle.signal(lumenNotificationSignal, orderEvent('e-1', { ...ours, state: 'inProgress' }));
    await handle.signal(lumenNotificationSignal, orderEvent('e-2', { ...ours, state: 'completed' }));
    await handle.signal(lumenNotificationSignal, orderEvent('e-2', { ...ours, state: 'completed' }));
    await handle.signal(lumenNotificationSignal, orderEvent('e-3', { ...ours, state: 'failed' }));
    const result = await handle.result();
    return { result, status: await handle.query(statusQuery) };
  });

  expect(result).toMatchObject({ status: 'ACTIVE', serviceId: '77133831999', orderId: 'order-1' });
  expect(status.step).toBe('ACTIVE');
  expect(status.history.filter((h) => h.detail.includes('reports order'))).toHaveLength(3);
});
