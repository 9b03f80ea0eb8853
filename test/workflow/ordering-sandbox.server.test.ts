// Exactly one order whatever the network does, and the price guard, against the sandbox.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { approvePriceUpdate, statusQuery } from '../../workflows/messages';
import { sandboxRequest, useIntegrationStack } from './integration-stack';
import { statusWhen } from './status-polling';

const ORDER_PATH = '/Customer/v3/Ordering/orderRequest';
// Quotes live 20 s here; the worker allows inventory 30 s to catch up, and the sandbox lags by 25 s where
// a test asks it to.
const stack = useIntegrationStack({ quoteValidityMs: 20_000, inventoryLagMs: 30_000 }, { resetBeforeEach: true });

async function provision(request: ReturnType<typeof sandboxRequest>) {
  return stack.withWorker(async (taskQueue) => {
    const handle = await stack.startProvisioning(taskQueue, request);
    return { result: await handle.result(), status: await handle.query(statusQuery) };
  });
}

/** Provisions `request`, expecting Lumen to hold exactly one order for it, and returns that order too. */
async function provisionOrderingOnce(request: ReturnType<typeof sandboxRequest>) {
  const outcome = await provision(request);
  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  return { ...outcome, order: orders[0] };
}

test('a connection reset after Lumen applied the order is reconciled into that one order', async () => {
  await stack.sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, kind: 'reset-after' });
  const request = sandboxRequest();

  const { result, status, order } = await provisionOrderingOnce(request);

  expect(result).toMatchObject({ status: 'ACTIVE', orderId: order.id, quoteId: order.quoteId });
  expect(status.history.some((h) => h.detail.includes('may have been placed'))).toBe(true);
});

async function gateway504ThenOrderingDown() {
  await stack.sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, kind: 'status-after', status: 504 });
  await stack.sandbox.admin.injectFault({
    method: 'POST',
    path: ORDER_PATH,
    kind: 'status',
    status: 503,
    forMs: 40_000,
  });
}

test("a gateway 504 after Lumen applied the order, then ordering down: Lumen's event names the order, no second one", async () => {
  await gateway504ThenOrderingDown();
  const request = sandboxRequest({ activationTimeout: '5 minutes' });

  const { result, status, order } = await provisionOrderingOnce(request);

  expect(result).toMatchObject({ status: 'ACTIVE', orderId: order.id });
  expect(status.history.some((h) => /^Order \S+: Lumen's event named order/.test(h.detail))).toBe(true);
});

test('the same without webhooks, ordering down for longer than the quote lives and inventory lagging: still one order', async () => {
  await stack.sandbox.admin.clearWebhook();
  await stack.sandbox.admin.updateSettings({ inventoryLagMs: 25_000 });
  await gateway504ThenOrderingDown();
  const request = sandboxRequest({ activationTimeout: '5 minutes' });

  const { result, status, order } = await provisionOrderingOnce(request);

  expect(result).toMatchObject({ status: 'ACTIVE', orderId: order.id });
  expect(status.quotesRequested).toBeGreaterThan(1); // the first quote went stale while ordering was down
  expect(status.history.some((h) => /^Order \S+: inventory shows service/.test(h.detail))).toBe(true);
});

test('a connection reset before Lumen applied the order is simply retried, ordering once', async () => {
  await stack.sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, kind: 'reset-before', times: 2 });
  const request = sandboxRequest();

  const { result, order } = await provisionOrderingOnce(request);

  expect(result.orderId).toBe(order.id);
});

test('a price above the guard is ordered once approved, with the approved quote', async () => {
  const request = sandboxRequest({ maxMonthlyPriceUsd: 300 }); // Monroe 100 Mbps is $331.20 a month

  const { result, refusal } = await stack.withWorker(async (taskQueue) => {
    const handle = await stack.startProvisioning(taskQueue, request);
    const waiting = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
    expect(waiting.quote?.monthlyPriceUsd).toBe('331.20');
    expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toEqual([]);
    const refusal = await handle
      .executeUpdate(approvePriceUpdate, { args: [{ quoteId: 'NaaS-0', approved: true }] })
      .catch((error: unknown) => error);
    await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: waiting.quote!.id, approved: true }] });
    return { result: await handle.result(), refusal };
  });

  expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(result).toMatchObject({ status: 'ACTIVE', monthlyPriceUsd: '331.20', quoteId: orders[0].quoteId });
});
