// Every wait that can last hours adds a bounded number of history events per hour, measured over 24
// hours of workflow time on the time-skipping server. The figures are printed for the record.
import type { WorkflowHandle } from '@temporalio/client';
import type { LumenNotification } from '../../domain/notification';
import { lumenNotificationSignal } from '../../workflows/messages';
import { BILLING, InProcessLumen, ORDERING } from './in-process-lumen';
import { statusWhen } from './status-polling';
import { startTimeSkipping, terminateWhenIdle, type TimeSkipping } from './time-skipping';

const HOUR = 3_600_000;
/** What this project allows a wait to add per hour: a day of it stays far below Temporal's limits. */
const MAX_EVENTS_PER_HOUR = 100;
let world: TimeSkipping;
const measured: { wait: string; eventsPerHour: number }[] = [];

beforeAll(async () => {
  world = await startTimeSkipping();
});

afterAll(async () => {
  console.log(
    `History events added per hour, over 24 hours of workflow time:\n${measured
      .map((m) => `  ${m.wait}: ${m.eventsPerHour.toFixed(1)}`)
      .join('\n')}`,
  );
  await world?.teardown();
});

/** Events the provisioning adds per hour over the next 24 hours, once `reached` says the wait has begun. */
async function eventsPerHour(
  lumen: InProcessLumen,
  overrides: Record<string, unknown>,
  reached: (handle: WorkflowHandle) => Promise<void>,
): Promise<number> {
  return world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, overrides);
    await reached(handle);
    await world.env.sleep('1 hour'); // past the first, quicker retries
    const before = (await handle.describe()).historyLength;
    await world.env.sleep('24 hours');
    const after = (await handle.describe()).historyLength;
    await terminateWhenIdle(handle);
    return (after - before) / 24;
  });
}

function lumenWith(setUp: (lumen: InProcessLumen) => unknown): InProcessLumen {
  const lumen = new InProcessLumen();
  setUp(lumen);
  return lumen;
}

const unavailable = (path: string) => ({ path, kind: 'status' as const, status: 503 });

const waits: [string, () => InProcessLumen, Record<string, unknown>, (handle: WorkflowHandle) => Promise<void>][] = [
  [
    'ordering unavailable (503), quotes renewed meanwhile',
    () =>
      lumenWith((lumen) =>
        lumen.injectFault({ ...unavailable(ORDERING), then: [{ ...unavailable(ORDERING), forMs: 30 * HOUR }] }),
      ),
    {},
    (handle) => statusWhen(handle, (s) => s.step === 'ORDER' && s.lastError !== null).then(() => undefined),
  ],
  [
    'every order answered by a gateway 504 (outcome unknown)',
    () => lumenWith((lumen) => lumen.injectFault({ path: ORDERING, kind: 'status', status: 504, forMs: 1_000 * HOUR })),
    {},
    (handle) => statusWhen(handle, (s) => s.step === 'ORDER' && s.lastError !== null).then(() => undefined),
  ],
  [
    'billing accounts unavailable (transient read retries)',
    // From its first call.
    () =>
      lumenWith((lumen) =>
        lumen.injectFault({ ...unavailable(BILLING), then: [{ ...unavailable(BILLING), forMs: 30 * HOUR }] }),
      ),
    {},
    (handle) => statusWhen(handle, (s) => s.step === 'BILLING').then(() => undefined),
  ],
  [
    'waiting for the service id (completed event without one, inventory lagging)',
    () => lumenWith((lumen) => lumen.updateSettings({ inventoryLagMs: 30 * HOUR })),
    { activationTimeout: '72 hours' },
    async (handle) => {
      const { orderId } = await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
      await handle.signal(lumenNotificationSignal, completedWithoutService(orderId!, handle.workflowId.slice(4)));
      await statusWhen(handle, (s) => s.history.some((h) => h.detail.includes('waiting for inventory to name')));
    },
  ],
  [
    'waiting for activation, polled every 5 minutes',
    () => lumenWith((lumen) => lumen.updateSettings({ settleDelayMs: { add: null } })),
    { activationTimeout: '72 hours' },
    (handle) => statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION').then(() => undefined),
  ],
  [
    'waiting for price approval',
    () => lumenWith((lumen) => lumen.setHourlyPrice('100 Mbps', 0.7)), // $504.00 a month
    { maxMonthlyPriceUsd: 400 },
    (handle) => statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL').then(() => undefined),
  ],
];

test.each(waits)('%s adds a bounded number of events per hour', async (wait, lumen, overrides, reached) => {
  const perHour = await eventsPerHour(lumen(), overrides, reached);
  measured.push({ wait, eventsPerHour: perHour });
  expect(perHour).toBeLessThanOrEqual(MAX_EVENTS_PER_HOUR);
});

function completedWithoutService(orderId: string, externalId: string): LumenNotification {
  return {
    eventId: `completed-${orderId}`,
    eventTime: new Date().toISOString(),
    eventType: 'ProductOrderStateChangeEvent',
    event: { productOrder: { id: orderId, externalId, state: 'completed' } },
  };
}
