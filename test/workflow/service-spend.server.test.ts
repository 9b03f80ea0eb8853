// What a service costs, on the time-skipping server with the sandbox in process: hours at each speed charged at that
// speed's hourly price, a month's end, continue-as-new, and budgets that refuse a change or lower the
// service to its floor speed.
import type { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { centsToUsd, spendViewAt } from '../../domain/spend';
import type { manageInternetOnDemandService } from '../../workflows';
import { inventoryNoticeSignal, serviceQuery, setBudgetUpdate } from '../../workflows/messages';
import { readStoredPayload } from '../env/codec';
import { change, lumensWithOwnIds, viewWhen } from './service-world';
import { terminateWhenIdle, useTimeSkipping } from './time-skipping';

const HOUR = 3_600_000;
const world = useTimeSkipping();

/** Lumens whose service ids no other test uses; Monroe lists 100 Mbps at $0.46, 500 Mbps at $1.15, 1 Gbps at $1.84 an hour. */
const lumenWithOwnIds = lumensWithOwnIds('67');

const seconds = (fromIso: string, toIso: string) =>
  Math.floor(Date.parse(toIso) / 1000) - Math.floor(Date.parse(fromIso) / 1000);

test('10 hours at 100 Mbps then 5 at 500 Mbps cost exactly each hourly price × its hours, shown in the query and the memo', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { start, raised, after, memo } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    const start = await viewWhen(handle, (v) => v.spend !== null);
    await world.env.sleep('10 hours');
    const raised = await change(world, handle, { changeId: 'to-500', speed: '500 Mbps' }, '330 minutes');
    // A later workflow task brings the workflow's own figures up to its time.
    await change(world, handle, { changeId: 'same', speed: '500 Mbps' }, '1 minute');
    const after = await handle.query(serviceQuery);
    const memo = (await handle.describe()).memo;
    await terminateWhenIdle(handle);
    return { start, raised, after, memo };
  });

  expect(start.spend).toMatchObject({ currency: 'USD', hourlyUsd: '0.46', accruedUsd: '0.00' });
  const since = start.spend!.since;
  expect(raised).toMatchObject({ speed: '500 Mbps', hourlyPriceUsd: '1.15' });
  const at100 = seconds(since, raised.completedAt);
  const at500 = seconds(raised.completedAt, after.spend!.asOf);
  expect(at100).toBeGreaterThanOrEqual(10 * 3_600);
  expect(at500).toBeGreaterThanOrEqual(5 * 3_600);
  expect(after.spend).toMatchObject({
    hourlyUsd: '1.15',
    since,
    accruedUsd: centsToUsd(46 * at100 + 115 * at500),
  });
  expect(memo).toMatchObject({ spend: { speed: '500 Mbps', account: { hourlyCents: 115, since } } });
  // The client brings the figures up to the moment it asks, at the current price.
  const later = spendViewAt(after.spend!, Date.parse(after.spend!.asOf) + 2 * HOUR);
  expect(later.accruedUsd).toBe(centsToUsd(46 * at100 + 115 * (at500 + 2 * 3_600)));
});

test("a month's end starts month to date again; continue-as-new keeps the account", async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { start, later, carried } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId, { maxHistoryEvents: 20 });
    const start = await viewWhen(handle, (v) => v.spend !== null);
    // Into next month, then a change and its answer carry the workflow across a continue-as-new.
    const now = await world.env.currentTimeMs();
    const nextMonth = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + 1, 1);
    await world.env.sleep(nextMonth - now + 3 * HOUR);
    await change(world, handle, { changeId: 'up', speed: '1 Gbps' }, '1 hour');
    const latest = world.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(handle.workflowId);
    const later = await viewWhen(latest, (v) => v.speed === '1 Gbps' && v.status === 'ACTIVE');
    const started = (await latest.fetchHistory()).events?.[0].workflowExecutionStartedEventAttributes;
    const carried = await readStoredPayload(started?.input?.payloads?.[1]);
    await terminateWhenIdle(latest);
    return { start, later, carried };
  });

  const since = start.spend!.since;
  expect(later.spend!.since).toBe(since); // the same account, carried over
  expect(carried).toMatchObject({ account: { account: { since } } });
  const asOf = later.spend!.asOf;
  const monthStart = `${asOf.slice(0, 7)}-01T00:00:00.000Z`;
  const completedAt = later.lastChange!.completedAt;
  expect(completedAt > monthStart).toBe(true);
  // Month to date counts this month only; the account everything since it opened.
  expect(later.spend!.monthToDateUsd).toBe(
    centsToUsd(46 * seconds(monthStart, completedAt) + 184 * seconds(completedAt, asOf)),
  );
  expect(later.spend!.accruedUsd).toBe(centsToUsd(46 * seconds(since, completedAt) + 184 * seconds(completedAt, asOf)));
});

test('a budget refuses a raise whose month would exceed it, before any order; a burst is projected only for its revertAfter', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { answer, refused, burst, view } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await viewWhen(handle, (v) => v.spend !== null);
    // At most a month of 100 Mbps (31 × 24 × $0.46 = $342.24) and a little more.
    const answer = await handle.executeUpdate(setBudgetUpdate, { args: [{ monthlyBudgetUsd: 400 }] });
    const refused = await change(world, handle, { changeId: 'raise', speed: '1 Gbps' }).catch(
      (error: unknown) => error,
    );
    const burst = await change(world, handle, { changeId: 'burst', speed: '1 Gbps', revertAfter: '2 hours' });
    const view = await handle.query(serviceQuery);
    await terminateWhenIdle(handle);
    return { answer, refused, burst, view };
  });

  expect(answer).toMatchObject({ monthlyBudgetUsd: 400, floorSpeed: null, projectedMonthUsd: expect.any(String) });
  expect(Number(answer.projectedMonthUsd)).toBeLessThanOrEqual(400);
  const cause = (refused as WorkflowUpdateFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('BudgetExceeded');
  expect(cause.message).toMatch(/would come to \$\d+\.\d\d at \$1\.84\/hour, above the budget of \$400\.00/);
  expect(cause.message).toContain('nothing was ordered');
  expect(burst).toMatchObject({ status: 'ACTIVE', speed: '1 Gbps' });
  // One modify order, the burst's: the refused raise ordered nothing.
  expect(lumen.changes.map((c) => c.mbps)).toEqual([1000]);
  expect(view.budget).toEqual({ monthlyBudgetUsd: 400, floorSpeed: null });
});

test('an outside raise that pushes the month over the budget is said once and lowers the service to its floor with one change', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { view, modifies } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await viewWhen(handle, (v) => v.spend !== null);
    await handle.executeUpdate(setBudgetUpdate, { args: [{ monthlyBudgetUsd: 400, floorSpeed: '100 Mbps' }] });
    // Raised to 1 Gbps in Lumen's portal; the sweep tells the workflow.
    const now = await world.env.currentTimeMs();
    lumen.changeOutside(serviceId, 1000, now);
    await handle.signal(inventoryNoticeSignal, {
      readAt: new Date(now).toISOString(),
      row: { status: 'Active', phase: 'active', mbps: 1000 },
    });
    await world.env.sleep('30 minutes');
    const view = await viewWhen(handle, (v) => v.lastChange?.changeId.startsWith('budget-') === true);
    const modifies = lumen.changes.filter((c) => !c.externalId.startsWith('PORTAL-')).map((c) => c.mbps);
    await terminateWhenIdle(handle);
    return { view, modifies };
  });

  const month = view.spend!.asOf.slice(0, 7);
  expect(view.lastChange).toMatchObject({ changeId: `budget-${month}`, speed: '100 Mbps', previousSpeed: '1 Gbps' });
  expect(modifies).toEqual([100]);
  const said = view.history.map((entry) => entry.detail).filter((detail) => detail.startsWith('Budget exceeded'));
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(
    /projected at \$\d+\.\d\d, above the budget of \$400\.00; lowering the service to its floor of 100 Mbps/,
  );
});

test("a provisioned service's account opens at its activation at the quoted price, with the request's budget", async () => {
  const lumen = lumenWithOwnIds();
  lumen.updateSettings({ settleDelayMs: { add: 0 } });

  const { active, view } = await world.withWorker(lumen, async (taskQueue) => {
    const provisioning = await world.startProvisioning(taskQueue, { pollInterval: '1 second', monthlyBudgetUsd: 500 });
    const active = await provisioning.result();
    const service = world.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(
      active.serviceWorkflowId!,
    );
    const view = await viewWhen(service, (v) => v.spend !== null);
    await terminateWhenIdle(service);
    return { active, view };
  });

  expect(view.spend).toMatchObject({ hourlyUsd: active.hourlyPriceUsd, since: active.activatedAt });
  expect(view.budget).toEqual({ monthlyBudgetUsd: 500, floorSpeed: null });
});
