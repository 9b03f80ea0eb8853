// Each way a provisioning fails, against the sandbox: the failure type is the public one and the
// message says what happened in the user's words.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import type { ProvisioningStatus } from '../../domain/status';
import { provisionInternetOnDemand } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import { stepKey } from '../../workflows/shared/search-attributes';
import { MONROE, sandboxRequest, useIntegrationStack } from './integration-stack';

const stack = useIntegrationStack({}, { resetBeforeEach: true });

async function failureOf(
  request: unknown,
  requestId: string,
): Promise<{ failure: ApplicationFailure; status: ProvisioningStatus }> {
  return stack.withWorker(async (taskQueue) => {
    const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId: workflowIdFor(requestId),
      args: [request as ProvisioningRequestInput],
    });
    const error = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const failure = (error as WorkflowFailedError).cause;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((await handle.describe()).typedSearchAttributes.get(stepKey)).toBe('FAILED');
    return { failure: failure as ApplicationFailure, status: await handle.query(statusQuery) };
  });
}

test('an invalid request is refused with every bad field listed, before any call to Lumen', async () => {
  const request = {
    ...sandboxRequest({ requestId: 'INVALID-1' }),
    speed: 'fast',
    ipv4BlockSize: '/24',
    contact: { name: 'Prince', email: 'not-an-email', phone: '+441234567890', organization: 'Org' },
  };
  await stack.sandbox.admin.clearRequests();

  const { failure, status } = await failureOf(request, 'INVALID-1');

  expect(failure.type).toBe('InvalidRequest');
  expect(failure.nonRetryable).toBe(true);
  for (const field of ['speed', 'ipv4BlockSize', 'contact.name', 'contact.email', 'contact.phone']) {
    expect(failure.message).toContain(`${field}:`);
  }
  expect(status).toMatchObject({ step: 'FAILED', orderId: null, quotesRequested: 0 });
  expect(await stack.sandbox.admin.requests()).toEqual([]);
});

test('an unknown partner fails as PartnerNotFound, naming the partners Lumen offers', async () => {
  const request = sandboxRequest({ partner: 'Nimbus Colo' });
  const { failure } = await failureOf(request, request.requestId);
  expect(failure.type).toBe('PartnerNotFound');
  expect(failure.message).toContain('"Nimbus Colo"');
  expect(failure.message).toContain('Equinix');
  expect(failure.message).toContain('Digital Realty');
});

test('a speed the site does not offer fails as SpeedNotOffered, listing the speeds it does offer', async () => {
  const request = sandboxRequest({ speed: '10 Gbps' });
  const { failure, status } = await failureOf(request, request.requestId);
  expect(failure.type).toBe('SpeedNotOffered');
  expect(failure.message).toContain(MONROE);
  expect(failure.message).toContain('10 Gbps');
  expect(failure.message).toMatch(/100 Mbps.*2 Gbps/);
  expect(status.quotesRequested).toBe(0);
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toEqual([]);
});

test('a customer without a US billing account fails as NoUsBillingAccount, listing its accounts', async () => {
  const request = sandboxRequest({ customerNumber: '1-NONUS' });
  const { failure } = await failureOf(request, request.requestId);
  expect(failure.type).toBe('NoUsBillingAccount');
  expect(failure.message).toContain('1-NONUS');
  expect(failure.message).toContain('5-NLHQ0AMS');
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toEqual([]);
});

test('an order Lumen rejects fails as OrderRejected with Lumen’s reason', async () => {
  await stack.sandbox.admin.injectFault({
    method: 'POST',
    path: '/Customer/v3/Ordering/orderRequest',
    kind: 'status',
    status: 422,
    body: {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Customer Service Name is already used by another service',
      errors: [{ detail: 'already in use', pointer: '/productOrderItem/0/product/productCharacteristic/0/value' }],
    },
  });
  const request = sandboxRequest();
  const { failure, status } = await failureOf(request, request.requestId);
  expect(failure.type).toBe('OrderRejected');
  expect(failure.message).toContain('Customer Service Name is already used');
  expect(failure.message).toContain(request.requestId);
  expect(status.orderId).toBeNull();
});

test('an activation Lumen reports as failed ends as ActivationFailed with Lumen’s reason', async () => {
  const request = sandboxRequest();
  await stack.sandbox.admin.setOutcome(request.requestId, {
    outcome: 'failed',
    reason: 'Cross-connect not patched at the IBX',
  });
  const { failure, status } = await failureOf(request, request.requestId);
  expect(failure.type).toBe('ActivationFailed');
  expect(failure.message).toContain('Cross-connect not patched at the IBX');
  expect(status.step).toBe('FAILED');
  expect(status.orderId).not.toBeNull();
});
