// Good events reach their workflow exactly once; events with no running workflow are acknowledged
// and start nothing; when Temporal cannot take a signal the sender is told to retry.
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { workflowIdFor } from '../../domain/names';
import { TMF622_ORDER_STATES, type OrderState } from '../../domain/notification';
import { createSandbox } from '../../sandbox/server';
import { SignalGate } from '../../webhooks/signal-gate';
import { temporalSignaller, type WorkflowSignaller } from '../../webhooks/workflow-signaller';
import { ReceiverHarness } from './receiver-harness';
import { finishSignal } from './notification-recorder';
import { orderEvent, signedRequest } from './signed-events';
import { freePort } from '../env/free-port';

const harness = new ReceiverHarness();

beforeAll(() => harness.start());
afterAll(() => harness.stop());

test('a signed event is answered 200 once its workflow has it', async () => {
  const handle = await harness.startRecorder('DEL-1');
  const event = orderEvent('DEL-1', 'inProgress');
  const { body, headers } = signedRequest(harness.secret, event);

  const reply = await harness.post(body, headers);

  expect(reply).toMatchObject({ status: 200, body: { status: 'signalled', workflowId: 'iod-DEL-1' } });
  expect(await harness.receivedBy(handle)).toEqual([event]);
  const logged = harness.logs.lines().find((line) => line.eventId === event.eventId);
  expect(logged?.msg).toBe('webhook event signalled to its workflow');
});

test('fields Lumen adds beyond the contract are passed through to the workflow', async () => {
  const handle = await harness.startRecorder('DEL-EXTRA');
  const event = { ...orderEvent('DEL-EXTRA'), href: 'https://api.lumen.com/x' };
  const { body, headers } = signedRequest(harness.secret, event);
  const reply = await harness.post(body, headers);
  expect(reply.status).toBe(200);
  expect(await harness.receivedBy(handle)).toEqual([event]);
});

test('a redelivered event is acknowledged and signalled only once', async () => {
  const handle = await harness.startRecorder('DEL-DUP');
  const event = orderEvent('DEL-DUP');
  const first = signedRequest(harness.secret, event);
  // Lumen signs each delivery afresh: same eventId, another timestamp.
  const again = signedRequest(harness.secret, event, Math.floor(Date.now() / 1000) - 30);

  expect((await harness.post(first.body, first.headers)).status).toBe(200);
  const duplicate = await harness.post(again.body, again.headers);

  expect(duplicate).toMatchObject({ status: 200, body: { status: 'duplicate', eventId: event.eventId } });
  expect(await harness.receivedBy(handle)).toEqual([event]);
});

test('concurrent deliveries of one event share a single signal', async () => {
  const handle = await harness.startRecorder('DEL-RACE');
  const event = orderEvent('DEL-RACE');
  const { body, headers } = signedRequest(harness.secret, event);
  const replies = await Promise.all(Array.from({ length: 5 }, () => harness.post(body, headers)));
  expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
  expect(replies.filter((reply) => reply.body.status === 'signalled')).toHaveLength(1);
  expect(await harness.receivedBy(handle)).toEqual([event]);
});

test('an event for a provisioning that never existed is acknowledged and starts nothing', async () => {
  const event = orderEvent('DEL-UNKNOWN');
  const { body, headers } = signedRequest(harness.secret, event);

  const reply = await harness.post(body, headers);

  expect(reply).toMatchObject({ status: 202, body: { status: 'no_running_workflow', workflowId: 'iod-DEL-UNKNOWN' } });
  await expect(harness.env.client.workflow.getHandle(workflowIdFor('DEL-UNKNOWN')).describe()).rejects.toBeInstanceOf(
    WorkflowNotFoundError,
  );
  const logged = harness.logs.lines().find((line) => line.eventId === event.eventId);
  expect(logged?.msg).toMatch(/no running provisioning or service acknowledged/);
});

test('a late event for a finished provisioning is acknowledged and starts no new run', async () => {
  const handle = await harness.startRecorder('DEL-DONE');
  await handle.signal(finishSignal);
  await handle.result();
  const { body, headers } = signedRequest(harness.secret, orderEvent('DEL-DONE', 'failed'));

  const reply = await harness.post(body, headers);

  expect(reply.status).toBe(202);
  const latest = await harness.env.client.workflow.getHandle(handle.workflowId).describe();
  expect(latest.runId).toBe(handle.firstExecutionRunId);
  expect(latest.status.name).toBe('COMPLETED');
  expect(await handle.result()).toEqual([]);
});

test('when Temporal is unreachable the sender is told to retry with 503', async () => {
  // A port nothing listens on: a Temporal that is down.
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const receiver = await harness.startReceiver({ client: new Client({ connection }), signalTimeoutMs: 1_000 });
  try {
    const { body, headers } = signedRequest(harness.secret, orderEvent('DEL-DOWN'));
    const reply = await harness.post(body, headers, { url: receiver.url });
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
    expect(receiver.metrics.outcome('temporal_unavailable')).toBe(1);
  } finally {
    await receiver.close();
    await connection.close();
  }
});

test('an event Temporal did not take is signalled when it is delivered again', async () => {
  const handle = await harness.startRecorder('DEL-RETRY');
  const real = temporalSignaller(harness.env.client, 4_000, new SignalGate(32));
  let failuresLeft = 1;
  const flaky: WorkflowSignaller = {
    signal: (workflowId, event) =>
      failuresLeft-- > 0 ? Promise.reject(new Error('frontend unavailable')) : real.signal(workflowId, event),
  };
  const receiver = await harness.startReceiver({ signaller: flaky });
  try {
    const event = orderEvent('DEL-RETRY');
    const { body, headers } = signedRequest(harness.secret, event);
    expect((await harness.post(body, headers, { url: receiver.url })).status).toBe(503);
    expect((await harness.post(body, headers, { url: receiver.url })).status).toBe(200);
    expect(await harness.receivedBy(handle)).toEqual([event]);
  } finally {
    await receiver.close();
  }
});

test('past the signals in flight an event waits its turn; with none by its deadline the sender is told to retry', async () => {
  const handle = await harness.startRecorder('DEL-BUSY');
  const gate = new SignalGate(1);
  let release!: () => void;
  const held = gate.run(Date.now() + 60_000, () => new Promise<void>((resolve) => (release = resolve)));
  const receiver = await harness.startReceiver({ signaller: temporalSignaller(harness.env.client, 300, gate) });
  try {
    const event = orderEvent('DEL-BUSY');
    const { body, headers } = signedRequest(harness.secret, event);
    const busy = await harness.post(body, headers, { url: receiver.url });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(receiver.metrics.outcome('busy')).toBe(1);

    const waiting = harness.post(body, headers, { url: receiver.url });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gate.load.waiting).toBe(1);
    release();
    await held;
    expect((await waiting).status).toBe(200);
    expect(await harness.receivedBy(handle)).toEqual([event]);
  } finally {
    release();
    await receiver.close();
  }
});

test('GET /healthz answers and GET /metrics counts what happened', async () => {
  expect(await harness.get('/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
  const metrics = await harness.get('/metrics');
  expect(metrics.status).toBe(200);
  expect(metrics.text).toContain('# TYPE lumen_webhooks_received_total counter');
  // Signalled: DEL-1, DEL-EXTRA, DEL-DUP, DEL-RACE; duplicates: one redelivery and four racers.
  expect(metrics.text).toMatch(/^lumen_webhooks_signalled_total 4$/m);
  expect(metrics.text).toMatch(/^lumen_webhooks_duplicates_total 5$/m);
  expect(metrics.text).toMatch(/^lumen_webhooks_no_workflow_total 2$/m);
});

test("the sandbox's signed deliveries, duplicated and reordered, reach the workflow once each", async () => {
  const sandbox = await createSandbox();
  try {
    sandbox.webhooks.configure({ url: harness.receiver.url, secret: harness.secret, duplicate: true, reorder: true });
    const handle = await harness.startRecorder('DEL-SANDBOX');
    const inProgress = orderEvent('DEL-SANDBOX', 'inProgress');
    const completed = orderEvent('DEL-SANDBOX', 'completed');
    completed.event.productOrder.id = inProgress.event.productOrder.id;

    sandbox.webhooks.send(inProgress);
    sandbox.webhooks.send(completed);

    const deadline = Date.now() + 10_000;
    while (sandbox.webhooks.records().filter((record) => record.outcome === 'delivered').length < 4) {
      if (Date.now() > deadline) throw new Error(JSON.stringify(sandbox.webhooks.records()));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(sandbox.webhooks.records().map((record) => record.results)).toEqual([[200], [200], [200], [200]]);
    expect(await harness.receivedBy(handle)).toEqual([completed, inProgress]);
  } finally {
    await sandbox.close();
  }
});

test('the logs never contain the secret', () => {
  expect(harness.logs.text()).not.toContain(harness.secret);
});

// A refused event would be redelivered for hours: every well-signed state is taken, known or not.
test.each([...TMF622_ORDER_STATES, 'someStateLumenAddsLater'])(
  'an event in state %s is acknowledged and signalled',
  async (state) => {
    const externalId = `DEL-ST-${state}`.slice(0, 20);
    const handle = await harness.startRecorder(externalId);
    const event = orderEvent(externalId, state as OrderState);
    const { body, headers } = signedRequest(harness.secret, event);

    const reply = await harness.post(body, headers);

    expect(reply).toMatchObject({ status: 200, body: { status: 'signalled' } });
    expect(await harness.receivedBy(handle)).toEqual([event]);
  },
);

test("an event of an order no provisioning runs under (a change, a disconnect) goes to the service's workflow", async () => {
  const handle = await harness.startRecorder('77133831001-2', 'iod-service-77133831001');
  const event = orderEvent('77133831001-2', 'completed');
  event.event.productOrder.serviceId = '77133831001';
  const { body, headers } = signedRequest(harness.secret, event);

  const reply = await harness.post(body, headers);

  expect(reply).toMatchObject({ status: 200, body: { status: 'signalled', workflowId: 'iod-service-77133831001' } });
  expect(await harness.receivedBy(handle)).toEqual([event]);
});
