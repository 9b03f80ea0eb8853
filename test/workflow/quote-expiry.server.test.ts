// Quotes expire 15 minutes after pricing. With real durations on the time-skipping server: a quote
// that would expire during a slow billing step is re-priced, and a price above the guard waits for
// approval without calling Lumen or growing the history, then orders within the approved ceiling.
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { approvePriceUpdate } from '../../workflows/messages';
import { BILLING, InProcessLumen } from './in-process-lumen';
import { statusWhen } from './status-polling';
import { QUOTE_VALIDITY_MS, terminateWhenIdle, useTimeSkipping } from './time-skipping';

const world = useTimeSkipping();

const failureOf = (error: unknown) => (error as WorkflowFailedError).cause as ApplicationFailure;

test('a quote that would expire during a 15-minute billing outage is re-priced and the order carries the new quote', async () => {
  const lumen = new InProcessLumen();
  // Billing answers 503 for 15 minutes from its first call.
  const unavailable = { path: BILLING, kind: 'status' as const, status: 503 };
  lumen.injectFault({ ...unavailable, then: [{ ...unavailable, forMs: 15 * 60_000 }] });

  const result = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue);
    await statusWhen(handle, (s) => s.step === 'BILLING');
    // Nothing waits for approval here (no price guard): the update is refused with the reason.
    await expect(
      handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: 'NaaS-1', approved: true }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining('No price is waiting for approval') } });
    return handle.result();
  });

  expect(lumen.count('listBillingAccounts')).toBeGreaterThan(10);
  expect(lumen.quotes.map((q) => q.id)).toEqual(['NaaS-1', 'NaaS-2']);
  expect(lumen.orders).toHaveLength(1);
  expect(lumen.orders[0].order.quoteId).toBe('NaaS-2');
  // Lumen would have refused the first quote: the order went out within the second one's validity.
  expect(lumen.orders[0].at).toBeLessThan(lumen.quotes[1].issuedAt + QUOTE_VALIDITY_MS);
  expect(result).toMatchObject({ status: 'ACTIVE', quoteId: 'NaaS-2', quotesRequested: 2, billingAccountId: '5-US' });
});

test('a price above the guard waits for approval with no Lumen call and no history event, then re-prices and orders', async () => {
  const lumen = new InProcessLumen();
  lumen.setHourlyPrice('100 Mbps', 0.7); // $504.00 a month

  const result = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { maxMonthlyPriceUsd: 400 });
    const waiting = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
    expect(waiting.quote).toMatchObject({ id: 'NaaS-1', monthlyPriceUsd: '504.00' });
    const callsBefore = lumen.calls.length;
    const eventsBefore = (await handle.describe()).historyLength;

    await world.env.sleep('6 hours');

    expect(lumen.calls.length).toBe(callsBefore);
    expect((await handle.describe()).historyLength).toBe(eventsBefore);
    expect(lumen.orders).toHaveLength(0);
    const stale = handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: 'NaaS-7', approved: true }] });
    await expect(stale).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(stale).rejects.toMatchObject({
      cause: { message: expect.stringContaining('is not the one waiting') },
    });

    const answer = await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: 'NaaS-1', approved: true }] });
    expect(answer).toContain('approved');
    return handle.result();
  });

  // The approved quote had expired while waiting: a fresh one at the approved price was ordered.
  expect(lumen.quotes.map((q) => q.id)).toEqual(['NaaS-1', 'NaaS-2']);
  expect(lumen.orders).toHaveLength(1);
  expect(result).toMatchObject({ quoteId: 'NaaS-2', monthlyPriceUsd: '504.00', quotesRequested: 2 });
});

test('an approval with a ceiling orders a fresh price within it, and waits again for one above it', async () => {
  const lumen = new InProcessLumen();
  lumen.setHourlyPrice('100 Mbps', 0.7); // $504.00 a month

  const { result, second } = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { maxMonthlyPriceUsd: 400 });
    await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
    await world.env.sleep('1 hour');
    lumen.setHourlyPrice('100 Mbps', 0.84); // $604.80: above the ceiling given below
    await handle.executeUpdate(approvePriceUpdate, {
      args: [{ quoteId: 'NaaS-1', approved: true, maxMonthlyPriceUsd: 600 }],
    });
    const second = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL' && s.quote?.id === 'NaaS-2');
    expect(lumen.orders).toHaveLength(0);
    lumen.setHourlyPrice('100 Mbps', 0.8); // $576.00: the next quote is within $600
    await world.env.sleep('1 hour');
    await handle.executeUpdate(approvePriceUpdate, {
      args: [{ quoteId: 'NaaS-2', approved: true, maxMonthlyPriceUsd: 610 }],
    });
    return { result: await handle.result(), second };
  });

  expect(second.quote?.monthlyPriceUsd).toBe('604.80');
  expect(lumen.orders).toHaveLength(1);
  expect(result).toMatchObject({ quoteId: 'NaaS-3', monthlyPriceUsd: '576.00' });
});

test('a repeated update returns the same answer, and a decision cannot be flipped afterwards', async () => {
  const lumen = new InProcessLumen();
  lumen.setHourlyPrice('100 Mbps', 0.7); // $504.00 a month
  lumen.updateSettings({ settleDelayMs: { add: null } });

  await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { maxMonthlyPriceUsd: 400 });
    await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
    const approve = { args: [{ quoteId: 'NaaS-1', approved: true }] as [{ quoteId: string; approved: boolean }] };
    const first = await handle.executeUpdate(approvePriceUpdate, { ...approve, updateId: 'approve-once' });
    const again = await handle.executeUpdate(approvePriceUpdate, { ...approve, updateId: 'approve-once' });
    expect(again).toBe(first);
    const flip = handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: 'NaaS-1', approved: false }] });
    await expect(flip).rejects.toMatchObject({ cause: { message: expect.stringContaining('already approved') } });
    await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
    await terminateWhenIdle(handle);
  });
  expect(lumen.orders).toHaveLength(1);
});

test('a refused price ends the provisioning as PriceNotApproved with nothing ordered', async () => {
  const lumen = new InProcessLumen();
  lumen.setHourlyPrice('100 Mbps', 0.7); // $504.00 a month

  const failure = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { maxMonthlyPriceUsd: 400 });
    const status = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
    await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: status.quote!.id, approved: false }] });
    return handle.result().catch((error: unknown) => error);
  });

  expect(failure).toBeInstanceOf(WorkflowFailedError);
  expect(failureOf(failure).type).toBe('PriceNotApproved');
  expect(failureOf(failure).message).toContain('$504.00/month');
  expect(failureOf(failure).message).toContain('$400.00');
  expect(lumen.orders).toHaveLength(0);
});

test('a price nobody decides on ends as PriceNotApproved after the 7-day approval timeout', async () => {
  const lumen = new InProcessLumen();
  lumen.setHourlyPrice('100 Mbps', 0.7); // $504.00 a month
  const started = await world.env.currentTimeMs();

  const failure = await world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue, { maxMonthlyPriceUsd: 400 });
    return handle.result().catch((error: unknown) => error);
  });

  expect(failureOf(failure).type).toBe('PriceNotApproved');
  expect(failureOf(failure).message).toMatch(/within 7 days; nothing was ordered/);
  expect((await world.env.currentTimeMs()) - started).toBeGreaterThanOrEqual(7 * 24 * 3_600_000);
  expect(lumen.count('requestQuote')).toBe(1);
  expect(lumen.orders).toHaveLength(0);
});
