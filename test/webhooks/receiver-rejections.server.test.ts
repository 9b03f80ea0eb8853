// Every bad input gets its own 4xx, its own log line, and reaches no workflow.
import { request as httpRequest } from 'node:http';
import { signLumenWebhook } from '../../webhooks/signature';
import { ReceiverHarness } from './receiver-harness';
import { orderEvent, signedRequest } from './signed-events';

const harness = new ReceiverHarness();
const MAX_BODY_BYTES = 4 * 1024;
const sentSignatures: string[] = [];
const logMessages = new Map<string, string>();

beforeAll(() => harness.start({ maxBodyBytes: MAX_BODY_BYTES }));
afterAll(() => harness.stop());

interface BadInput {
  name: string;
  reason: string;
  status: number;
  /** The body and headers to send for a workflow routed by `externalId`. */
  build(secret: string, externalId: string): { body: string; headers: Record<string, string> };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const badInputs: BadInput[] = [
  {
    name: 'no signature',
    reason: 'signature_missing',
    status: 401,
    build: (_secret, id) => ({ body: JSON.stringify(orderEvent(id)), headers: { 'content-type': 'application/json' } }),
  },
  {
    name: 'a signature made with the wrong secret',
    reason: 'signature_mismatch',
    status: 401,
    build: (_secret, id) => signedRequest('not-the-shared-secret', orderEvent(id)),
  },
  {
    name: 'a body changed after signing',
    reason: 'signature_mismatch',
    status: 401,
    build: (secret, id) => {
      const signed = signedRequest(secret, orderEvent(id, 'inProgress'));
      return { ...signed, body: signed.body.replace('inProgress', 'completed') };
    },
  },
  {
    name: 'a malformed signature header',
    reason: 'signature_malformed',
    status: 401,
    build: (_secret, id) => ({
      body: JSON.stringify(orderEvent(id)),
      headers: { 'content-type': 'application/json', 'x-lumen-signature': 'sha256=deadbeef' },
    }),
  },
  {
    name: 'a stale timestamp (replayed delivery)',
    reason: 'timestamp_stale',
    status: 401,
    build: (secret, id) => signedRequest(secret, orderEvent(id), nowSeconds() - 10 * 60),
  },
  {
    name: 'a timestamp from the future',
    reason: 'timestamp_future',
    status: 401,
    build: (secret, id) => signedRequest(secret, orderEvent(id), nowSeconds() + 10 * 60),
  },
  {
    name: 'a body that is not JSON',
    reason: 'invalid_json',
    status: 400,
    build: (secret, id) => signedRequest(secret, `{"eventId": "e-1", "externalId": "${id}"`),
  },
  {
    name: 'JSON that is not an order event',
    reason: 'invalid_event',
    status: 422,
    build: (secret, id) => {
      const event = orderEvent(id);
      return signedRequest(secret, {
        ...event,
        eventId: undefined,
        event: { productOrder: { externalId: id, state: 42 } },
      });
    },
  },
  {
    name: 'a body over the size limit',
    reason: 'body_too_large',
    status: 413,
    build: (secret, id) => signedRequest(secret, { ...orderEvent(id), padding: 'x'.repeat(MAX_BODY_BYTES) }),
  },
  {
    name: 'a body that is not declared as JSON',
    reason: 'unsupported_media_type',
    status: 415,
    build: (secret, id) => {
      const signed = signedRequest(secret, orderEvent(id));
      return { ...signed, headers: { ...signed.headers, 'content-type': 'text/plain' } };
    },
  },
];

describe.each(badInputs.map((input, index) => ({ ...input, externalId: `REJ-${index}` })))(
  '$name',
  ({ reason, status, build, externalId }) => {
    test(`is answered ${status} (${reason}), logged once, and signals nothing`, async () => {
      const handle = await harness.startRecorder(externalId);
      const { body, headers } = build(harness.secret, externalId);
      if (headers['x-lumen-signature']) sentSignatures.push(headers['x-lumen-signature']);
      harness.logs.clear();

      const reply = await harness.post(body, headers);

      expect(reply.status).toBe(status);
      expect(reply.body.error).toBe(reason);
      const lines = harness.logs.lines().filter((line) => line.reason === reason);
      expect(lines).toHaveLength(1);
      expect(lines[0].msg).toMatch(/^webhook rejected: /);
      logMessages.set(reason, lines[0].msg);
      expect(await harness.receivedBy(handle)).toEqual([]);
      await handle.terminate('test done');
    });
  },
);

test('each refusal reason has a log message of its own', () => {
  const reasons = new Set(badInputs.map((input) => input.reason));
  expect(logMessages.size).toBe(reasons.size);
  expect(new Set(logMessages.values()).size).toBe(reasons.size);
});

test('an invalid event is answered with the fields that are wrong', async () => {
  const { body, headers } = badInputs.find((input) => input.reason === 'invalid_event')!.build(harness.secret, 'REJ-F');
  const reply = await harness.post(body, headers);
  expect(reply.status).toBe(422);
  const fields = (reply.body.fields as { field: string }[]).map((issue) => issue.field);
  expect(fields).toEqual(expect.arrayContaining(['eventId', 'event.productOrder.id', 'event.productOrder.state']));
});

test('an oversized body sent without a length is cut off at the limit with 413', async () => {
  const event = orderEvent('REJ-CHUNKED');
  const body = JSON.stringify({ ...event, padding: 'x'.repeat(MAX_BODY_BYTES * 4) });
  const status = await new Promise<number>((resolve, reject) => {
    const outgoing = httpRequest(harness.receiver.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lumen-signature': signLumenWebhook(harness.secret, body, nowSeconds()),
        'transfer-encoding': 'chunked',
      },
    });
    outgoing.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    // Small chunks with pauses, as a slow sender would: the receiver must answer before the end.
    const chunks = body.match(/[\s\S]{1,1024}/g) ?? [];
    const writeNext = () => {
      const chunk = chunks.shift();
      if (chunk === undefined) return outgoing.end();
      outgoing.write(chunk, () => setTimeout(writeNext, 2));
    };
    writeNext();
  });
  expect(status).toBe(413);
});

test('a wrong method is 405 and an unknown path is 404, both logged', async () => {
  harness.logs.clear();
  const wrongMethod = await harness.post('', {}, { method: 'GET' });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.allow).toBe('POST');
  const wrongPath = await harness.post(
    '{}',
    { 'content-type': 'application/json' },
    {
      url: new URL('/webhooks/other', harness.receiver.url).toString(),
    },
  );
  expect(wrongPath.status).toBe(404);
  expect(
    await harness.post('', {}, { url: new URL('/healthz', harness.receiver.url).toString(), method: 'PUT' }),
  ).toMatchObject({
    status: 405,
  });
  const reasons = harness.logs.lines().map((line) => line.reason);
  expect(reasons).toEqual(['method_not_allowed', 'route_not_found', 'method_not_allowed']);
});

test('the logs never contain the secret or a signature value', () => {
  const text = harness.logs.text();
  expect(text.length).toBeGreaterThan(0);
  expect(text).not.toContain(harness.secret);
  for (const signature of sentSignatures) {
    expect(text).not.toContain(signature);
    const digest = /v1=([0-9a-f]+)/.exec(signature)?.[1];
    if (digest) expect(text).not.toContain(digest);
  }
});

test('GET /metrics counts every refusal by reason', async () => {
  const metrics = await harness.get('/metrics');
  expect(metrics.status).toBe(200);
  expect(metrics.text).toContain('lumen_webhooks_rejected_total{reason="signature_mismatch"} 2');
  expect(metrics.text).toContain('lumen_webhooks_rejected_total{reason="timestamp_stale"} 1');
  expect(metrics.text).toContain('lumen_webhooks_signalled_total 0');
});
