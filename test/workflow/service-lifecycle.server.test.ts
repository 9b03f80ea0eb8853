// The service after ACTIVE, with real durations on the time-skipping server and the sandbox in process: bursts
// that revert by themselves, Lumen's daily limit, quotes re-priced before the modify, the price guard,
// changeIds that order once, the disconnect, and continue-as-new with a change in flight.
import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { manageInternetOnDemandService, provisionInternetOnDemand } from '../../workflows';
import { changeBandwidthUpdate, disconnectUpdate, serviceQuery, statusQuery } from '../../workflows/messages';
import { readStoredPayload, testDataConverter } from '../env/codec';
import { ORDERING } from './in-process-lumen';
import { activeView, change, lumensWithOwnIds, viewWhen } from './service-world';
import { startTimeSkipping, terminateWhenIdle, type TimeSkipping } from './time-skipping';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let world: TimeSkipping;

beforeAll(async () => {
  world = await startTimeSkipping();
  withoutSkipping = new Client({
    connection: world.env.connection,
    namespace: world.env.namespace,
    dataConverter: testDataConverter,
  });
});

afterAll(async () => {
  await world?.teardown();
});

/** Lumens whose service ids no other test uses, so service workflows never share an id. */
const lumenWithOwnIds = lumensWithOwnIds('55');

let withoutSkipping: Client;

const failureType = (error: unknown) => ((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type;

test('the provisioning hands the service over; after an activation timeout the order is still watched in PENDING_ACTIVATION', async () => {
  const lumen = lumenWithOwnIds();

  const { active, handedOver, readsAtStart, changed, timedOut, watched } = await world.withWorker(
    lumen,
    async (taskQueue) => {
      // Its result is awaited without letting the test server skip time: a skip while the service it
      // handed over waits idle, with no timer of its own, would run that workflow into its run timeout.
      lumen.updateSettings({ settleDelayMs: { add: 0 } });
      const first = await world.startProvisioning(taskQueue, { pollInterval: '1 second' });
      const active = await withoutSkipping.workflow
        .getHandle<typeof provisionInternetOnDemand>(first.workflowId)
        .result();
      // Handed over active: the service's workflow knows speed, site, partner and billing account from the
      // provisioning, without asking inventory, and can be changed at once.
      const managed = world.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(
        active.serviceWorkflowId!,
      );
      const handedOver = await activeView(managed);
      const readsAtStart = lumen.inventoryCalls.filter((call) => call.query.serviceId === active.serviceId).length;
      const changed = await change(world, managed, { changeId: 'after-hand-over', speed: '1 Gbps' });
      lumen.updateSettings({ settleDelayMs: { add: 5 * HOUR } });
      const second = await world.startProvisioning(taskQueue, { activationTimeout: '1 hour' });
      const timedOut = await second.result().catch((e: unknown) => e);
      const status = await second.query(statusQuery);
      const service = world.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(
        status.serviceWorkflowId!,
      );
      const pending = await service.query(serviceQuery);
      await world.env.sleep('6 hours');
      const later = await service.query(serviceQuery);
      await terminateWhenIdle(service);
      await terminateWhenIdle(world.env.client.workflow.getHandle(active.serviceWorkflowId!));
      return { active, handedOver, readsAtStart, changed, timedOut, watched: [pending.status, later.status] };
    },
  );

  expect(active.serviceWorkflowId).toBe(`iod-service-${active.serviceId}`);
  expect(handedOver).toMatchObject({
    serviceId: active.serviceId,
    requestId: active.requestId,
    status: 'ACTIVE',
    speed: active.speed,
    masterSiteId: active.masterSiteId,
    partnerId: active.partnerId,
  });
  expect(readsAtStart).toBe(0);
  expect(changed).toMatchObject({ status: 'ACTIVE', speed: '1 Gbps', previousSpeed: active.speed });
  expect(lumen.changes.map((c) => c.mbps)).toEqual([1000]);
  const cause = (timedOut as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('ActivationTimedOut');
  expect(cause.message).toMatch(/still watched by iod-service-\d+/);
  expect(watched).toEqual(['PENDING_ACTIVATION', 'ACTIVE']);
});

test('a 4-hour burst reverts by itself: two modify orders, the service back at its speed, the revert shown while it waits', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { burst, waiting, after } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    const burst = await change(world, handle, { changeId: 'burst-1', speed: '1 Gbps', revertAfter: '4 hours' });
    const waiting = await handle.query(serviceQuery);
    await world.env.sleep('5 hours');
    const after = await viewWhen(handle, (v) => v.status === 'ACTIVE' && v.speed === '100 Mbps');
    await terminateWhenIdle(handle);
    return { burst, waiting, after };
  });

  expect(burst).toMatchObject({ changeId: 'burst-1', status: 'ACTIVE', speed: '1 Gbps', previousSpeed: '100 Mbps' });
  expect(burst.orderId).toBe('change-1');
  expect(waiting.revert).toEqual({
    speed: '100 Mbps',
    at: new Date(Date.parse(burst.completedAt) + 4 * HOUR).toISOString(),
  });
  expect(lumen.changes.map((c) => c.mbps)).toEqual([1000, 100]);
  expect(lumen.changes[1].at - Date.parse(burst.completedAt)).toBeGreaterThanOrEqual(4 * HOUR);
  expect(after).toMatchObject({ revert: null, speed: '100 Mbps', lastChange: { changeId: 'revert-burst-1' } });
});

test('a later change cancels the pending revert', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const view = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await change(world, handle, { changeId: 'burst', speed: '1 Gbps', revertAfter: '4 hours' });
    await change(world, handle, { changeId: 'settle', speed: '1 Gbps', maxMonthlyPriceUsd: 2_000 });
    await change(world, handle, { changeId: 'lower', speed: '100 Mbps' });
    await world.env.sleep('6 hours');
    const view = await handle.query(serviceQuery);
    await terminateWhenIdle(handle);
    return view;
  });

  expect(view.revert).toBeNull();
  expect(lumen.changes.map((c) => c.mbps)).toEqual([1000, 100]); // "settle" was at 1 Gbps already: no order
  expect(view.speed).toBe('100 Mbps');
});

test("Lumen's daily limit (429 without Retry-After) holds a change until midnight GMT, and the query says so", async () => {
  const lumen = lumenWithOwnIds();
  lumen.updateSettings({ dailyChangeLimit: 0 });
  const { serviceId } = lumen.existingService(100);

  const { waiting, result, midnight } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    const update = await handle.startUpdate(changeBandwidthUpdate, {
      args: [{ changeId: 'night', speed: '1 Gbps' }],
      waitForStage: 'ACCEPTED',
    });
    const waiting = await viewWhen(handle, (v) => v.waiting !== null);
    const midnight = Date.parse(waiting.waiting!.until!);
    lumen.updateSettings({ dailyChangeLimit: 1 }); // the new day's allowance
    const answered = update.result();
    await world.env.sleep('25 hours');
    const result = await answered;
    await terminateWhenIdle(handle); // a workflow left running would hold the test server's clock
    return { waiting, result, midnight };
  });

  expect(waiting.waiting?.reason).toContain('midnight GMT');
  expect(new Date(midnight).toISOString()).toMatch(/T00:00:00\.000Z$/);
  expect(lumen.changes).toHaveLength(1);
  expect(lumen.changes[0].at).toBeGreaterThanOrEqual(midnight);
  expect(result).toMatchObject({ status: 'ACTIVE', speed: '1 Gbps' });
});

test('a quote that expires while ordering is down is re-priced before the modify goes out', async () => {
  const lumen = lumenWithOwnIds();
  const unavailable = { path: ORDERING, kind: 'status' as const, status: 503 };
  lumen.injectFault({ ...unavailable, then: [{ ...unavailable, forMs: 20 * MINUTE }] });
  const { serviceId } = lumen.existingService(100);

  const result = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    const result = await change(world, handle, { changeId: 'raise', speed: '1 Gbps' }, '1 hour');
    await terminateWhenIdle(handle);
    return result;
  });

  expect(lumen.quotes.length).toBeGreaterThanOrEqual(2);
  expect(lumen.changes).toHaveLength(1);
  expect(lumen.changes[0].quoteId).toBe(lumen.quotes.at(-1)!.id);
  expect(result.quoteId).toBe(lumen.changes[0].quoteId);
});

test('the price guard, an unoffered speed, a repeated changeId and a reused one: each answered as the contract says', async () => {
  const lumen = lumenWithOwnIds();
  lumen.setHourlyPrice('1 Gbps', 1.84); // $1,324.80 a month for the raise
  const { serviceId } = lumen.existingService(100);

  const outcomes = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    const guarded = await change(world, handle, { changeId: 'c1', speed: '1 Gbps', maxMonthlyPriceUsd: 1_000 }).catch(
      (e: unknown) => e,
    );
    const unoffered = await change(world, handle, { changeId: 'c2', speed: '10 Gbps' }).catch((e: unknown) => e);
    const first = await change(world, handle, { changeId: 'c3', speed: '1 Gbps' });
    const again = await change(world, handle, { changeId: 'c3', speed: '1 Gbps' });
    const reused = await handle
      .executeUpdate(changeBandwidthUpdate, { args: [{ changeId: 'c3', speed: '100 Mbps' }] })
      .catch((e: unknown) => e);
    const bad = await handle
      .executeUpdate(changeBandwidthUpdate, { args: [{ changeId: 'c4', speed: 'fast' }] })
      .catch((e: unknown) => e);
    await terminateWhenIdle(handle);
    return { guarded, unoffered, first, again, reused, bad };
  });

  expect(failureType(outcomes.guarded)).toBe('PriceNotApproved');
  expect((outcomes.guarded as WorkflowUpdateFailedError).cause?.message).toContain('$1324.80/month');
  expect(failureType(outcomes.unoffered)).toBe('SpeedNotOffered');
  expect(outcomes.again).toEqual(outcomes.first);
  expect(lumen.changes).toHaveLength(1);
  expect((outcomes.reused as WorkflowUpdateFailedError).cause?.message).toContain(
    'was already used for a change to 1 Gbps',
  );
  expect((outcomes.bad as WorkflowUpdateFailedError).cause?.message).toContain('speed: must be a speed');
});

test('disconnect: one delete order, changes queued behind it refused, the workflow ends DISCONNECTED with the same result', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { disconnected, queued, result, later } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startService(taskQueue, serviceId);
    await activeView(handle);
    const running = await handle.startUpdate(changeBandwidthUpdate, {
      args: [{ changeId: 'first', speed: '1 Gbps' }],
      waitForStage: 'ACCEPTED',
    });
    const queuedUpdate = await handle.startUpdate(changeBandwidthUpdate, {
      args: [{ changeId: 'second', speed: '100 Mbps' }],
      waitForStage: 'ACCEPTED',
    });
    const queued = queuedUpdate.result().catch((e: unknown) => e);
    const disconnect = await handle.startUpdate(disconnectUpdate, {
      args: [{ reason: 'moving out' }],
      waitForStage: 'ACCEPTED',
    });
    const later = await handle
      .executeUpdate(changeBandwidthUpdate, { args: [{ changeId: 'third', speed: '1 Gbps' }] })
      .catch((e: unknown) => e);
    const disconnected = disconnect.result();
    await world.env.sleep('2 hours');
    await running.result();
    return { disconnected: await disconnected, queued: await queued, result: await handle.result(), later };
  });

  expect(lumen.disconnects).toHaveLength(1);
  expect(disconnected).toMatchObject({ status: 'DISCONNECTED', orderId: 'disconnect-1' });
  expect(result).toEqual(disconnected);
  expect(failureType(queued)).toBe('ChangeFailed');
  expect((queued as WorkflowUpdateFailedError).cause?.message).toContain('being disconnected');
  expect((later as WorkflowUpdateFailedError).cause?.message).toContain('is being disconnected');
  expect(lumen.changes.map((c) => c.mbps)).toEqual([1000]); // the running change finished; the queued one never ran
});

test('continue-as-new becomes due during a change: the change is answered, then the state is carried over', async () => {
  const lumen = lumenWithOwnIds();
  const { serviceId } = lumen.existingService(100);

  const { runs, repeated, first, view, carried } = await world.withWorker(lumen, async (taskQueue) => {
    // A history bound the change itself crosses.
    const handle = await world.startService(taskQueue, serviceId, { maxHistoryEvents: 15 });
    await activeView(handle);
    const before = await handle.describe();
    expect(before.historyLength).toBeLessThan(15);
    const first = await change(world, handle, { changeId: 'up', speed: '1 Gbps', revertAfter: '1 day' });
    const latest = world.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(handle.workflowId);
    await viewWhen(latest, () => true);
    const { runId: laterRun } = await latest.describe();
    const view = await latest.query(serviceQuery);
    const started = (await latest.fetchHistory()).events?.[0].workflowExecutionStartedEventAttributes;
    const carried = await readStoredPayload(started?.input?.payloads?.[1]);
    const repeated = await change(world, latest, { changeId: 'up', speed: '1 Gbps', revertAfter: '1 day' });
    await terminateWhenIdle(latest);
    return { runs: [before.runId, laterRun], repeated, first, view, carried };
  });

  expect(runs[0]).not.toBe(runs[1]);
  expect(first).toMatchObject({ status: 'ACTIVE', speed: '1 Gbps' });
  expect(repeated).toEqual(first);
  expect(lumen.changes.map((c) => c.mbps)).toEqual([1000]);
  // Carried over: the speed, the pending revert, the last change, and the count of the day's orders with
  // the GMT day it counts (read from the new run's input: what the query reports as "today" depends on
  // how far the server has skipped workflow time by the time the query is answered).
  expect(view).toMatchObject({ speed: '1 Gbps', revert: { speed: '100 Mbps' }, lastChange: first });
  expect(carried).toMatchObject({ changesToday: 1, day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect((carried as { day: string }).day <= first.completedAt.slice(0, 10)).toBe(true);
});
