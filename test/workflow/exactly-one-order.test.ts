// One provisioning, one order — in the corners the sandbox cannot easily stage. Time-skipping server
// and a fake Lumen: an order applied but unanswered while inventory lags, and an unanswered order
// whose quote expires while Lumen's inventory is down.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { workflowIdFor } from '../../domain/names';
import { provisionInternetOnDemand } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import { FakeLumen, testServerClock } from './fake-lumen';
import { freshRequestId, provisioningRequest } from '../env/requests';
import { silentLogger } from './silent-logger';
import { startTimeSkippingEnvironment } from '../env/temporal';
import { bundleProvisioningWorkflow } from './workflow-bundle';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([startTimeSkippingEnvironment(), bundleProvisioningWorkflow()]);
});

afterAll(async () => {
  await env?.teardown();
});

async function provision(lumen: FakeLumen) {
  const taskQueue = `orders-${freshRequestId()}`;
  const requestId = freshRequestId();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities({ lumen, clock: testServerClock, quoteValidityMs: 15 * 60_000, logger: silentLogger }),
  });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId })],
    });
    return { result: await handle.result(), status: await handle.query(statusQuery) };
  });
}

test('an order applied but unanswered, not yet in inventory, is adopted through the single-use quote', async () => {
  const lumen = new FakeLumen();
  lumen.orderFaults = ['applied-then-lost'];
  lumen.inventoryLagMs = 30 * 60_000;

  const { result } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(lumen.count('placeOrder')).toBe(2); // the re-send named the same quote and learnt the order id
  expect(result).toMatchObject({ status: 'ACTIVE', orderId: 'order-1', quoteId: 'NaaS-1', quotesRequested: 1 });
});

test('an unanswered order whose quote expires during an inventory outage is re-priced only after reconciling', async () => {
  const lumen = new FakeLumen();
  lumen.orderFaults = ['lost-before-applied'];
  lumen.inventoryOutageAfterOrderFaultMs = 20 * 60_000;

  const { result, status } = await provision(lumen);

  expect(lumen.orders).toHaveLength(1);
  expect(lumen.orders[0].order.quoteId).toBe('NaaS-2');
  expect(result).toMatchObject({ status: 'ACTIVE', quoteId: 'NaaS-2', quotesRequested: 2 });
  // The expired quote was re-sent (Lumen refused it) and inventory asked again before any new quote.
  const order = lumen.calls.lastIndexOf('placeOrder');
  const secondQuote = lumen.calls.lastIndexOf('requestQuote');
  expect(lumen.calls.slice(0, secondQuote).filter((c) => c === 'placeOrder')).toHaveLength(2);
  expect(lumen.calls[secondQuote - 1]).toBe('listInventory');
  expect(order).toBeGreaterThan(secondQuote);
  expect(status.history.some((h) => h.detail.includes('can no longer be ordered'))).toBe(true);
});
