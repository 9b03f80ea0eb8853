// Reconciliation through the real worker, dev server and sandbox: the worker sets its Schedule when it
// starts, each sweep reads the customer's inventory once, a raise made in the portal shows in the service
// within an interval, an outside disconnect ends the workflow and removes its calendars, a calendar firing
// for the gone service ends quietly, and a service nobody changed is not woken.
import { addBandwidthSchedule, listBandwidthSchedules } from '../../client/schedules';
import { adoptService, getService, getServiceOutcome } from '../../client/service';
import { SCHEDULED_CHANGE_WORKFLOW_TYPE, type ScheduledChangeSkipped } from '../../domain/service';
import { RECONCILE_SCHEDULE_ID } from '../../domain/service-names';
import { ScheduleNotFoundError } from '@temporalio/client';
import { applyReconcileSchedule } from '../../workers/reconcile-schedule';
import { MONROE, SANDBOX_CUSTOMER, useIntegrationStack } from './integration-stack';
import { until } from '../env/until';

const stack = useIntegrationStack({ activationDelayMs: 300, inventoryLagMs: 1_000, reconcileIntervalMs: 1_000 });

const sweepReads = async () =>
  (await stack.sandbox.admin.requests()).filter(
    (r) => r.path === '/ProductInventory/v1/inventory' && !r.query.includes('serviceId='),
  ).length;

test('a raise and a disconnect made outside are noticed by the sweep; idle services are left asleep', async () => {
  const client = stack.env.client;
  const [raised, dropped, idle] = await stack.sandbox.admin.seedServices({
    customerNumber: SANDBOX_CUSTOMER,
    masterSiteId: MONROE,
    speed: '100 Mbps',
    count: 3,
  });

  const outcome = await stack.withWorker(async (taskQueue) => {
    const schedule = await client.schedule.getHandle(`${RECONCILE_SCHEDULE_ID}-${taskQueue}`).describe();
    for (const { serviceId } of [raised, dropped, idle]) {
      await adoptService(client, { serviceId, customerNumber: SANDBOX_CUSTOMER }, { taskQueue });
      await until(async () => ((await getService(client, serviceId)).status === 'ACTIVE' ? true : undefined), 'ACTIVE');
    }
    await addBandwidthSchedule(
      client,
      { serviceId: dropped.serviceId, name: 'nightly', speed: '1 Gbps', cron: '0 22 * * *' },
      { taskQueue },
    );
    // Sweeps go on; services that match their memo get nothing.
    const idleEvents = async () =>
      (await client.workflow.getHandle(`iod-service-${idle.serviceId}`).describe()).historyLength;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const idleBefore = await idleEvents();
    const readsBefore = await sweepReads();

    await stack.sandbox.admin.changeServiceOutside(raised.serviceId, { speed: '500 Mbps', event: false });
    const seen = await until(
      async () => {
        const view = await getService(client, raised.serviceId);
        return view.speed === '500 Mbps' && view.status === 'ACTIVE' ? view : undefined;
      },
      'the raise noticed',
      30_000,
    );

    await stack.sandbox.admin.disconnectServiceOutside(dropped.serviceId, { event: false });
    const ended = await until(
      async () => {
        const ending = await getServiceOutcome(client, dropped.serviceId);
        return ending.status === 'DISCONNECTED' ? ending.result : undefined;
      },
      'the outside disconnect noticed',
      30_000,
    );
    const calendars = await listBandwidthSchedules(client, dropped.serviceId);
    // A firing that raced the removal: it ends quietly, the gone service untouched.
    const firing = await client.workflow.execute(SCHEDULED_CHANGE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: `late-firing-${dropped.serviceId}`,
      args: [
        { serviceId: dropped.serviceId, speed: '1 Gbps', scheduleId: `iod-schedule-${dropped.serviceId}-nightly` },
      ],
    });
    const readsAfter = await sweepReads();
    return {
      schedule,
      seen,
      ended,
      calendars,
      firing,
      idleGrowth: (await idleEvents()) - idleBefore,
      readsAfter,
      readsBefore,
    };
  });

  expect(outcome.schedule.spec.intervals).toMatchObject([{ every: 1_000 }]);
  expect(outcome.seen.lumenStatus).toBe('Active');
  expect(outcome.seen.history.map((h) => h.detail)).toContain('Changed outside the project: 100 Mbps → 500 Mbps');
  expect(outcome.ended).toMatchObject({ status: 'DISCONNECTED', outside: true, orderId: null });
  expect(outcome.calendars).toEqual([]);
  expect(outcome.firing as ScheduledChangeSkipped).toMatchObject({ status: 'SKIPPED' });
  expect((outcome.firing as ScheduledChangeSkipped).reason).toContain(dropped.serviceId);
  expect(outcome.idleGrowth).toBe(0);
  // Each sweep reads the customer's inventory in one call (three services, one page).
  expect(outcome.readsAfter).toBeGreaterThan(outcome.readsBefore);
  const orders = await stack.sandbox.admin.orders();
  expect(orders.filter((o) => o.serviceId === dropped.serviceId && o.action === 'delete')).toHaveLength(1); // the portal's
  expect(orders.filter((o) => o.serviceId === raised.serviceId && o.action === 'modify')).toHaveLength(1);
});

test("a worker's setting in force applies: the schedule is created, updated to the next worker's interval, deleted by off", async () => {
  const client = stack.env.client;
  const created = await applyReconcileSchedule(client, 'lumen-iod', 2_000);
  const updated = await applyReconcileSchedule(client, 'lumen-iod', 3_600_000);
  const spec = (await client.schedule.getHandle(RECONCILE_SCHEDULE_ID).describe()).spec;
  const deleted = await applyReconcileSchedule(client, 'lumen-iod', 'off');
  const gone = await client.schedule
    .getHandle(RECONCILE_SCHEDULE_ID)
    .describe()
    .catch((e: unknown) => e);
  const again = await applyReconcileSchedule(client, 'lumen-iod', 'off');

  expect([created.action, updated.action, deleted.action, again.action]).toEqual([
    'created',
    'updated',
    'deleted',
    'absent',
  ]);
  expect(spec.intervals).toMatchObject([{ every: 3_600_000 }]);
  expect(gone).toBeInstanceOf(ScheduleNotFoundError);
});
