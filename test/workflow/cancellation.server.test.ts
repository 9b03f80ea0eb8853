// Cancelling after an order may have been placed finishes the job: the order is found out, let settle,
// disconnected once and seen Inactive before the provisioning ends CANCELLED — however long that takes
// within the activation timeout. Time-skipping server, real durations, the sandbox in process.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { statusQuery } from '../../workflows/messages';
import { InProcessLumen, ORDERING } from './in-process-lumen';
import { statusWhen } from './status-polling';
import { useTimeSkipping } from './time-skipping';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const world = useTimeSkipping();

/** Ordering answers 503 for this long. */
const unavailableFor = (forMs: number) => ({ path: ORDERING, kind: 'status' as const, status: 503, forMs });

async function cancelWhen(lumen: InProcessLumen, step: string, overrides = {}) {
  return world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, overrides);
    await statusWhen(handle, (s) => s.step === step);
    await handle.cancel();
    const outcome = await handle.result().catch((error: unknown) => error);
    return { outcome, status: await handle.query(statusQuery) };
  });
}

test('cancelled while the order awaits activation: it waits for the service to come up, disconnects it once, and ends when it is Inactive', async () => {
  const lumen = new InProcessLumen();
  // A delete while the add is in flight would be refused.
  lumen.updateSettings({ settleDelayMs: { add: 2 * HOUR, delete: 30 * MINUTE } });

  const { outcome, status } = await cancelWhen(lumen, 'AWAIT_ACTIVATION');

  expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect(lumen.orders).toHaveLength(1);
  expect(lumen.disconnects).toHaveLength(1);
  expect(lumen.orders[0].disconnectedAt! - lumen.orders[0].at).toBeGreaterThanOrEqual(2 * HOUR);
  expect(status.step).toBe('CANCELLED');
  expect(status.history.at(-1)?.detail).toMatch(
    /service 77133831770 was disconnected by disconnect order disconnect-1 and is Inactive/,
  );
});

test('cancelled while an order attempt is unanswered: the order that went through is found after the lag and disconnected', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault({ path: ORDERING, kind: 'status-after', then: [unavailableFor(30 * MINUTE)] });
  lumen.updateSettings({ inventoryLagMs: 5 * MINUTE });

  const { outcome, status } = await cancelWhen(lumen, 'ORDER');

  expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect(lumen.orders).toHaveLength(1);
  expect(lumen.disconnects.map((d) => d.serviceId)).toEqual([lumen.orders[0].serviceId]);
  expect(status.step).toBe('CANCELLED');
  expect(status.history.some((h) => h.detail.includes('may have reached Lumen; waiting until'))).toBe(true);
});

test('cancelled while an unanswered attempt turns out to have ordered nothing: it ends CANCELLED with nothing to disconnect', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault({ path: ORDERING, kind: 'status', status: 504, then: [unavailableFor(30 * MINUTE)] });

  const { outcome, status } = await cancelWhen(lumen, 'ORDER');

  expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect(lumen.orders).toHaveLength(0);
  expect(lumen.disconnects).toHaveLength(0);
  expect(status.history.at(-1)?.detail).toContain('nothing was ordered');
});

test('when Lumen never lets the service go, the provisioning fails as DisconnectFailed naming the service, after the activation timeout', async () => {
  const lumen = new InProcessLumen();
  lumen.updateSettings({ settleDelayMs: { delete: null } }); // stays Disconnect Pending

  const started = await world.env.currentTimeMs();
  const { outcome, status } = await cancelWhen(lumen, 'AWAIT_ACTIVATION', { activationTimeout: '6 hours' });

  const cause = (outcome as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('DisconnectFailed');
  expect(cause.message).toContain('service 77133831770');
  expect((await world.env.currentTimeMs()) - started).toBeGreaterThanOrEqual(6 * HOUR);
  expect(lumen.disconnects).toHaveLength(1);
  expect(status).toMatchObject({ step: 'FAILED', lastError: cause.message });
});
