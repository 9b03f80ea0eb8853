// One notification sent: the JSON or Slack body, the X-Signature the webhook receiver's own check
// accepts, the log sink, and what each answer of the endpoint means for a retry.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '../../notifications/events';
import { createNotificationSender, NotificationNotDelivered, NotificationRefused } from '../../notifications/sender';
import { slackText } from '../../notifications/slack';
import { verifyLumenSignature } from '../../webhooks/signature';

const SAMPLE: Notification = {
  id: 'iod-notify-iod-R1-approval.required-Q-1',
  type: 'approval.required',
  at: '2026-11-26T12:00:00.000Z',
  requestId: 'R1',
  customerNumber: '1-SANDBOX',
  summary: 'Provisioning R1 waits for approval: quote Q-1 costs $331.20/month, above the limit of $300.00',
  details: { quoteId: 'Q-1', monthlyPriceUsd: '331.20', maxMonthlyPriceUsd: '300.00' },
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let url: string;
let answer: { status: number; headers?: Record<string, string> };
let received: Received[];

beforeEach(async () => {
  received = [];
  answer = { status: 204 };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-path`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const logger = { warn: jest.fn() };

test('JSON: the notification as it is, signed so the webhook receiver’s check accepts it', async () => {
  const now = Date.parse('2026-11-26T12:00:05Z');
  const sender = createNotificationSender(
    { target: { kind: 'http', url }, secret: 'notify-secret', format: 'json' },
    { logger, now: () => now },
  );
  await expect(sender.send(SAMPLE)).resolves.toEqual({ to: 'endpoint', status: 204 });
  const [request] = received;
  expect(JSON.parse(request.body)).toEqual(SAMPLE);
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers['x-signature']).toMatch(/^t=1795694405,v1=[0-9a-f]{64}$/);
  const check = (secret: string, body: string) =>
    verifyLumenSignature({
      secret,
      rawBody: body,
      header: request.headers['x-signature'],
      nowMs: now,
      toleranceMs: 300_000,
    });
  expect(check('notify-secret', request.body)).toEqual({ ok: true, timestamp: 1795694405 });
  expect(check('another-secret', request.body)).toEqual({ ok: false, reason: 'signature_mismatch' });
  expect(check('notify-secret', request.body.replace('331.20', '1.00'))).toEqual({
    ok: false,
    reason: 'signature_mismatch',
  });
});

test('without a secret nothing is signed', async () => {
  const sender = createNotificationSender({ target: { kind: 'http', url }, format: 'json' }, { logger });
  await sender.send(SAMPLE);
  expect(received[0].headers['x-signature']).toBeUndefined();
});

test('Slack/Teams: { text } with the summary, the ids and the details a person acts on', async () => {
  const sender = createNotificationSender({ target: { kind: 'http', url }, format: 'slack' }, { logger });
  await sender.send(SAMPLE);
  const body = JSON.parse(received[0].body) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['text']);
  expect(body.text).toBe(slackText(SAMPLE));
  expect(body.text).toContain(`*approval.required* ${SAMPLE.summary}`);
  expect(body.text).toContain('• requestId: R1');
  expect(body.text).toContain('• monthlyPriceUsd: 331.20');
  expect(body.text).toContain(`id ${SAMPLE.id}`);
});

test('log: one line in the worker’s log with the notification, and no request', async () => {
  const lines: { fields: object; message: string }[] = [];
  const sender = createNotificationSender(
    { target: { kind: 'log' }, format: 'json' },
    { logger: { warn: (fields, message) => lines.push({ fields, message }) } },
  );
  await expect(sender.send(SAMPLE)).resolves.toEqual({ to: 'log' });
  expect(lines).toEqual([
    { fields: { notification: SAMPLE }, message: `notification approval.required: ${SAMPLE.summary}` },
  ]);
  expect(received).toHaveLength(0);
});

test.each([400, 401, 403, 404, 410, 422])('HTTP %i is a refusal for good', async (status) => {
  answer = { status };
  const sender = createNotificationSender({ target: { kind: 'http', url }, format: 'json' }, { logger });
  const error = await sender.send(SAMPLE).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(NotificationRefused);
  expect(error).toMatchObject({ status });
});

test.each([408, 429, 500, 502, 503])('HTTP %i is worth another attempt', async (status) => {
  answer = { status, headers: status === 429 ? { 'retry-after': '30' } : {} };
  const sender = createNotificationSender({ target: { kind: 'http', url }, format: 'json' }, { logger });
  const error = (await sender.send(SAMPLE).catch((caught: unknown) => caught)) as NotificationNotDelivered;
  expect(error).toBeInstanceOf(NotificationNotDelivered);
  if (status === 429) expect(error.retryAfterMs).toBe(30_000);
  // The URL's path may hold a token: the message names the origin only.
  expect(error.message).not.toContain('secret-path');
});

test('no answer is worth another attempt, and the message keeps the URL’s path out', async () => {
  await new Promise((resolve) => server.close(resolve));
  const sender = createNotificationSender({ target: { kind: 'http', url }, format: 'json' }, { logger });
  const error = (await sender.send(SAMPLE).catch((caught: unknown) => caught)) as Error;
  expect(error).toBeInstanceOf(NotificationNotDelivered);
  expect(error.message).toMatch(/^no answer from http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  server = createServer(); // for afterEach
  await new Promise<void>((resolve) => server.listen(0, resolve));
});

test('a slow endpoint times out instead of holding the attempt', async () => {
  answer = { status: 204 };
  server.removeAllListeners('request');
  server.on('request', () => undefined); // never answers
  const sender = createNotificationSender(
    { target: { kind: 'http', url }, format: 'json' },
    { logger, timeoutMs: 200 },
  );
  const started = Date.now();
  await expect(sender.send(SAMPLE)).rejects.toBeInstanceOf(NotificationNotDelivered);
  expect(Date.now() - started).toBeLessThan(2_000);
  server.closeAllConnections();
});
