// Quotes expire 15 minutes after pricing. With real durations on the time-skipping server: a quote
// that would expire during a slow billing step is re-priced, and a price above the guard waits for
// approval while the quote keeps being renewed.
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningStatus } from '../../domain/status';
import { provisionInternetOnDemand } from '../../workflows';
import { approvePriceUpdate, statusQuery } from '../../workflows/messages';
import { FakeLumen, testServerClock } from './fake-lumen';
import { freshRequestId, provisioningRequest } from '../env/requests';
import { silentLogger } from './silent-logger';
import { startTimeSkippingEnvironment } from '../env/temporal';
import { bundleProvisioningWorkflow } from './workflow-bundle';

const QUOTE_VALIDITY_MS = 15 * 60_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([startTimeSkippingEnvironment(), bundleProvisioningWorkflow()]);
});

afterAll(async () => {
  await env?.teardown();
});

async function withWorker<T>(lumen: FakeLumen, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `quotes-${freshRequestId()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities({
      lumen,
      clock: testServerClock,
      quoteValidityMs: QUOTE_VALIDITY_MS,
      logger: silentLogger,
    }),
  });
  return worker.runUntil(run(taskQueue));
}

async function until(
  handle: WorkflowHandle,
  test: (status: ProvisioningStatus) => boolean,
): Promise<ProvisioningStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await handle.query(statusQuery);
    if (test(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the workflow never reached the expected status');
}

test('a quote that would expire during a 20-minute billing outage is re-priced and the order carries the new quote', async () => {
  const lumen = new FakeLumen();
  lumen.billingOutageMs = 20 * 60_000;
  const requestId = freshRequestId();

  const result = await withWorker(lumen, async (taskQueue) => {
    const handle = await env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId })],
    });
    await until(handle, (s) => s.step === 'BILLING');
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

test('a price above the guard waits for approval, re-pricing as quotes expire, and orders the approved quote', async () => {
  const lumen = new FakeLumen();
  lumen.monthlyCents = 50_400; // $504.00 a month
  const requestId = freshRequestId();

  const result = await withWorker(lumen, async (taskQueue) => {
    const handle = await env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId, maxMonthlyPriceUsd: 400 })],
    });
    const waiting = await until(handle, (s) => s.step === 'AWAIT_APPROVAL');
    expect(waiting.quote).toMatchObject({ id: 'NaaS-1', monthlyPriceUsd: '504.00' });

    await env.sleep('40 minutes');
    const renewed = await until(handle, (s) => s.step === 'AWAIT_APPROVAL' && s.quotesRequested >= 3);
    expect(renewed.quote?.id).toBe(`NaaS-${renewed.quotesRequested}`);
    expect(lumen.orders).toHaveLength(0);

    const stale = handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: 'NaaS-1', approved: true }] });
    await expect(stale).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(stale).rejects.toMatchObject({
      cause: { message: expect.stringContaining('is not the one waiting') },
    });

    const answer = await handle.executeUpdate(approvePriceUpdate, {
      args: [{ quoteId: renewed.quote!.id, approved: true }],
    });
    expect(answer).toContain('approved');
    return handle.result();
  });

  expect(lumen.orders).toHaveLength(1);
  expect(result.quoteId).toBe(lumen.orders[0].order.quoteId);
  expect(result.monthlyPriceUsd).toBe('504.00');
  expect(result.quotesRequested).toBeGreaterThanOrEqual(3);
});

test('a refused price ends the provisioning as PriceNotApproved with nothing ordered', async () => {
  const lumen = new FakeLumen();
  lumen.monthlyCents = 50_400;
  const requestId = freshRequestId();

  const failure = await withWorker(lumen, async (taskQueue) => {
    const handle = await env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [provisioningRequest({ requestId, maxMonthlyPriceUsd: 400 })],
    });
    const status = await until(handle, (s) => s.step === 'AWAIT_APPROVAL');
    await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: status.quote!.id, approved: false }] });
    return handle.result().catch((error: unknown) => error);
  });

  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('PriceNotApproved');
  expect(cause.message).toContain('$504.00/month');
  expect(cause.message).toContain('$400.00');
  expect(lumen.orders).toHaveLength(0);
});
