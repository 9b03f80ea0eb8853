import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  approvePrice,
  cancelProvisioning,
  ProgressTracker,
  ProvisioningNotFoundError,
  startProvisioning,
  watchProvisioning,
  type ProgressEvent,
} from '../../client';
import type { ProvisioningStatus } from '../../domain/status';
import { sampleRequest, uniqueRequestId } from './sample-request';
import { startClientWorld, type ClientWorld } from './world';

describe('ProgressTracker', () => {
  const base: ProvisioningStatus = {
    step: 'PRICE',
    quote: null,
    orderId: null,
    serviceId: null,
    quotesRequested: 0,
    lastError: null,
    history: [{ at: '2030-01-01T00:00:00.000Z', step: 'FIND_PROVIDER', detail: 'partner Equinix' }],
  };
  const quote = { id: 'Q1', expiresAt: '2030-01-01T00:15:00.000Z', monthlyPriceUsd: '331.20' };

  test('reports each history entry, quote, order, service and error once', () => {
    const tracker = new ProgressTracker();
    expect(tracker.changes(base).map((event) => event.kind)).toEqual(['step']);
    expect(tracker.changes(base)).toEqual([]);
    const waiting: ProvisioningStatus = {
      ...base,
      step: 'AWAIT_APPROVAL',
      quote,
      history: [...base.history, { at: '2030-01-01T00:00:01.000Z', step: 'AWAIT_APPROVAL', detail: 'above $300' }],
    };
    expect(tracker.changes(waiting).map((event) => event.kind)).toEqual(['step', 'quote', 'awaiting-approval']);
    expect(tracker.changes(waiting)).toEqual([]);
    const failing = { ...waiting, step: 'ORDER' as const, orderId: 'O1', lastError: 'Lumen said 503' };
    expect(tracker.changes(failing)).toEqual([
      { kind: 'order', orderId: 'O1' },
      { kind: 'error', message: 'Lumen said 503' },
    ]);
    expect(tracker.changes(failing)).toEqual([]);
    expect(tracker.changes({ ...failing, serviceId: 'S1', lastError: null })).toEqual([
      { kind: 'service', serviceId: 'S1' },
    ]);
  });

  test('a fact follows the entry of the step that produced it, stamped with its time', () => {
    const tracker = new ProgressTracker();
    const history = [
      { at: '2030-01-01T00:00:01.000Z', step: 'PRICE' as const, detail: 'priced' },
      { at: '2030-01-01T00:00:02.000Z', step: 'BILLING' as const, detail: 'billing' },
    ];
    expect(tracker.changes({ ...base, step: 'BILLING', quote, history })).toEqual([
      { kind: 'step', ...history[0] },
      { kind: 'quote', quote, at: '2030-01-01T00:00:01.000Z' },
      { kind: 'step', ...history[1] },
    ]);
  });

  test('a re-quote is reported as a new quote', () => {
    const tracker = new ProgressTracker();
    tracker.changes({ ...base, quote });
    expect(tracker.changes({ ...base, quote: { ...quote, id: 'Q2' } })).toEqual([
      { kind: 'quote', quote: { ...quote, id: 'Q2' } },
    ]);
  });
});

describe('watchProvisioning on the dev server', () => {
  const taskQueue = 'client-watch';
  let world: ClientWorld;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    world = await startClientWorld(taskQueue);
    env = world.env;
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function collect(requestId: string, onEvent?: (event: ProgressEvent) => Promise<void>) {
    const events: ProgressEvent[] = [];
    for await (const event of watchProvisioning(env.client, requestId, { intervalMs: 100 })) {
      events.push(event);
      await onEvent?.(event);
    }
    return events;
  }

  test('follows every step to ACTIVE, with the quote, the order and the service', async () => {
    const requestId = uniqueRequestId('W');
    await startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue });
    const events = await collect(requestId);
    const steps = events.filter((event) => event.kind === 'step').map((event) => event.step);
    // Each step's entries in turn (a step may say more than one thing).
    expect([...new Set(steps)]).toEqual([
      'FIND_PROVIDER',
      'BROWSE_LOCATIONS',
      'QUALIFY',
      'PRICE',
      'BILLING',
      'ORDER',
      'AWAIT_ACTIVATION',
      'ACTIVE',
    ]);
    // Each fact follows the history entry of the step that produced it.
    const kinds = events.map((event) => (event.kind === 'step' ? event.step : event.kind));
    expect(kinds[kinds.indexOf('quote') - 1]).toBe('PRICE');
    expect(kinds[kinds.indexOf('order') - 1]).toBe('ORDER');
    // Lumen names the service while the workflow waits for activation, or as it becomes active.
    expect(['AWAIT_ACTIVATION', 'ACTIVE']).toContain(kinds[kinds.indexOf('service') - 1]);
    const outcome = events.at(-1);
    expect(outcome).toEqual({ kind: 'outcome', outcome: expect.objectContaining({ status: 'ACTIVE' }) });
    const { result } = (outcome as { outcome: { result: { quoteId: string; orderId: string; serviceId: string } } })
      .outcome;
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'quote', quote: expect.objectContaining({ id: result.quoteId }) }),
    );
    expect(events).toContainEqual(expect.objectContaining({ kind: 'order', orderId: result.orderId }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'service', serviceId: result.serviceId }));
  });

  test('asks for approval once, and carries on after it', async () => {
    const requestId = uniqueRequestId('WA');
    await startProvisioning(env.client, sampleRequest({ requestId, maxMonthlyPriceUsd: 10 }), { taskQueue });
    const events = await collect(requestId, async (event) => {
      if (event.kind === 'awaiting-approval') {
        await approvePrice(env.client, requestId, { quoteId: event.quote.id, approved: true });
      }
    });
    expect(events.filter((event) => event.kind === 'awaiting-approval')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', outcome: { status: 'ACTIVE' } });
  });

  test('ends with the failure or the cancellation', async () => {
    const failed = uniqueRequestId('WF');
    await startProvisioning(env.client, sampleRequest({ requestId: failed, partner: 'Nowhere' }), { taskQueue });
    expect((await collect(failed)).at(-1)).toEqual({
      kind: 'outcome',
      outcome: {
        status: 'FAILED',
        failureType: 'PartnerNotFound',
        message: expect.stringMatching(/^Lumen has no partner named "Nowhere" for customer 1-ABCDE; /),
      },
    });

    const cancelled = uniqueRequestId('WC');
    await startProvisioning(env.client, sampleRequest({ requestId: cancelled, maxMonthlyPriceUsd: 10 }), {
      taskQueue,
    });
    const events = await collect(cancelled, async (event) => {
      if (event.kind === 'awaiting-approval') await cancelProvisioning(env.client, cancelled);
    });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'step', step: 'CANCELLED' }));
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', outcome: { status: 'CANCELLED' } });
  });

  test('says once that no worker answers, and keeps watching', async () => {
    const requestId = uniqueRequestId('WN');
    const started = await startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue: 'nobody-polls' });
    const events: ProgressEvent[] = [];
    for await (const event of watchProvisioning(env.client, requestId, { intervalMs: 100, queryTimeoutMs: 300 })) {
      events.push(event);
      if (events.length === 1) setTimeout(() => void started.handle.terminate('test over'), 1_000);
    }
    expect(events[0]).toEqual({ kind: 'no-worker', message: expect.stringContaining('no worker answered') });
    expect(events.filter((event) => event.kind === 'no-worker')).toHaveLength(1);
    expect(events.at(-1)).toEqual({ kind: 'outcome', outcome: { status: 'TERMINATED', message: 'test over' } });
  });

  test('an unknown request id is not found', async () => {
    await expect(collect('NO-SUCH-W')).rejects.toThrow(ProvisioningNotFoundError);
  });
});
