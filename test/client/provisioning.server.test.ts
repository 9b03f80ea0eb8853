import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WORKFLOW_TYPE, workflowIdFor } from '../../domain/names';
import { REQUEST_DIGEST_MEMO } from '../../client/request-digest';
import {
  approvePrice,
  cancelProvisioning,
  describeProvisioning,
  getOutcome,
  getResult,
  getStatus,
  InvalidProvisioningRequestError,
  PriceApprovalRejectedError,
  ProvisioningAlreadyEndedError,
  ProvisioningAlreadyExistsError,
  ProvisioningFailedError,
  ProvisioningNotFoundError,
  ProvisioningRequestConflictError,
  startProvisioning,
} from '../../client';
import { readStoredPayload } from '../env/codec';
import { eventually } from './eventually';
import { sampleRequest, uniqueRequestId } from './sample-request';
import { startClientWorld, type ClientWorld } from './world';

const taskQueue = 'client-provisioning';
let world: ClientWorld;
let env: TestWorkflowEnvironment;

// A stand-in for an encrypting codec: the stored bytes are not the JSON, and only this codec reads them back.
const REVERSED = 'binary/test-reversed';
const ProtoPayload = temporal.api.common.v1.Payload;
const reversingCodec: PayloadCodec = {
  async encode(payloads: Payload[]) {
    return payloads.map((payload) => ({
      metadata: { encoding: Buffer.from(REVERSED) },
      data: Buffer.from(ProtoPayload.encode(payload).finish()).reverse(),
    }));
  },
  async decode(payloads: Payload[]) {
    return payloads.map((payload) => ProtoPayload.decode(Buffer.from(payload.data ?? []).reverse()));
  },
};

beforeAll(async () => {
  world = await startClientWorld(taskQueue);
  env = world.env;
});

afterEach(async () => {
  await world.releaseOrders();
});

afterAll(async () => {
  await world?.stop();
});

async function stepIs(requestId: string, step: string) {
  return eventually(async () => {
    const status = await getStatus(env.client, requestId);
    expect(status.step).toBe(step);
    return status;
  });
}

describe('startProvisioning', () => {
  test('refuses an invalid request before any workflow exists, naming every bad field', async () => {
    const requestId = uniqueRequestId('BAD');
    const request = sampleRequest({
      requestId,
      speed: 'fast',
      ipv4BlockSize: '/27' as '/29',
      contact: { name: 'Cher', email: 'not-an-email', phone: '+16157691234', organization: 'Org' },
    });
    const error = await startProvisioning(env.client, request, { taskQueue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidProvisioningRequestError);
    const problems = (error as InvalidProvisioningRequestError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^speed: /),
        expect.stringMatching(/^ipv4BlockSize: /),
        expect.stringMatching(/^contact\.name: /),
        expect.stringMatching(/^contact\.email: /),
      ]),
    );
    await expect(env.client.workflow.getHandle(workflowIdFor(requestId)).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
  });

  test('starts iod-<requestId> with the input as given and the customer number searchable at once', async () => {
    const requestId = uniqueRequestId('START');
    const request = sampleRequest({ requestId, customerNumber: await world.customer('1-START') });
    const started = await startProvisioning(env.client, request, { taskQueue });
    expect(started).toMatchObject({ requestId, workflowId: `iod-${requestId}`, taskQueue });

    const description = await started.handle.describe();
    expect(description.type).toBe('provisionInternetOnDemand');
    expect(description.taskQueue).toBe(taskQueue);
    const summary = await describeProvisioning(env.client, requestId);
    expect(summary.customerNumber).toBe('1-START');

    const history = await started.handle.fetchHistory();
    const input = history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(await readStoredPayload(input)).toEqual(request);
    expect(await started.handle.result()).toMatchObject({ requestId, status: 'ACTIVE' });
  });

  test('a retried start of the same request gets the same provisioning back, while running and after completion', async () => {
    const requestId = uniqueRequestId('DUP');
    const request = sampleRequest({ requestId });
    const started = await startProvisioning(env.client, request, { taskQueue });
    expect(started.alreadyStarted).toBe(false);
    // The same request in another spelling: defaults written out, a local phone form, keys reordered.
    const sameAgain = {
      pollInterval: '1 second',
      ...request,
      contact: { ...request.contact, phone: '(615) 769-1234', role: 'Order Contact' },
      activationTimeout: '72 hours',
    };
    const retried = await startProvisioning(env.client, sameAgain, { taskQueue });
    expect(retried).toMatchObject({
      requestId,
      workflowId: `iod-${requestId}`,
      runId: started.runId,
      alreadyStarted: true,
    });
    expect(await retried.handle.result()).toMatchObject({ requestId, status: 'ACTIVE' });

    const afterCompletion = await startProvisioning(env.client, request, { taskQueue });
    expect(afterCompletion).toMatchObject({ runId: started.runId, taskQueue, alreadyStarted: true });
    expect((await afterCompletion.handle.describe()).status.name).toBe('COMPLETED');
  });

  test('the same request id with another request is refused, while running and after completion', async () => {
    const requestId = uniqueRequestId('DIFF');
    const started = await startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue });
    const other = sampleRequest({ requestId, speed: '1 Gbps' });
    const error = await startProvisioning(env.client, other, { taskQueue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningRequestConflictError);
    // Backends that catch the older, broader class still catch it.
    expect(error).toBeInstanceOf(ProvisioningAlreadyExistsError);
    expect(error).toMatchObject({ requestId, workflowId: `iod-${requestId}` });
    expect((error as Error).message).toBe(
      `a provisioning for request ${requestId} already exists (workflow iod-${requestId}); it was started with a different request (a retried start must send the identical request; a new request needs a new request id)`,
    );
    await started.handle.result();
    await expect(startProvisioning(env.client, other, { taskQueue })).rejects.toThrow(ProvisioningRequestConflictError);
    expect((await started.handle.describe()).runId).toBe(started.runId);
  });

  test('a request id whose provisioning failed is not started again, with the same request or another', async () => {
    const requestId = uniqueRequestId('DUPF');
    const failing = sampleRequest({ requestId, partner: 'Nowhere' });
    const started = await startProvisioning(env.client, failing, { taskQueue });
    await expect(started.handle.result()).rejects.toThrow();
    const retried = await startProvisioning(env.client, failing, { taskQueue });
    expect(retried).toMatchObject({ runId: started.runId, alreadyStarted: true });
    await expect(startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue })).rejects.toThrow(
      ProvisioningRequestConflictError,
    );
  });

  test('a provisioning another client started, with no request digest, is refused: it cannot be shown to be the same', async () => {
    const requestId = uniqueRequestId('OTHER');
    const request = sampleRequest({ requestId });
    await env.client.workflow.start(WORKFLOW_TYPE, {
      workflowId: workflowIdFor(requestId),
      taskQueue,
      args: [request],
    });
    const error = await startProvisioning(env.client, request, { taskQueue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningAlreadyExistsError);
    expect(error).not.toBeInstanceOf(ProvisioningRequestConflictError);
    expect((error as Error).message).toContain('it records no request digest (another client started it)');
  });

  test('the digest is read back through the client’s data converter, so an encrypting codec keeps it working', async () => {
    const codecClient = new Client({
      connection: env.client.connection,
      namespace: env.namespace,
      dataConverter: { payloadCodecs: [reversingCodec] },
    });
    const requestId = uniqueRequestId('CODEC');
    // No worker polls this queue: only the start and its memo matter here.
    const options = { taskQueue: 'client-provisioning-codec' };
    const started = await startProvisioning(codecClient, sampleRequest({ requestId }), options);
    const history = await started.handle.fetchHistory();
    const memo = history.events?.[0].workflowExecutionStartedEventAttributes?.memo?.fields?.[REQUEST_DIGEST_MEMO];
    expect(Buffer.from(memo?.metadata?.encoding ?? []).toString()).toBe(REVERSED);
    await expect(startProvisioning(codecClient, sampleRequest({ requestId }), options)).resolves.toMatchObject({
      alreadyStarted: true,
    });
    await expect(
      startProvisioning(codecClient, sampleRequest({ requestId, note: 'changed' }), options),
    ).rejects.toThrow(ProvisioningRequestConflictError);
    await started.handle.terminate('the test is done with it');
  });
});

describe('status and result', () => {
  test('the status query shows the step, the quote and the history; the result arrives when ACTIVE', async () => {
    const requestId = uniqueRequestId('STAT');
    await world.holdOrders('add');
    await startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue });
    const status = await stepIs(requestId, 'AWAIT_ACTIVATION');
    const [order] = await world.admin.orders({ externalId: requestId });
    expect(status.quote).toMatchObject({ id: order.quoteId, monthlyPriceUsd: '331.20' });
    expect(status.orderId).toBe(order.id);
    // Each step's entries in turn (a step may say more than one thing).
    expect([...new Set(status.history.map((entry) => entry.step))]).toEqual([
      'FIND_PROVIDER',
      'BROWSE_LOCATIONS',
      'QUALIFY',
      'PRICE',
      'BILLING',
      'ORDER',
      'AWAIT_ACTIVATION',
    ]);
    await world.releaseOrders();
    const result = await getResult(env.client, requestId);
    expect(result).toMatchObject({ requestId, status: 'ACTIVE', orderId: order.id, serviceId: order.serviceId });
  });

  test('a failed provisioning gives its failure type and message', async () => {
    const requestId = uniqueRequestId('FAIL');
    await startProvisioning(env.client, sampleRequest({ requestId, partner: 'Nowhere' }), { taskQueue });
    expect(await getOutcome(env.client, requestId)).toEqual({
      status: 'FAILED',
      failureType: 'PartnerNotFound',
      message: expect.stringMatching(/^Lumen has no partner named "Nowhere" for customer 1-ABCDE; partners offered: /),
    });
    const error = await getResult(env.client, requestId).catch((e) => e);
    expect(error).toBeInstanceOf(ProvisioningFailedError);
    expect(error).toMatchObject({ failureType: 'PartnerNotFound' });
  });

  test('an unknown request id is a typed not-found for status, result and describe', async () => {
    await expect(getStatus(env.client, 'NO-SUCH-1')).rejects.toThrow(ProvisioningNotFoundError);
    await expect(getResult(env.client, 'NO-SUCH-1')).rejects.toThrow(ProvisioningNotFoundError);
    await expect(describeProvisioning(env.client, 'NO-SUCH-1')).rejects.toThrow(ProvisioningNotFoundError);
  });
});

describe('approvePrice', () => {
  test('approving the waiting quote places the order', async () => {
    const requestId = uniqueRequestId('APPR');
    await startProvisioning(env.client, sampleRequest({ requestId, maxMonthlyPriceUsd: 300 }), { taskQueue });
    const status = await stepIs(requestId, 'AWAIT_APPROVAL');
    await expect(approvePrice(env.client, requestId, { quoteId: status.quote!.id, approved: true })).resolves.toBe(
      `Quote ${status.quote!.id} approved: ordering once the price is fresh and within it`,
    );
    await expect(getResult(env.client, requestId)).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  test('declining the quote ends the provisioning with PriceNotApproved', async () => {
    const requestId = uniqueRequestId('DECL');
    await startProvisioning(env.client, sampleRequest({ requestId, maxMonthlyPriceUsd: 300 }), { taskQueue });
    const status = await stepIs(requestId, 'AWAIT_APPROVAL');
    await approvePrice(env.client, requestId, { quoteId: status.quote!.id, approved: false });
    expect(await getOutcome(env.client, requestId)).toMatchObject({
      status: 'FAILED',
      failureType: 'PriceNotApproved',
    });
  });

  test("a wrong quote id is rejected with the workflow's reason, and the wait goes on", async () => {
    const requestId = uniqueRequestId('WRONG');
    await startProvisioning(env.client, sampleRequest({ requestId, maxMonthlyPriceUsd: 300 }), { taskQueue });
    await stepIs(requestId, 'AWAIT_APPROVAL');
    const error = await approvePrice(env.client, requestId, { quoteId: 'Q-OTHER', approved: true }).catch((e) => e);
    expect(error).toBeInstanceOf(PriceApprovalRejectedError);
    expect(error).toMatchObject({ quoteId: 'Q-OTHER', reason: expect.stringContaining('is not the one waiting') });
    expect((await getStatus(env.client, requestId)).step).toBe('AWAIT_APPROVAL');
    await cancelProvisioning(env.client, requestId);
  });

  test('an approval when nothing waits, or after the end, is rejected with a reason', async () => {
    const requestId = uniqueRequestId('NOWAIT');
    await world.holdOrders('add');
    await startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue });
    const { quote } = await stepIs(requestId, 'AWAIT_ACTIVATION');
    await expect(approvePrice(env.client, requestId, { quoteId: quote!.id, approved: true })).rejects.toThrow(
      /No price is waiting for approval: the provisioning is at step AWAIT_ACTIVATION/,
    );
    await world.releaseOrders();
    await getResult(env.client, requestId);
    const error = await approvePrice(env.client, requestId, { quoteId: 'Q', approved: true }).catch((e) => e);
    expect(error).toBeInstanceOf(PriceApprovalRejectedError);
    expect(error.reason).toBe('the provisioning has already ended (Completed)');
  });

  test('an approval for an unknown request id is not found', async () => {
    await expect(approvePrice(env.client, 'NO-SUCH-2', { quoteId: 'Q', approved: true })).rejects.toThrow(
      ProvisioningNotFoundError,
    );
  });
});

describe('cancelProvisioning', () => {
  test('cancels a running provisioning, which ends CANCELLED', async () => {
    const requestId = uniqueRequestId('CANC');
    await startProvisioning(env.client, sampleRequest({ requestId, maxMonthlyPriceUsd: 300 }), { taskQueue });
    await stepIs(requestId, 'AWAIT_APPROVAL');
    await cancelProvisioning(env.client, requestId);
    expect(await getOutcome(env.client, requestId)).toMatchObject({ status: 'CANCELLED' });
    expect((await getStatus(env.client, requestId)).step).toBe('CANCELLED');
    expect((await describeProvisioning(env.client, requestId)).status).toBe('Canceled');
  });

  test('refuses to cancel what already ended, and says so for unknown ids', async () => {
    const requestId = uniqueRequestId('CEND');
    await startProvisioning(env.client, sampleRequest({ requestId, partner: 'Nowhere' }), { taskQueue });
    await getOutcome(env.client, requestId);
    const error = await cancelProvisioning(env.client, requestId).catch((e) => e);
    expect(error).toBeInstanceOf(ProvisioningAlreadyEndedError);
    expect(error).toMatchObject({ executionStatus: 'Failed' });
    await expect(cancelProvisioning(env.client, 'NO-SUCH-3')).rejects.toThrow(ProvisioningNotFoundError);
  });
});
