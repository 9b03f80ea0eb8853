// The whole provisioning on a real dev server against the Lumen sandbox, through the real worker and
// Lumen client: activation by webhook, by inventory polling alone, and a duplicate start refused.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type WorkflowHandle } from '@temporalio/client';
import pino from 'pino';
import { workflowIdFor } from '../../domain/names';
import { runWorker } from '../../workers/worker';
import { provisionInternetOnDemand } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import {
  customerNumberKey,
  masterSiteIdKey,
  orderIdKey,
  serviceIdKey,
  stepKey,
} from '../../workflows/shared/search-attributes';
import { MONROE, SANDBOX_CUSTOMER, sandboxRequest, useIntegrationStack } from './integration-stack';
import { completedWorkflowTasks, localActivities, scheduledActivities, upserts } from './history-activities';

const stack = useIntegrationStack({}, { resetBeforeEach: true });

test('a provisioning activated by Lumen’s webhook returns the service, the prices and the order', async () => {
  // Polling is hourly here, so only the webhook can finish it in time.
  const request = sandboxRequest({ pollInterval: '1 hour', activationTimeout: '2 hours' });
  const { result, status, description, history, service, serviceHistory, taskQueue } = await stack.withWorker(
    async (taskQueue) => {
      const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
        taskQueue,
        workflowId: workflowIdFor(request.requestId),
        args: [request],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      const result = await handle.result();
      const history = await handle.fetchHistory();
      const serviceHandle = stack.env.client.workflow.getHandle(result.serviceWorkflowId!);
      const service = await serviceHandle.describe();
      return {
        serviceHistory: await historyAfterFirstTask(serviceHandle),
        result,
        status: await handle.query(statusQuery),
        description: await handle.describe(),
        history,
        service,
        taskQueue,
      };
    },
  );

  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(result).toEqual({
    requestId: request.requestId,
    status: 'ACTIVE',
    orderId: orders[0].id,
    serviceId: orders[0].serviceId,
    partnerId: '43558',
    masterSiteId: MONROE,
    speed: '100 Mbps',
    quoteId: orders[0].quoteId,
    hourlyPriceUsd: '0.46',
    monthlyPriceUsd: '331.20',
    billingAccountId: '5-RHQBGCGK',
    activatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    quotesRequested: 1,
    serviceWorkflowId: `iod-service-${orders[0].serviceId}`,
  });
  // The service's own workflow runs on, on the provisioning's task queue.
  expect(service).toMatchObject({ status: { name: 'RUNNING' }, taskQueue, type: 'manageInternetOnDemandService' });
  expect(stack.relay.relayed.map((e) => e.event.productOrder.state)).toContain('completed');
  expect(status.step).toBe('ACTIVE');
  expect(status.history.find((h) => h.step === 'ACTIVE')?.detail).toContain('(webhook)');
  expect(status.history.map((h) => h.step)).toEqual(
    expect.arrayContaining([
      'FIND_PROVIDER',
      'BROWSE_LOCATIONS',
      'QUALIFY',
      'PRICE',
      'BILLING',
      'ORDER',
      'AWAIT_ACTIVATION',
      'ACTIVE',
    ]),
  );
  const attributes = description.typedSearchAttributes;
  expect(attributes.get(customerNumberKey)).toBe(SANDBOX_CUSTOMER);
  expect(attributes.get(stepKey)).toBe('ACTIVE');
  expect(attributes.get(orderIdKey)).toBe(result.orderId);
  expect(attributes.get(serviceIdKey)).toBe(result.serviceId);
  expect(attributes.get(masterSiteIdKey)).toBe(MONROE);

  // What it costs: the reads and the hand-over answered as local activities, in the workflow task that
  // asked; only the order is an activity of its own. The polling fallback waited an interval on a
  // timer, which the webhook cancelled before any poll.
  expect(localActivities(history)).toEqual(
    expect.arrayContaining([
      'chooseBillingAccount',
      'findProvider',
      'browseLocations',
      'qualifySpeed',
      'requestPrice',
      'startServiceManagement',
    ]),
  );
  expect(scheduledActivities(history)).toEqual(['placeOrder']);
  // The service's workflow starts from what the provisioning handed over: no read of its own.
  expect(localActivities(serviceHistory)).toEqual([]);
  expect(scheduledActivities(serviceHistory)).toEqual([]);
  // Listed from its start as operators and the reconciliation sweep read it: the hand-over set its step,
  // site and memo, so its first workflow task upserts nothing.
  expect(service.typedSearchAttributes.get(stepKey)).toBe('ACTIVE');
  expect(service.typedSearchAttributes.get(masterSiteIdKey)).toBe(MONROE);
  expect(service.typedSearchAttributes.get(serviceIdKey)).toBe(result.serviceId);
  expect(service.memo).toMatchObject({
    lumenInventory: { status: 'Active', mbps: 100 },
    spend: { speed: '100 Mbps', account: { hourlyCents: 46, since: result.activatedAt } },
  });
  expect(completedWorkflowTasks(serviceHistory)).toBeGreaterThan(0);
  expect(upserts(serviceHistory)).toEqual([]);
});

/** The service's history once its first workflow task completed (the provisioning may end before it). */
async function historyAfterFirstTask(handle: WorkflowHandle) {
  for (let tries = 0; ; tries++) {
    const history = await handle.fetchHistory();
    if (completedWorkflowTasks(history) > 0 || tries >= 100) return history;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('without webhooks, inventory polling alone sees the service become active', async () => {
  await stack.sandbox.admin.clearWebhook();
  const request = sandboxRequest({ pollInterval: '1 second' });
  const { result, status } = await stack.withWorker(async (taskQueue) => {
    const handle = await stack.startProvisioning(taskQueue, request);
    return { result: await handle.result(), status: await handle.query(statusQuery) };
  });

  expect(result.status).toBe('ACTIVE');
  expect(status.history.find((h) => h.step === 'ACTIVE')?.detail).toContain('(inventory)');
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toHaveLength(1);
});

test('a second start for the same request id is rejected, even after the first one completed', async () => {
  const request = sandboxRequest();
  const options = {
    workflowId: workflowIdFor(request.requestId),
    args: [request] as [typeof request],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  };
  await stack.withWorker(async (taskQueue) => {
    const first = await stack.env.client.workflow.start(provisionInternetOnDemand, { ...options, taskQueue });
    await expect(stack.env.client.workflow.start(provisionInternetOnDemand, { ...options, taskQueue })).rejects.toThrow(
      WorkflowExecutionAlreadyStartedError,
    );
    await first.result();
    await expect(stack.env.client.workflow.start(provisionInternetOnDemand, { ...options, taskQueue })).rejects.toThrow(
      WorkflowExecutionAlreadyStartedError,
    );
  });
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toHaveLength(1);
});

test('runWorker, as npm start uses it in-process, serves provisionings until its signal aborts', async () => {
  const request = sandboxRequest();
  const taskQueue = 'iod-run-worker';
  const stop = new AbortController();
  const running = runWorker(stack.config(taskQueue), {
    connection: stack.env.nativeConnection,
    workflowBundle: stack.workflowBundle,
    logger: pino({ level: 'silent' }),
    signal: stop.signal,
  });

  const result = await stack.env.client.workflow.execute(provisionInternetOnDemand, {
    taskQueue,
    workflowId: workflowIdFor(request.requestId),
    args: [request],
  });
  expect(result.status).toBe('ACTIVE');

  stop.abort();
  await expect(running).resolves.toBeUndefined();
});
