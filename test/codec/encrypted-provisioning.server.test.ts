// What Temporal stores of a provisioning run by the real worker with the codec: read raw (as an operator
// of the cluster would, without the codec) it holds no trace of the order contact; the Temporal CLI reads
// it through the codec server; plain starts from other clients still work; keys rotate under a running
// provisioning.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import { EncryptionCodec } from '../../codec/encryption-codec';
import { createCodecServer, type CodecServer } from '../../codec-server/server';
import { readPayloadCodecSettings, type PayloadCodecSettings } from '../../codec/settings';
import { dataConverterFor } from '../../codec/data-converter';
import { Client } from '@temporalio/client';
import { STEPS, workflowIdFor } from '../../domain/names';
import { resolveTemporalCli } from '../../temporal-servers/cli-binary';
import { createWorker } from '../../workers/worker';
import { provisionInternetOnDemand } from '../../workflows';
import { approvePriceUpdate, statusQuery } from '../../workflows/messages';
import { TEST_PAYLOAD_CODEC, TEST_PAYLOAD_CODEC_KEYS } from '../env/codec';
import { contactForms, personalDataIn } from '../env/personal-data';
import { sandboxRequest, startIntegrationStack, type IntegrationStack } from '../workflow/integration-stack';
import { statusWhen } from '../workflow/status-polling';

const CONTACT = {
  name: 'Ada Lovelace-Byron',
  email: 'ada.lovelace@analytical.example',
  phone: '+16157690042',
  organization: 'Analytical Engines',
};
const FORMS = contactForms(CONTACT);
const TOKEN = randomBytes(24).toString('hex');
const run = promisify(execFile);

let stack: IntegrationStack;
let codecServer: CodecServer;
let temporalCli: string;

beforeAll(async () => {
  stack = await startIntegrationStack();
  if (TEST_PAYLOAD_CODEC.encryption === 'off') throw new Error('these tests need the tests to encrypt');
  codecServer = await createCodecServer({
    codec: new EncryptionCodec(TEST_PAYLOAD_CODEC.keys),
    logger: pino({ level: 'silent' }),
    allowedOrigins: ['http://localhost:8233'],
    token: TOKEN,
    port: 0,
  });
  const cli = await resolveTemporalCli();
  if (cli.executable.type !== 'existing-path') throw new Error('needs a Temporal CLI binary');
  temporalCli = cli.executable.path;
});

afterAll(async () => {
  await codecServer?.close();
  await stack?.close();
});

beforeEach(async () => {
  await stack.reset();
});

async function temporal(args: string[]): Promise<string> {
  const { stdout } = await run(temporalCli, [...args, '--address', stack.env.address], { maxBuffer: 64 << 20 });
  return stdout;
}

/** The history as stored: the Temporal CLI without a codec endpoint. */
async function rawHistory(workflowId: string): Promise<{ events: Record<string, unknown>[] }> {
  return JSON.parse(await temporal(['workflow', 'show', '--workflow-id', workflowId, '--output', 'json']));
}

/** Every search attribute value the workflow upserted, decoded (they are plain JSON by design). */
function searchAttributeValues(history: { events: Record<string, unknown>[] }): Record<string, unknown[]> & {
  LumenStep: string[];
} {
  const values: Record<string, unknown[]> & { LumenStep: string[] } = { LumenStep: [] };
  for (const event of history.events) {
    const upsert = event.upsertWorkflowSearchAttributesEventAttributes as
      { searchAttributes: { indexedFields: Record<string, { data: string }> } } | undefined;
    for (const [name, payload] of Object.entries(upsert?.searchAttributes.indexedFields ?? {})) {
      (values[name] ??= []).push(JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')));
    }
  }
  return values;
}

/** The real worker on `taskQueue` with other payload settings than the stack's, while `work` runs. */
async function withWorkerUsing<T>(taskQueue: string, payloadCodec: PayloadCodecSettings, work: () => Promise<T>) {
  const { worker, close } = await createWorker(
    { ...stack.config(taskQueue), payloadCodec },
    { connection: stack.env.nativeConnection, workflowBundle: stack.workflowBundle, logger: pino({ level: 'silent' }) },
  );
  try {
    return await worker.runUntil(work());
  } finally {
    await close();
  }
}

test('the raw history of a provisioning holds none of the contact’s name, email or phone, in any form', async () => {
  const request = sandboxRequest({ contact: CONTACT, pollInterval: '1 hour' });
  const workflowId = workflowIdFor(request.requestId);
  const { result, status, details } = await stack.withWorker(async (taskQueue) => {
    const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId,
      args: [request],
    });
    const result = await handle.result();
    const metadata = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    return { result, status: await handle.query(statusQuery), details: metadata.currentDetails };
  });
  expect(result.status).toBe('ACTIVE');

  const history = await rawHistory(workflowId);
  expect(history.events.length).toBeGreaterThan(20);
  expect(personalDataIn(history, FORMS)).toEqual([]);
  expect(JSON.stringify(history)).toContain(Buffer.from('binary/encrypted').toString('base64'));

  // Search attributes are stored unencrypted: each holds business identifiers only.
  const [order] = await stack.sandbox.admin.orders({ externalId: request.requestId });
  const { LumenStep, TemporalChangeVersion, ...identifiers } = searchAttributeValues(history);
  expect(identifiers).toEqual({
    LumenCustomerNumber: ['1-SANDBOX'],
    LumenMasterSiteId: [request.site?.masterSiteId],
    LumenOrderId: [order.id],
    LumenServiceId: [order.serviceId],
  });
  expect(LumenStep.every((step) => (STEPS as readonly string[]).includes(step))).toBe(true);
  expect(LumenStep.at(-1)).toBe('ACTIVE');
  // Temporal's own, from patched(): the names of the workflow's code versions.
  const patchIds = ((TemporalChangeVersion ?? []) as unknown[]).flat();
  expect(patchIds.every((id) => typeof id === 'string' && /^[\w-]+$/.test(id))).toBe(true);
  // What the status query and the UI's current details say names no contact either.
  expect(personalDataIn(status, FORMS)).toEqual([]);
  expect(details).toContain('step `ACTIVE`');
  expect(personalDataIn(details, FORMS)).toEqual([]);
});

test('a failure whose Lumen message quotes the contact is stored encrypted and reported without it', async () => {
  await stack.sandbox.admin.injectFault({
    method: 'POST',
    path: '/Customer/v3/Ordering/orderRequest',
    kind: 'status',
    status: 400,
    body: {
      code: 'INVALID_CONTACT',
      message: `Contact ${CONTACT.name} <${CONTACT.email}>, ${CONTACT.phone} is barred`,
    },
  });
  const request = sandboxRequest({ contact: CONTACT });
  const workflowId = workflowIdFor(request.requestId);
  const { error, status } = await stack.withWorker(async (taskQueue) => {
    const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId,
      args: [request],
    });
    const error = await handle.result().catch((e: unknown) => e);
    return { error, status: await handle.query(statusQuery) };
  });
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const failure = (error as WorkflowFailedError).cause as ApplicationFailure;
  expect(failure.type).toBe('OrderRejected');
  expect(failure.message).toContain('Contact [contact] <[contact]>, [contact] is barred');
  expect(personalDataIn({ message: failure.message, details: failure.details }, FORMS)).toEqual([]);
  expect(personalDataIn(status, FORMS)).toEqual([]);

  const history = await rawHistory(workflowId);
  expect(personalDataIn(history, FORMS)).toEqual([]);
  // The failure's own words are encrypted too: the stored message is a placeholder.
  expect(JSON.stringify(history)).not.toContain('is barred');
  expect(JSON.stringify(history)).toContain('Encoded failure');
});

test('temporal workflow show --codec-endpoint reads the history through the codec server, with its token', async () => {
  const request = sandboxRequest({ contact: CONTACT, pollInterval: '1 hour' });
  const workflowId = workflowIdFor(request.requestId);
  await stack.withWorker(async (taskQueue) => {
    const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId,
      args: [request],
    });
    await handle.result();
  });
  const codecFlags = ['--codec-endpoint', codecServer.url, '--codec-auth', `Bearer ${TOKEN}`];
  const shown = await temporal(['workflow', 'show', '--workflow-id', workflowId, ...codecFlags]);
  expect(shown).toMatch(/Result\s+\{"activatedAt/);
  expect(shown).toMatch(/ResultEncoding\s+json\/plain/);
  const decoded = JSON.parse(
    await temporal(['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', ...codecFlags]),
  ) as { events: Record<string, unknown>[] };
  expect(personalDataIn(decoded.events[0], [CONTACT.email, CONTACT.name])).not.toEqual([]);

  // Without the token the codec server answers 401 and the CLI shows nothing decoded.
  const refused = await temporal([
    'workflow',
    'show',
    '--workflow-id',
    workflowId,
    '--output',
    'json',
    '--codec-endpoint',
    codecServer.url,
    '--command-timeout',
    '3s',
  ]).then(
    (stdout) => ({ failed: false, output: stdout }),
    (e: { stdout?: string; stderr?: string }) => ({ failed: true, output: `${e.stdout}${e.stderr}` }),
  );
  expect(refused.failed).toBe(true);
  expect(refused.output).not.toContain(CONTACT.email);
});

test('a plain `temporal workflow start --input` provisions on the encrypting worker, which stores its own payloads encrypted', async () => {
  const request = sandboxRequest({ contact: CONTACT, pollInterval: '1 hour' });
  const workflowId = workflowIdFor(request.requestId);
  const result = await stack.withWorker(async (taskQueue) => {
    await temporal([
      'workflow',
      'start',
      '--type',
      'provisionInternetOnDemand',
      '--task-queue',
      taskQueue,
      '--workflow-id',
      workflowId,
      '--input',
      JSON.stringify(request),
    ]);
    return stack.env.client.workflow.getHandle(workflowId).result();
  });
  expect(result).toMatchObject({ requestId: request.requestId, status: 'ACTIVE' });

  // The caller chose to send the contact in plain: it is in the start event and nowhere else.
  const history = await rawHistory(workflowId);
  const [started, ...rest] = history.events;
  expect(personalDataIn(started, FORMS).length).toBeGreaterThan(0);
  expect(personalDataIn(rest, FORMS)).toEqual([]);
});

test('after a key rotation a running provisioning written under the old key finishes under the new one', async () => {
  const request = sandboxRequest({ contact: CONTACT, maxMonthlyPriceUsd: 100 });
  const workflowId = workflowIdFor(request.requestId);
  const rotatedKeys = `rotated-key-2:${randomBytes(32).toString('base64')},${TEST_PAYLOAD_CODEC_KEYS}`;
  const rotated = readPayloadCodecSettings({ PAYLOAD_CODEC_KEYS: rotatedKeys });
  const taskQueue = `iod-rotation-${request.requestId}`;

  // Until the price waits for approval, with the old key only.
  const waiting = await withWorkerUsing(taskQueue, TEST_PAYLOAD_CODEC, async () => {
    const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
      taskQueue,
      workflowId,
      args: [request],
    });
    return statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
  });

  // The worker and the client restart with the new key first; the old one stays for reading.
  const client = new Client({ connection: stack.env.connection, dataConverter: dataConverterFor(rotated) });
  const result = await withWorkerUsing(taskQueue, rotated, async () => {
    const handle = client.workflow.getHandle<typeof provisionInternetOnDemand>(workflowId);
    await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: waiting.quote!.id, approved: true }] });
    return handle.result();
  });
  expect(result.status).toBe('ACTIVE');

  const stored = JSON.stringify(await rawHistory(workflowId));
  for (const keyId of ['test-key-1', 'rotated-key-2']) expect(stored).toContain(Buffer.from(keyId).toString('base64'));
});
