// Cancelling a provisioning: before the order nothing is ordered; after it, the service is disconnected.
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { statusQuery } from '../../workflows/messages';
import { stepKey } from '../../workflows/shared/search-attributes';
import { sandboxRequest, useIntegrationStack } from './integration-stack';
import { statusWhen } from './status-polling';

const stack = useIntegrationStack({}, { resetBeforeEach: true });

test('cancelled while waiting for price approval: ends CANCELLED with nothing ordered', async () => {
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });

  const { outcome, status } = await stack.withWorker(async (taskQueue) => {
    const handle = await stack.startProvisioning(taskQueue, request);
    await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
    await handle.cancel();
    const outcome = await handle.result().catch((error: unknown) => error);
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(stepKey)).toBe('CANCELLED');
    return { outcome, status: await handle.query(statusQuery) };
  });

  expect(outcome).toBeInstanceOf(WorkflowFailedError);
  expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect(status.step).toBe('CANCELLED');
  expect(status.history.at(-1)?.detail).toContain('nothing was ordered');
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toEqual([]);
});

test('cancelled while waiting for activation: the ordered service is disconnected before it ends', async () => {
  const request = sandboxRequest({ activationTimeout: '10 minutes' });
  await stack.sandbox.admin.setOutcome(request.requestId, { outcome: 'active', delayMs: 2_000 });

  const { outcome, status } = await stack.withWorker(async (taskQueue) => {
    const handle = await stack.startProvisioning(taskQueue, request);
    await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
    await handle.cancel();
    const outcome = await handle.result().catch((error: unknown) => error);
    return { outcome, status: await handle.query(statusQuery) };
  });

  expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders.map((o) => o.action)).toEqual(['add', 'delete']);
  expect(orders[1].serviceId).toBe(orders[0].serviceId);
  expect(status.step).toBe('CANCELLED');
  expect(status.history.at(-1)?.detail).toContain(`disconnected by disconnect order ${orders[1].id} and is Inactive`);
  const services = await stack.sandbox.admin.services();
  expect(services.find((s) => s.serviceId === orders[0].serviceId)?.status).toBe('Inactive');
});
