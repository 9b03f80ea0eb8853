// Waiting for activation, with real durations on the time-skipping server: the 72-hour timeout, inventory
// polling that finds the service hours later without any webhook, and a webhook that decides at once.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { LumenNotification } from '../../domain/notification';
import { lumenNotificationSignal, statusQuery } from '../../workflows/messages';
import { InProcessLumen } from './in-process-lumen';
import { statusWhen } from './status-polling';
import { useTimeSkipping } from './time-skipping';

const HOUR = 3_600_000;
const world = useTimeSkipping();

function orderEvent(
  eventId: string,
  order: { id: string; externalId: string; state: string; serviceId?: string; stateReason?: string },
): LumenNotification {
  return {
    eventId,
    eventTime: new Date().toISOString(),
    eventType: 'ProductOrderStateChangeEvent',
    event: { productOrder: order },
  };
}

test('with no word from Lumen, the provisioning fails as ActivationTimedOut after 72 hours', async () => {
  const lumen = new InProcessLumen();
  lumen.updateSettings({ settleDelayMs: { add: null } });
  const started = await world.env.currentTimeMs();

  const { failure, status } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { pollInterval: '1 hour' });
    const failure = await handle.result().catch((error: unknown) => error);
    return { failure, status: await handle.query(statusQuery) }; // a closed workflow's query needs a worker
  });

  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('ActivationTimedOut');
  expect(cause.message).toMatch(/order-1, service 77133831770 .* was not active 3 days after it was placed/);
  expect(cause.message).toContain('still watched by iod-service-77133831770');
  expect((await world.env.currentTimeMs()) - started).toBeGreaterThanOrEqual(72 * HOUR);
  expect(lumen.count('listInventory')).toBeGreaterThanOrEqual(72);
  expect(status).toMatchObject({ step: 'FAILED', orderId: 'order-1', lastError: cause.message });
});

test('inventory polling alone finds the service active six hours after the order', async () => {
  const lumen = new InProcessLumen();
  lumen.updateSettings({ settleDelayMs: { add: 6 * HOUR } });

  const result = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue); // pollInterval defaults to 5 minutes
    return handle.result();
  });

  const orderedAt = lumen.orders[0].at;
  expect(Date.parse(result.activatedAt) - orderedAt).toBeGreaterThanOrEqual(6 * HOUR);
  expect(Date.parse(result.activatedAt) - orderedAt).toBeLessThan(6 * HOUR + 10 * 60_000);
  expect(lumen.count('listInventory')).toBeGreaterThanOrEqual(6 * 12);
  expect(result).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', serviceId: '77133831770', quotesRequested: 1 });
});

test('the first poll of an order just placed comes one interval after it, and finds it active', async () => {
  const lumen = new InProcessLumen();
  lumen.updateSettings({ settleDelayMs: { add: 20 * 60_000 } }); // active before the first poll, with no webhook to say so

  const result = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { pollInterval: '1 hour' });
    return handle.result();
  });

  const orderedAt = lumen.orders[0].at;
  // Polls look the order up by its request's id; the service's own workflow reads it by service id after.
  const polls = lumen.inventoryCalls.filter((call) => call.at > orderedAt && call.query.externalId !== undefined);
  expect(polls).toHaveLength(1);
  expect(polls[0].at - orderedAt).toBeGreaterThanOrEqual(HOUR);
  expect(Date.parse(result.activatedAt) - orderedAt).toBeGreaterThanOrEqual(HOUR);
  expect(result).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', serviceId: '77133831770' });
});

test('a completed webhook decides at once; duplicates, strangers and late events change nothing', async () => {
  const lumen = new InProcessLumen();
  lumen.updateSettings({ settleDelayMs: { add: null } }); // inventory would never say Active

  const { result, status } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue);
    const { orderId } = await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
    const requestId = handle.workflowId.slice('iod-'.length);
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
  // Each distinct event of this request is in the history once; the stranger's is not.
  expect(status.history.filter((h) => h.detail.includes('reports order'))).toHaveLength(4);
  expect(status.history.some((h) => h.detail.includes('SOMEONE-ELSE'))).toBe(false);
});

test.each(['failed', 'rejected', 'cancelled'])(
  'states that do not end the order are recorded and the wait goes on; %s ends it as ActivationFailed',
  async (ending) => {
    const lumen = new InProcessLumen();
    lumen.updateSettings({ settleDelayMs: { add: null } });

    const { failure, status } = await world.withWorker(lumen, async (taskQueue) => {
      const handle = await world.startProvisioning(taskQueue);
      const { orderId } = await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
      const ours = { id: orderId!, externalId: handle.workflowId.slice('iod-'.length) };
      for (const [i, state] of ['acknowledged', 'held', 'pending', 'assessingCancellation'].entries()) {
        await handle.signal(lumenNotificationSignal, orderEvent(`e-${i}`, { ...ours, state }));
      }
      const waiting = await handle.query(statusQuery);
      expect(waiting.step).toBe('AWAIT_ACTIVATION');
      await handle.signal(
        lumenNotificationSignal,
        orderEvent('e-end', { ...ours, state: ending, stateReason: 'No port' }),
      );
      const failure = await handle.result().catch((error: unknown) => error);
      return { failure, status: await handle.query(statusQuery) };
    });

    const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('ActivationFailed');
    expect(cause.message).toContain('No port');
    const reported = status.history.filter((h) => h.detail.includes('reports order')).map((h) => h.detail);
    expect(reported.map((line) => line.split(' ')[4])).toEqual([
      'acknowledged',
      'held',
      'pending',
      'assessingCancellation',
      ending,
    ]);
  },
);

test("every provisioning of a worker checks Lumen's events alike: each ignores a malformed one and takes a good one", async () => {
  // The event schema is built by the first workflow that validates and reused by the later ones in its
  // worker thread: the third must refuse and accept exactly what the first did.
  const lumen = new InProcessLumen();
  lumen.updateSettings({ settleDelayMs: { add: null } });

  const outcomes = await world.withWorker(lumen, async (taskQueue) => {
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const handle = await world.startProvisioning(taskQueue);
      const { orderId } = await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
      const ours = { id: orderId!, externalId: handle.workflowId.slice('iod-'.length), serviceId: `7713383200${i}` };
      const malformed = { ...orderEvent(`bad-${i}`, { ...ours, state: 'completed' }), eventId: 42 };
      await handle.signal(lumenNotificationSignal, malformed as unknown as LumenNotification);
      await handle.signal(lumenNotificationSignal, orderEvent(`good-${i}`, { ...ours, state: 'completed' }));
      const result = await handle.result();
      const status = await handle.query(statusQuery);
      seen.push({ result, heard: status.history.filter((h) => h.detail.includes('reports order')).length });
    }
    return seen;
  });

  outcomes.forEach(({ result, heard }, i) => {
    expect(result).toMatchObject({ status: 'ACTIVE', serviceId: `7713383200${i}` });
    expect(heard).toBe(1);
  });
});
