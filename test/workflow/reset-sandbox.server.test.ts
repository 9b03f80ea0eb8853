// Resetting a provisioning (Temporal's reset API) replays it from an earlier workflow task and forgets
// what it did after that point, its order included. It must still end with exactly one order.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import { provisionInternetOnDemand } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import { localActivityOf } from './history-activities';
import { sandboxRequest, useIntegrationStack } from './integration-stack';
import { statusWhen } from './status-polling';

const { EventType } = temporal.api.enums.v1;
const ORDER_PATH = '/Customer/v3/Ordering/orderRequest';
// Quotes live 20 s here; the worker allows inventory 8 s to catch up (the sandbox shows at once unless told).
const stack = useIntegrationStack({ quoteValidityMs: 20_000, inventoryLagMs: 8_000 }, { resetBeforeEach: true });

/** The id of the WorkflowTaskCompleted event that scheduled the first `activityType`. */
async function taskBefore(handle: WorkflowHandle, activityType: string): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = events.find(
    (e) =>
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
      e.activityTaskScheduledEventAttributes?.activityType?.name === activityType,
  );
  if (!scheduled) throw new Error(`no ${activityType} in the history`);
  return Number(scheduled.activityTaskScheduledEventAttributes?.workflowTaskCompletedEventId);
}

async function firstTask(handle: WorkflowHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const completed = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  return Number(completed?.eventId);
}

function startProvisioning(taskQueue: string, request: ReturnType<typeof sandboxRequest>) {
  return stack.startProvisioning(taskQueue, request);
}

/** Resets the provisioning to a workflow task and follows the new run to its end: its result and status. */
async function resetAndRerun(handle: WorkflowHandle, workflowTaskFinishEventId: number) {
  const response = await stack.env.client.workflowService.resetWorkflowExecution({
    namespace: stack.env.namespace ?? 'default',
    workflowExecution: { workflowId: handle.workflowId },
    workflowTaskFinishEventId: Long.fromNumber(workflowTaskFinishEventId),
    requestId: randomUUID(),
    reason: 'test: replay the order step',
  });
  const rerun = stack.env.client.workflow.getHandle<typeof provisionInternetOnDemand>(
    handle.workflowId,
    response.runId ?? '',
  );
  const again = await rerun.result();
  return { again, status: await rerun.query(statusQuery) };
}

const awaitingActivation = (handle: WorkflowHandle, timeoutMs?: number) =>
  statusWhen(handle, (status) => status.step === 'AWAIT_ACTIVATION', timeoutMs);

test.each([
  ['the workflow task just before the order', (handle: WorkflowHandle) => taskBefore(handle, 'placeOrder')],
  ['the first workflow task', firstTask],
])('reset to %s after the provisioning ended: the new run orders nothing more', async (_point, pointOf) => {
  const request = sandboxRequest();

  const { first, again, status } = await stack.withWorker(async (taskQueue) => {
    const handle = await startProvisioning(taskQueue, request);
    const first = await handle.result();
    return { first, ...(await resetAndRerun(handle, await pointOf(handle))) };
  });

  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(again).toMatchObject({ status: 'ACTIVE', orderId: first.orderId, serviceId: first.serviceId });
  // The new run learnt of the order (inventory, or Lumen's events re-applied by the reset) instead of placing one.
  const decided = status.history.map((h) => h.detail).filter((detail) => /^Order \S+: /.test(detail));
  expect(decided).toHaveLength(1);
  expect(decided[0]).not.toContain('Lumen accepted it');
});

/** The id of the WorkflowTaskCompleted event that started the first timer after the order: the first poll's wait. */
async function taskThatStartedFirstPollWait(handle: WorkflowHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const placed = events.findIndex(
    (e) =>
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
      e.activityTaskScheduledEventAttributes?.activityType?.name === 'placeOrder',
  );
  const started = events.slice(placed).find((e) => e.eventType === EventType.EVENT_TYPE_TIMER_STARTED);
  if (placed < 0 || !started) throw new Error('no timer after the order in the history');
  return Number(started.timerStartedEventAttributes?.workflowTaskCompletedEventId);
}

test('reset to the workflow task that began waiting for the first poll: the new run keeps the order and orders nothing more', async () => {
  const request = sandboxRequest({ pollInterval: '3 seconds', activationTimeout: '1 minute' });
  await stack.sandbox.admin.setOutcome(request.requestId, { outcome: 'active', delayMs: 8_000 });

  const { again, status } = await stack.withWorker(async (taskQueue) => {
    const handle = await startProvisioning(taskQueue, request);
    await awaitingActivation(handle);
    return resetAndRerun(handle, await taskThatStartedFirstPollWait(handle));
  });

  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(again).toMatchObject({ status: 'ACTIVE', orderId: orders[0].id });
  // The order's answer came before the reset point, so the new run replays it: decided once, by Lumen's answer.
  const decided = status.history.map((h) => h.detail).filter((detail) => /^Order \S+: /.test(detail));
  expect(decided).toHaveLength(1);
  expect(decided[0]).toContain('Lumen accepted it');
});

/** The id of the WorkflowTaskCompleted event of the task that started the service's workflow (a local activity). */
async function taskThatHandedOver(handle: WorkflowHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const marker = events.find((e) => localActivityOf(e) === 'startServiceManagement');
  if (!marker) throw new Error('no hand-over in the history');
  return Number(marker.markerRecordedEventAttributes?.workflowTaskCompletedEventId);
}

test('reset to the workflow task that handed the service over: the service keeps its one workflow run, and nothing more is ordered', async () => {
  const request = sandboxRequest();

  const { first, again, status, before, after } = await stack.withWorker(async (taskQueue) => {
    const handle = await startProvisioning(taskQueue, request);
    const first = await handle.result();
    const service = stack.env.client.workflow.getHandle(first.serviceWorkflowId!);
    const before = await service.describe();
    const { again, status } = await resetAndRerun(handle, await taskThatHandedOver(handle));
    return { first, again, status, before, after: await service.describe() };
  });

  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toHaveLength(1);
  expect(again).toMatchObject({
    status: 'ACTIVE',
    orderId: first.orderId,
    serviceId: first.serviceId,
    serviceWorkflowId: first.serviceWorkflowId,
  });
  // The hand-over ran again and found the service's workflow running: the same run, not a second one.
  expect(after.runId).toBe(before.runId);
  expect(after.status.name).toBe('RUNNING');
  expect(status.history.map((h) => h.detail)).toContain(
    `Service ${first.serviceId} was already managed by ${first.serviceWorkflowId}`,
  );
});

test('reset while the order was being placed (its answer lost to the reset): one order', async () => {
  const request = sandboxRequest({ activationTimeout: '1 minute' });
  await stack.sandbox.admin.setOutcome(request.requestId, { outcome: 'active', delayMs: 5_000 });

  const again = await stack.withWorker(async (taskQueue) => {
    const handle = await startProvisioning(taskQueue, request);
    // The order is out and the provisioning waits for activation when the reset throws its result away.
    await awaitingActivation(handle);
    return (await resetAndRerun(handle, await taskBefore(handle, 'placeOrder'))).again;
  });

  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(again.orderId).toBe(orders[0].id);
});

test("reset after an order placed late in its quote's life, inventory lagging: the new run looks, waits out the lag, and orders nothing more", async () => {
  const request = sandboxRequest({ activationTimeout: '2 minutes' });
  await stack.sandbox.admin.clearWebhook(); // no event to tell the new run; only inventory can
  // The order answers after 18 s, so its quote (fresh for 16 s) is too old to send again after the reset.
  await stack.sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, kind: 'latency', latencyMs: 18_000 });
  await stack.sandbox.admin.updateSettings({ inventoryLagMs: 5_000 });

  const { status, again } = await stack.withWorker(async (taskQueue) => {
    const handle = await startProvisioning(taskQueue, request);
    await awaitingActivation(handle, 60_000);
    return resetAndRerun(handle, await taskBefore(handle, 'placeOrder'));
  });

  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(again.orderId).toBe(orders[0].id);
  // The new run held a fresh quote, not the one that ordered: only its look at inventory kept it from ordering again.
  expect(status.quote?.id).toBeDefined();
  expect(status.quote?.id).not.toBe(orders[0].quoteId);
  expect(status.history.some((h) => h.detail.includes('This run was reset'))).toBe(true);
}, 120_000);
