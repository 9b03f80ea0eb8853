// One provisioning, one order — in the corners that need hours of workflow time, on the time-skipping
// server with the sandbox in process: answers lost behind a gateway, ordering down for longer
// than a quote lives, inventory that lags, used quotes that answer "expired", refusals after an
// uncertain attempt, inventory rows that are not ours, and a workflow started under the wrong id.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { provisionInternetOnDemand } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import { provisioningRequest } from '../env/requests';
import { InProcessLumen, INVENTORY, ORDERING } from './in-process-lumen';
import { useTimeSkipping } from './time-skipping';

const MINUTE = 60_000;
const LAG_MS = 10 * MINUTE; // the default LUMEN_INVENTORY_LAG
const world = useTimeSkipping();

/** Ordering answers 503 for this long. */
const unavailableFor = (forMs: number) => ({ path: ORDERING, kind: 'status' as const, status: 503, forMs });

async function provision(lumen: InProcessLumen) {
  return world.withWorker(lumen, async (taskQueue) => {
    const handle = await world.startProvisioning(taskQueue);
    const outcome = await handle.result().catch((error: unknown) => error);
    return { outcome, status: await handle.query(statusQuery) };
  });
}

/** Lumen refuses the order for good (400). */
const refused = {
  path: ORDERING,
  kind: 'status' as const,
  status: 400,
  body: { code: '400', reason: 'Bad Request', message: 'billing account is on hold' },
};

const evidence = (status: { history: { detail: string }[] }) =>
  status.history.map((h) => h.detail).filter((detail) => /^Order \S+( for service \S+)?: /.test(detail));

test('an order applied but unanswered, not yet in inventory, is adopted through the single-use quote', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault({ path: ORDERING, kind: 'reset-after' });
  lumen.updateSettings({ inventoryLagMs: 30 * MINUTE });

  const { outcome } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(lumen.count('placeOrder')).toBe(2); // the re-send named the same quote and learnt the order id
  expect(outcome).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', quoteId: 'NaaS-1', quotesRequested: 1 });
});

test('a 504 after applying, then ordering down for longer than the quote lives: the lagging inventory finds the order, no second one', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault({ path: ORDERING, kind: 'status-after', then: [unavailableFor(25 * MINUTE)] });
  lumen.updateSettings({ inventoryLagMs: 8 * MINUTE });

  const { outcome, status } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(outcome).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', quoteId: 'NaaS-1' });
  expect(evidence(status)).toEqual([expect.stringContaining('inventory shows service 77133831770')]);
});

test('a used quote that answers "expired" proves nothing: the order is found, not repeated', async () => {
  const lumen = new InProcessLumen();
  lumen.updateSettings({
    quoteValidityMs: 5 * MINUTE, // shorter than the worker plans with: the re-send finds it expired
    usedQuotesAnswerExpired: true,
    inventoryLagMs: 9.5 * MINUTE, // still hidden when the re-send hears "expired", shown before the lag ends
  });
  lumen.injectFault({ path: ORDERING, kind: 'status-after', then: [unavailableFor(6 * MINUTE)] });

  const { outcome, status } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(outcome).toMatchObject({ status: 'ACTIVE', orderId: 'order-1' });
  expect(status.history.some((h) => h.detail.includes('does not say whether it was ordered'))).toBe(true);
  expect(evidence(status)).toEqual([expect.stringContaining('inventory shows service')]);
});

test('with nothing applied, a new quote is sent only once inventory has had the lag to show an order', async () => {
  const lumen = new InProcessLumen();
  // Every attempt with the first quote is lost behind the gateway, until that quote is too old to send.
  lumen.injectFault({ path: ORDERING, kind: 'status', status: 504, times: 9 });

  const { outcome, status } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  const firstQuoteCalls = lumen.orderCalls.filter((call) => call.quoteId === 'NaaS-1');
  expect(firstQuoteCalls).toHaveLength(9);
  expect(lumen.orders[0].order.quoteId).toBe('NaaS-2');
  expect(lumen.orders[0].at).toBeGreaterThanOrEqual(firstQuoteCalls.at(-1)!.at + LAG_MS);
  expect(outcome).toMatchObject({ status: 'ACTIVE', quotesRequested: 2 });
  expect(evidence(status)).toEqual([expect.stringContaining('Lumen accepted it')]);
  expect(status.history.some((h) => h.detail.includes('inventory only proves it did not'))).toBe(true);
});

test('an unanswered order whose quote expires during an inventory outage is re-priced only after reconciling', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault({
    path: ORDERING,
    kind: 'status',
    status: 504,
    then: [{ path: INVENTORY, kind: 'status', status: 503, forMs: 20 * MINUTE }],
  });

  const { outcome } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(lumen.orders[0].order.quoteId).toBe('NaaS-2');
  expect(outcome).toMatchObject({ status: 'ACTIVE', quoteId: 'NaaS-2', quotesRequested: 2 });
  // Inventory was asked (and answered) right before the new quote went out.
  const order = lumen.calls.lastIndexOf('placeOrder');
  expect(lumen.calls[order - 1]).toBe('listInventory');
});

test('a refusal after an uncertain attempt reconciles first: the order that went through is adopted', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault({ path: ORDERING, kind: 'reset-after' });
  lumen.injectFault(refused);
  lumen.updateSettings({ inventoryLagMs: 5 * MINUTE });

  const { outcome, status } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(outcome).toMatchObject({ status: 'ACTIVE', orderId: 'order-1' });
  expect(status.history.some((h) => h.detail.includes('inventory is asked before giving up'))).toBe(true);
});

test('a refusal with nothing uncertain before it fails the provisioning as OrderRejected at once', async () => {
  const lumen = new InProcessLumen();
  lumen.injectFault(refused);

  const { outcome } = await provision(lumen);

  expect(((outcome as WorkflowFailedError).cause as ApplicationFailure).type).toBe('OrderRejected');
  expect(lumen.orders).toHaveLength(0);
});

test('an inventory row that does not name this request is not counted as ours', async () => {
  const lumen = new InProcessLumen();
  // Inventory answers every service of the customer, as a Lumen that ignored the externalId filter would.
  lumen.updateSettings({ inventoryIgnoresExternalId: true });
  lumen.existingService(100, '11111111111');
  lumen.existingService(100, '22222222222');

  const { outcome } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(outcome).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', serviceId: '77133831770' });
});

test('a provisioning started under another id than iod-<requestId> fails at once as InvalidRequest, naming the id', async () => {
  const lumen = new InProcessLumen();
  const failure = await world.withWorker(lumen, (taskQueue) =>
    world.env.client.workflow
      .execute(provisionInternetOnDemand, {
        taskQueue,
        workflowId: 'my-own-id',
        args: [provisioningRequest({ requestId: 'R-ID-CHECK' })],
      })
      .catch((error: unknown) => error),
  );

  const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('InvalidRequest');
  expect(cause.message).toContain('"iod-R-ID-CHECK"');
  expect(lumen.calls).toEqual([]);
});
