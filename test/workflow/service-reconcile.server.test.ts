// Lumen is not the only writer, on the time-skipping server with the sandbox in process: a service changed or
// disconnected outside the project (as the sweep tells it, or as an event naming an order it did not place
// makes it look), and everything computed from the speed taken from what Lumen shows.
import type { ServiceView } from '../../domain/service';
import type { InventoryNotice } from '../../domain/service-names';
import {
  changeBandwidthUpdate,
  inventoryNoticeSignal,
  lumenNotificationSignal,
  serviceQuery,
} from '../../workflows/messages';
import { activeView, change, lumensWithOwnIds, viewWhen } from './service-world';
import { terminateWhenIdle, useTimeSkipping } from './time-skipping';

const world = useTimeSkipping();

/** Lumens whose service ids no other test uses, so service workflows never share an id. */
const lumenWithOwnIds = lumensWithOwnIds('66');

/** What the sweep sends when a service's row differs from the workflow's memo. */
async function notice(row: InventoryNotice['row']): Promise<InventoryNotice> {
  return { readAt: new Date(await world.env.currentTimeMs()).toISOString(), row };
}

const details = (view: ServiceView) => view.history.map((entry) => entry.detail);

test("a raise made outside is adopted from the sweep's notice: speed, Lumen's word, lastCheckedAt, history and memo", async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { before, raised, suspended, memo } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    const before = await activeView(handle);
    await handle.signal(inventoryNoticeSignal, await notice({ status: 'Active', phase: 'active', mbps: 500 }));
    const raised = await viewWhen(handle, (v) => v.speed === '500 Mbps');
    const memo = (await handle.describe()).memo;
    await handle.signal(inventoryNoticeSignal, await notice({ status: 'Suspended', phase: 'unknown', mbps: 500 }));
    const suspended = await viewWhen(handle, (v) => v.lumenStatus === 'Suspended');
    await terminateWhenIdle(handle);
    return { before, raised, suspended, memo };
  });

  expect(before).toMatchObject({ speed: '100 Mbps', lumenStatus: 'Active' });
  expect(before.lastCheckedAt).toEqual(expect.any(String));
  expect(raised).toMatchObject({ status: 'ACTIVE', speed: '500 Mbps', lumenStatus: 'Active' });
  expect(Date.parse(raised.lastCheckedAt!)).toBeGreaterThanOrEqual(Date.parse(before.lastCheckedAt!));
  expect(details(raised)).toContain('Changed outside the project: 100 Mbps → 500 Mbps');
  expect(memo).toMatchObject({ lumenInventory: { status: 'Active', mbps: 500 } });
  // Lumen's own word is kept; the project's status keeps its five values.
  expect(suspended).toMatchObject({ status: 'ACTIVE', lumenStatus: 'Suspended', speed: '500 Mbps' });
  expect(details(suspended).at(-1)).toContain('Lumen shows the service "Suspended" (was "Active")');
});

test('an event naming an order the project did not place makes the workflow read inventory at once', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { view, readsAfterEvent } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    const portal = lumen.changeOutside(serviceId, 1000, await world.env.currentTimeMs());
    const reads = lumen.inventoryCalls.length;
    await handle.signal(lumenNotificationSignal, {
      eventId: `portal-${portal.id}`,
      eventTime: new Date().toISOString(),
      eventType: 'ProductOrderStateChangeEvent',
      event: { productOrder: { id: portal.id, externalId: portal.externalId, state: 'completed', serviceId } },
    });
    const view = await viewWhen(handle, (v) => v.speed === '1 Gbps');
    const readsAfterEvent = lumen.inventoryCalls.slice(reads).filter((c) => c.query.serviceId === serviceId).length;
    await terminateWhenIdle(handle);
    return { view, readsAfterEvent };
  });

  // Read at once, by the workflow itself (no sweep ran). A local read may run twice when a loaded worker's
  // workflow task times out and is retried, so more than one read is no fault.
  expect(readsAfterEvent).toBeGreaterThanOrEqual(1);
  expect(details(view)).toContain('Changed outside the project: 100 Mbps → 1 Gbps');
  expect(details(view).join('\n')).toContain('placed outside the project');
});

test("a burst reverts to the speed Lumen showed before it, not to the workflow's stale belief", async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { burst, after } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    // Lowered in the portal; no sweep has told the workflow yet.
    lumen.changeOutside(serviceId, 50, await world.env.currentTimeMs());
    const burst = await change(world, handle, { changeId: 'burst', speed: '1 Gbps', revertAfter: '1 hour' });
    await world.env.sleep('2 hours');
    const after = await viewWhen(handle, (v) => v.revert === null && v.speed === '50 Mbps');
    await terminateWhenIdle(handle);
    return { burst, after };
  });

  expect(burst).toMatchObject({ speed: '1 Gbps', previousSpeed: '50 Mbps' });
  expect(lumen.changes.map((c) => c.mbps)).toEqual([50, 1000, 50]);
  expect(after.lastChange).toMatchObject({ changeId: 'revert-burst', speed: '50 Mbps' });
});

test('a change to the speed Lumen already shows, and a revert whose target Lumen already shows, order nothing', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { same, reverted } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    lumen.changeOutside(serviceId, 1000, await world.env.currentTimeMs());
    const same = await change(world, handle, { changeId: 'to-gig', speed: '1 Gbps' });
    await change(world, handle, { changeId: 'burst', speed: '100 Mbps', revertAfter: '4 hours' });
    // Put back in the portal before the revert is due.
    lumen.changeOutside(serviceId, 1000, await world.env.currentTimeMs());
    await world.env.sleep('5 hours');
    const reverted = await viewWhen(handle, (v) => v.lastChange?.changeId === 'revert-burst');
    await terminateWhenIdle(handle);
    return { same, reverted };
  });

  expect(same).toMatchObject({ speed: '1 Gbps', previousSpeed: '1 Gbps', orderId: null, quoteId: null });
  // The portal's two changes and the burst: neither "to-gig" nor the revert ordered anything.
  expect(lumen.changes.map((c) => [c.externalId.startsWith('PORTAL') ? 'portal' : 'ours', c.mbps])).toEqual([
    ['portal', 1000],
    ['ours', 100],
    ['portal', 1000],
  ]);
  expect(reverted.lastChange).toMatchObject({ speed: '1 Gbps', orderId: null });
  expect(reverted.speed).toBe('1 Gbps');
});

test("the transition states of the project's own order in flight are not drift, and a stale notice is ignored", async () => {
  const lumen = lumenWithOwnIds();
  lumen.updateSettings({ settleDelayMs: { modify: 20 * 60_000 } });
  const { serviceId } = lumen.existingService(100);

  const view = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    const update = await handle.startUpdate(changeBandwidthUpdate, {
      args: [{ changeId: 'raise', speed: '1 Gbps' }],
      waitForStage: 'ACCEPTED',
    });
    await viewWhen(handle, (v) => v.status === 'CHANGING');
    // What a sweep reads while the order is in flight.
    await handle.signal(
      inventoryNoticeSignal,
      await notice({ status: 'Change Pending', phase: 'changing', mbps: 100 }),
    );
    const answered = update.result();
    await world.env.sleep('1 hour');
    await answered;
    const view = await viewWhen(handle, (v) => v.lastChange?.changeId === 'raise');
    await terminateWhenIdle(handle);
    return view;
  });

  expect(view).toMatchObject({ status: 'ACTIVE', speed: '1 Gbps', lumenStatus: 'Active' });
  expect(details(view).join('\n')).not.toContain('outside the project');
});

test('Inactive in inventory ends the workflow DISCONNECTED outside, with no order', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { result, view } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    await handle.signal(inventoryNoticeSignal, await notice({ status: 'Inactive', phase: 'disconnected', mbps: 100 }));
    const result = await handle.result();
    const view = await handle.query(serviceQuery);
    return { result, view };
  });

  expect(result).toMatchObject({ status: 'DISCONNECTED', outside: true, orderId: null });
  expect(Date.parse(result.disconnectedAt)).not.toBeNaN();
  expect(lumen.disconnects).toHaveLength(0);
  expect(view).toMatchObject({ status: 'DISCONNECTED', lumenStatus: 'Inactive' });
});

test('a service no longer listed is gone only after the inventory lag; changes queued meanwhile are refused with the reason', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { result, refused, readsWhileWaiting } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    lumen.removeService(serviceId);
    await handle.signal(inventoryNoticeSignal, await notice(null));
    await viewWhen(handle, (v) => details(v).some((d) => d.includes('looking again after 10 minutes')));
    const readsWhileWaiting = lumen.inventoryCalls.length;
    const queued = await handle.startUpdate(changeBandwidthUpdate, {
      args: [{ changeId: 'too-late', speed: '1 Gbps' }],
      waitForStage: 'ACCEPTED',
    });
    const refused = queued.result().catch((e: unknown) => e as Error);
    await world.env.sleep('15 minutes');
    return { result: await handle.result(), refused: await refused, readsWhileWaiting };
  });

  expect(readsWhileWaiting).toBeGreaterThan(0);
  expect(result).toMatchObject({ status: 'DISCONNECTED', outside: true, orderId: null });
  expect(String((refused as { cause?: Error }).cause?.message)).toContain('was disconnected outside the project');
  expect(lumen.changes).toHaveLength(0);
  expect(lumen.disconnects).toHaveLength(0);
});
