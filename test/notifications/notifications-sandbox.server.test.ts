// Notifications from the real worker on a dev server, against the Lumen sandbox: each event reaches a
// receiving endpoint once, signed, without the contact; an endpoint that is down costs the work nothing;
// a refusal is recorded once and dropped; a refused Lumen key is reported once, shows as lastError,
// and the provisioning finishes with one order once the key is fixed.
import { Writable } from 'node:stream';
import { WorkflowFailedError } from '@temporalio/client';
import pino from 'pino';
import { approvePrice } from '../../client/provisioning';
import { adoptService } from '../../client/service';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import { serviceWorkflowIdFor } from '../../domain/service';
import type { NotificationType } from '../../notifications/events';
import type { NotificationSettings } from '../../notifications/settings';
import { createWorker } from '../../workers/worker';
import { manageInternetOnDemandService } from '../../workflows';
import { changeBandwidthUpdate, serviceQuery, setBudgetUpdate, statusQuery } from '../../workflows/messages';
import { eventually } from '../client/eventually';
import { freshRequestId } from '../env/requests';
import { contactForms, personalDataIn } from '../env/personal-data';
import { MONROE, sandboxRequest, startIntegrationStack, type IntegrationStack } from '../workflow/integration-stack';
import { startNotificationReceiver, type NotificationReceiver } from './notification-receiver';

let stack: IntegrationStack;
let receiver: NotificationReceiver;

beforeAll(async () => {
  // Quotes last long here, so a price waiting for approval is still fresh when it is approved.
  [stack, receiver] = await Promise.all([
    startIntegrationStack({ quoteValidityMs: 15 * 60_000 }),
    startNotificationReceiver(),
  ]);
});

afterAll(async () => {
  await receiver?.close();
  await stack?.close();
});

beforeEach(async () => {
  await stack.reset();
  receiver.reset();
});

const silent = pino({ level: 'silent' });

interface WorkerSetup {
  notifications?: NotificationSettings;
  taskQueue?: string;
  consumerSecret?: string;
  logger?: pino.Logger;
}

/** Runs `work` while the real worker, with these notification settings, polls the task queue. */
async function withWorker<T>(setup: WorkerSetup, work: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = setup.taskQueue ?? `iod-test-${freshRequestId()}`;
  const base = stack.config(taskQueue);
  const { worker, close } = await createWorker(
    {
      ...base,
      lumen: { ...base.lumen, consumerSecret: setup.consumerSecret ?? base.lumen.consumerSecret },
      ...(setup.notifications ? { notifications: setup.notifications } : {}),
    },
    { connection: stack.env.nativeConnection, workflowBundle: stack.workflowBundle, logger: setup.logger ?? silent },
  );
  try {
    return await worker.runUntil(work(taskQueue));
  } finally {
    await close();
  }
}

const toReceiver = (): NotificationSettings => ({
  target: { kind: 'http', url: receiver.url },
  secret: receiver.secret,
  format: 'json',
});

function start(taskQueue: string, request: ProvisioningRequestInput) {
  return stack.startProvisioning(taskQueue, request);
}

const ofType = (type: NotificationType) => receiver.received.filter((r) => r.body.type === type);

async function received(type: NotificationType, timeoutMs = 20_000) {
  return eventually(async () => {
    const found = ofType(type);
    if (found.length === 0) throw new Error(`no ${type} notification yet`);
    return found[0];
  }, timeoutMs);
}

async function failureOf(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WorkflowFailedError)) throw new Error(`expected the workflow to fail, got ${String(error)}`);
  return { type: (error.cause as { type?: string }).type, message: error.cause?.message ?? '' };
}

/** Nothing in what the endpoint received names the contact, the notification secret or Lumen's. */
function expectNoPersonalData(request: ProvisioningRequestInput) {
  const needles = [...contactForms(request.contact), receiver.secret, 'sandbox-secret'];
  expect(
    personalDataIn(
      receiver.received.map((r) => r.raw),
      needles,
    ),
  ).toEqual([]);
  expect(
    personalDataIn(
      receiver.received.map((r) => r.body),
      needles,
    ),
  ).toEqual([]);
}

test('a price above the guard: approval.required once, signed, with the quote, the price, the limit and how to approve; then provisioning.failed', async () => {
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });
  const { failure, quoteId } = await withWorker({ notifications: toReceiver() }, async (taskQueue) => {
    const handle = await start(taskQueue, request);
    const approval = await received('approval.required');
    const status = await handle.query(statusQuery);
    expect(status.step).toBe('AWAIT_APPROVAL');
    const quoteId = status.quote!.id;
    await approvePrice(stack.env.client, request.requestId, { quoteId, approved: false });
    const failure = await failureOf(handle.result());
    await received('provisioning.failed');
    expect(approval.body.details.quoteId).toBe(quoteId);
    return { failure, quoteId };
  });
  // Time for a duplicate to show, were one sent.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  expect(failure.type).toBe('PriceNotApproved');
  expect(receiver.received.map((r) => r.body.type)).toEqual(['approval.required', 'provisioning.failed']);
  expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
  const [approval, failed] = receiver.received.map((r) => r.body);
  const workflowId = workflowIdFor(request.requestId);
  expect(approval).toEqual({
    id: `iod-notify-${workflowId}-approval.required-${quoteId}`,
    type: 'approval.required',
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    requestId: request.requestId,
    customerNumber: request.customerNumber,
    summary: expect.stringContaining(`lumen-iod approve ${request.requestId} --quote ${quoteId}`),
    details: expect.objectContaining({
      quoteId,
      monthlyPriceUsd: '331.20',
      hourlyPriceUsd: '0.46',
      maxMonthlyPriceUsd: '100.00',
      approve: {
        command: `lumen-iod approve ${request.requestId} --quote ${quoteId}`,
        update: 'approvePrice',
        input: { quoteId, approved: true },
      },
    }),
  });
  expect(approval.summary).toContain('$331.20/month, above the limit of $100.00');
  expect(failed).toEqual({
    id: `iod-notify-${workflowId}-provisioning.failed`,
    type: 'provisioning.failed',
    at: expect.any(String),
    requestId: request.requestId,
    customerNumber: request.customerNumber,
    summary: `Provisioning ${request.requestId} failed (PriceNotApproved): ${failure.message}`,
    details: expect.objectContaining({ failureType: 'PriceNotApproved', message: failure.message }),
  });
  expectNoPersonalData(request);
});

test('an activation that times out: activation.timedOut once, naming the order still watched', async () => {
  const request = sandboxRequest({ activationTimeout: '3 seconds' });
  await stack.sandbox.admin.setOutcome(request.requestId, { outcome: 'never' });
  const failure = await withWorker({ notifications: toReceiver() }, async (taskQueue) => {
    const failure = await failureOf((await start(taskQueue, request)).result());
    await received('activation.timedOut');
    return failure;
  });
  expect(failure.type).toBe('ActivationTimedOut');
  expect(receiver.received.map((r) => r.body.type)).toEqual(['activation.timedOut']);
  const [timedOut] = receiver.received;
  expect(timedOut.signatureValid).toBe(true);
  expect(timedOut.body).toMatchObject({
    id: `iod-notify-${workflowIdFor(request.requestId)}-activation.timedOut`,
    requestId: request.requestId,
    customerNumber: request.customerNumber,
    details: { message: failure.message, activationTimeout: '3 seconds' },
  });
  expect(timedOut.body.details.orderId).toEqual(expect.any(String));
  expectNoPersonalData(request);
  const serviceId = timedOut.body.serviceId;
  if (serviceId) await stack.env.client.workflow.getHandle(serviceWorkflowIdFor(serviceId)).terminate('test over');
});

test('a provisioning that succeeds sends nothing; a change that fails sends change.failed from the service', async () => {
  const request = sandboxRequest();
  const { serviceId, error } = await withWorker({ notifications: toReceiver() }, async (taskQueue) => {
    const result = await (await start(taskQueue, request)).result();
    const service = stack.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(
      result.serviceWorkflowId!,
    );
    const error = await service
      .executeUpdate(changeBandwidthUpdate, { args: [{ changeId: 'burst-1', speed: '1 Gbps', maxMonthlyPriceUsd: 1 }] })
      .catch((caught: unknown) => caught as Error);
    await received('change.failed');
    await service.terminate('test over');
    return { serviceId: result.serviceId, error };
  });
  expect(error).toBeInstanceOf(Error);
  expect(receiver.received.map((r) => r.body.type)).toEqual(['change.failed']);
  const [changeFailed] = receiver.received;
  expect(changeFailed.signatureValid).toBe(true);
  expect(changeFailed.body).toMatchObject({
    id: `iod-notify-${serviceWorkflowIdFor(serviceId)}-change.failed-burst-1`,
    requestId: request.requestId,
    serviceId,
    customerNumber: request.customerNumber,
    details: { changeId: 'burst-1', speed: '1 Gbps', previousSpeed: '100 Mbps', failureType: 'PriceNotApproved' },
  });
  expectNoPersonalData(request);
});

/** Time from approving a price to the service being ACTIVE. */
async function approvalToActive(
  taskQueue: string,
  request: ProvisioningRequestInput,
): Promise<{ elapsed: number; quoteId: string }> {
  const handle = await start(taskQueue, request);
  const quote = await eventually(async () => {
    const status = await handle.query(statusQuery);
    if (status.step !== 'AWAIT_APPROVAL') throw new Error(`at ${status.step}`);
    return status.quote!;
  }, 20_000);
  const approvedAt = Date.now();
  await approvePrice(stack.env.client, request.requestId, { quoteId: quote.id, approved: true });
  const result = await handle.result();
  const elapsed = Date.now() - approvedAt;
  await stack.env.client.workflow.getHandle(result.serviceWorkflowId!).terminate('test over');
  return { elapsed, quoteId: quote.id };
}

test('an endpoint that is down for the whole test costs the provisioning nothing, and its delivery keeps trying', async () => {
  const closed = await startNotificationReceiver();
  const deadUrl = closed.url;
  await closed.close();
  const baseline = await withWorker(
    {},
    async (taskQueue) => (await approvalToActive(taskQueue, sandboxRequest({ maxMonthlyPriceUsd: 100 }))).elapsed,
  );
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });
  const { elapsed, delivery } = await withWorker(
    { notifications: { target: { kind: 'http', url: deadUrl }, format: 'json' } },
    async (taskQueue) => {
      const { elapsed, quoteId } = await approvalToActive(taskQueue, request);
      const handle = stack.env.client.workflow.getHandle(
        `iod-notify-${workflowIdFor(request.requestId)}-approval.required-${quoteId}`,
      );
      // The delivery goes on beside (and after) the provisioning: a second attempt is scheduled.
      const delivery = await eventually(async () => {
        const description = await handle.describe();
        const attempt = description.raw.pendingActivities?.[0]?.attempt ?? 0;
        if (attempt < 2) throw new Error(`attempt ${attempt}`);
        return { status: description.status.name, attempt, historyLength: description.historyLength };
      }, 30_000);
      await handle.terminate('test over');
      return { elapsed, delivery };
    },
  );
  expect(delivery.status).toBe('RUNNING');
  // Attempts add no events: the history stays as it was after the first.
  expect(delivery.historyLength).toBeLessThan(12);
  expect(elapsed).toBeLessThan(baseline + 2_000);
});

test('a permanent refusal (HTTP 410) is recorded once in the delivery’s result and dropped', async () => {
  receiver.answerWith(410);
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });
  const result = await withWorker({ notifications: toReceiver() }, async (taskQueue) => {
    const handle = await start(taskQueue, request);
    const approval = await received('approval.required');
    const result = await stack.env.client.workflow.getHandle(approval.body.id).result();
    await handle.cancel();
    return result;
  });
  expect(result).toEqual({
    status: 'REFUSED',
    httpStatus: 410,
    reason: 'the notification endpoint refused the notification (HTTP 410); it is dropped',
  });
  expect(receiver.received).toHaveLength(1);
});

test('NOTIFY_FORMAT=slack posts { text } for a Slack or Teams incoming webhook', async () => {
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });
  await withWorker({ notifications: { ...toReceiver(), format: 'slack' } }, async (taskQueue) => {
    const handle = await start(taskQueue, request);
    await eventually(async () => {
      if (receiver.received.length === 0) throw new Error('nothing yet');
    }, 20_000);
    await handle.cancel();
  });
  const [posted] = receiver.received;
  expect(posted.signatureValid).toBe(true);
  expect(Object.keys(posted.body)).toEqual(['text']);
  const { text } = posted.body as unknown as { text: string };
  expect(text).toMatch(/^\*approval\.required\* Provisioning .* waits for approval/);
  expect(text).toContain('• monthlyPriceUsd: 331.20');
  expectNoPersonalData(request);
});

test('NOTIFY_WEBHOOK_URL=log writes approval.required to the worker’s log', async () => {
  const lines: string[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });
  await withWorker({ notifications: { target: { kind: 'log' }, format: 'json' }, logger }, async (taskQueue) => {
    const handle = await start(taskQueue, request);
    await eventually(async () => {
      if (!lines.some((line) => line.includes('notification approval.required'))) throw new Error('not logged yet');
    }, 20_000);
    await handle.cancel();
  });
  const line = JSON.parse(lines.find((l) => l.includes('notification approval.required'))!) as {
    notification: { type: string; details: { monthlyPriceUsd: string } };
  };
  expect(line.notification).toMatchObject({ type: 'approval.required', details: { monthlyPriceUsd: '331.20' } });
  expect(personalDataIn(lines, contactForms(request.contact))).toEqual([]);
  expect(receiver.received).toHaveLength(0);
});

test('a revoked key: one lumen.credentialsRejected, a lastError naming the credentials, and one order once the key is fixed', async () => {
  const taskQueue = `iod-test-${freshRequestId()}`;
  const request = sandboxRequest({ maxMonthlyPriceUsd: 100 });
  const notifications = toReceiver();
  const { handle, quoteId } = await withWorker({ notifications, taskQueue }, async () => {
    const handle = await start(taskQueue, request);
    const approval = await received('approval.required');
    return { handle, quoteId: String(approval.body.details.quoteId) };
  });

  // The key is revoked: a worker restarted with it meets 401 at the token endpoint on every attempt.
  const lastError = await withWorker({ notifications, taskQueue, consumerSecret: 'revoked-secret' }, async () => {
    await approvePrice(stack.env.client, request.requestId, { quoteId, approved: true });
    const lastError = await eventually(async () => {
      const status = await handle.query(statusQuery);
      if (!status.lastError?.includes('credentials')) throw new Error(`lastError ${status.lastError}`);
      return status.lastError;
    }, 20_000);
    await received('lumen.credentialsRejected');
    // Several attempts meet the refusal…
    await eventually(async () => {
      const refused = (await stack.sandbox.admin.requests()).filter(
        (r) => r.path === '/oauth/v2/token' && r.status === 401,
      );
      if (refused.length < 3) throw new Error(`${refused.length} refused token requests`);
    }, 20_000);
    return lastError;
  });
  // …and one notification says so.
  expect(ofType('lumen.credentialsRejected')).toHaveLength(1);
  const [rejected] = ofType('lumen.credentialsRejected');
  expect(rejected.signatureValid).toBe(true);
  expect(rejected.body).not.toHaveProperty('customerNumber');
  expect(rejected.body.summary).toContain(
    'Lumen refused the API credentials (401 from the token endpoint); nothing will move until they are fixed',
  );
  expect(lastError).toContain(
    'Lumen refused the API credentials (401 from the token endpoint); nothing will move until they are fixed',
  );
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toHaveLength(0);

  // The key is renewed and the worker restarted: the provisioning finishes by itself, with one order.
  const result = await withWorker({ notifications, taskQueue }, () => handle.result());
  expect(result.status).toBe('ACTIVE');
  expect(await stack.sandbox.admin.orders({ externalId: request.requestId })).toHaveLength(1);
  await stack.env.client.workflow.getHandle(result.serviceWorkflowId!).terminate('test over');
  expect(ofType('lumen.credentialsRejected')).toHaveLength(1);
  expectNoPersonalData(request);
});

test('a service changed and then disconnected outside: service.changedOutside, budget.exceeded with the floor, service.disconnectedOutside', async () => {
  const { admin } = stack.sandbox;
  const [seeded] = await admin.seedServices({ customerNumber: '1-SANDBOX', masterSiteId: MONROE, speed: '100 Mbps' });
  const { serviceId } = seeded;
  const result = await withWorker({ notifications: toReceiver() }, async (taskQueue) => {
    await adoptService(stack.env.client, { serviceId, customerNumber: '1-SANDBOX' }, { taskQueue });
    const handle = stack.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(
      serviceWorkflowIdFor(serviceId),
    );
    await eventually(async () => {
      if ((await handle.query(serviceQuery)).spend === null) throw new Error('not priced yet');
    });
    // $0.46 an hour fits; $1.84 an hour does not.
    await handle.executeUpdate(setBudgetUpdate, { args: [{ monthlyBudgetUsd: 400, floorSpeed: '100 Mbps' }] });
    await admin.changeServiceOutside(serviceId, { speed: '1 Gbps', event: true });
    const changed = await received('service.changedOutside');
    const exceeded = await received('budget.exceeded');
    await eventually(async () => {
      const view = await handle.query(serviceQuery);
      if (view.speed !== '100 Mbps' || view.lastChange?.changeId.startsWith('budget-') !== true) {
        throw new Error('not lowered to its floor yet');
      }
    }, 60_000);
    await admin.disconnectServiceOutside(serviceId, { event: true });
    const gone = await received('service.disconnectedOutside', 60_000);
    return { changed: changed.body, exceeded: exceeded.body, gone: gone.body, end: await handle.result() };
  });

  const workflowId = serviceWorkflowIdFor(serviceId);
  expect(result.changed).toMatchObject({
    id: expect.stringMatching(new RegExp(`^iod-notify-${workflowId}-service\\.changedOutside-`)),
    serviceId,
    customerNumber: '1-SANDBOX',
    summary: `Service ${serviceId} was changed outside the project: 100 Mbps → 1 Gbps`,
    details: { previousSpeed: '100 Mbps', speed: '1 Gbps', hourlyUsd: '1.84' },
  });
  const month = new Date().toISOString().slice(0, 7);
  expect(result.exceeded).toMatchObject({
    id: `iod-notify-${workflowId}-budget.exceeded-${month}`,
    details: {
      month,
      monthlyBudgetUsd: '400.00',
      floorSpeed: '100 Mbps',
      projectedMonthUsd: expect.stringMatching(/^\d+\.\d\d$/),
    },
  });
  expect(result.gone).toMatchObject({ id: `iod-notify-${workflowId}-service.disconnectedOutside`, serviceId });
  expect(result.end).toMatchObject({ status: 'DISCONNECTED', outside: true });
  for (const type of ['service.changedOutside', 'budget.exceeded', 'service.disconnectedOutside'] as const) {
    expect(ofType(type)).toHaveLength(1);
  }
  expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
});
