// The codec server as the Temporal UI (a browser page on the UI's origin) and the Temporal CLI call it:
// /decode and /encode, CORS for the UI's origin only, a bearer token unless it serves loopback alone.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { request } from 'undici';
import { EncryptionCodec } from '../../codec/encryption-codec';
import { parseKeyList } from '../../codec/keys';
import { payloadsBody, readPayloadsBody } from '../../codec-server/payload-json';
import { createCodecServer, type CodecServer } from '../../codec-server/server';
import { CodecServerConfigError, readCodecServerConfig } from '../../codec-server/config';
import { captureLogs } from '../webhooks/captured-logs';

const UI = 'http://localhost:8233';
const TOKEN = randomBytes(24).toString('hex');
const KEY = randomBytes(32).toString('base64');
const codec = new EncryptionCodec(parseKeyList(`k1:${KEY}`, 'test'));
const logs = captureLogs('codec-server-test');
let server: CodecServer;

beforeAll(async () => {
  server = await createCodecServer({ codec, logger: logs.logger, allowedOrigins: [UI], token: TOKEN, port: 0 });
});

afterAll(async () => {
  await server?.close();
});

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown }) {
  const response = await request(`${server.url}${path}`, {
    method: (init.method ?? 'POST') as 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

const bearer = { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'default' };
const contact = { email: 'ada@example.com' };

test('/decode turns encrypted payloads back into JSON, as `temporal … --codec-endpoint` asks', async () => {
  const encrypted = await codec.encode([defaultPayloadConverter.toPayload({ contact })]);
  const reply = await call('/decode', { headers: bearer, body: payloadsBody(encrypted) });
  expect(reply.status).toBe(200);
  const decoded = readPayloadsBody(reply.json);
  if (!decoded.ok) throw new Error(decoded.problem);
  expect(defaultPayloadConverter.fromPayload(decoded.payloads[0])).toEqual({ contact });
});

test('/encode encrypts what the UI sends (a signal typed in the browser), and /decode reads it back', async () => {
  const plain = payloadsBody([defaultPayloadConverter.toPayload('hello')]);
  const encoded = await call('/encode', { headers: { ...bearer, origin: UI }, body: plain });
  expect(encoded.status).toBe(200);
  expect(JSON.stringify(encoded.json)).not.toContain(Buffer.from('"hello"').toString('base64'));
  const decoded = await call('/decode', { headers: bearer, body: encoded.json });
  expect(decoded.json).toEqual(plain);
});

test("the UI's origin passes the CORS preflight and reads the answer; another origin is refused", async () => {
  const preflight = await call('/decode', {
    method: 'OPTIONS',
    headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-namespace' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers['access-control-allow-origin']).toBe(UI);
  expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/x-namespace.*authorization/);

  const fromUi = await call('/decode', { headers: { ...bearer, origin: UI }, body: { payloads: [] } });
  expect(fromUi.status).toBe(200);
  expect(fromUi.headers['access-control-allow-origin']).toBe(UI);

  const foreign = 'https://evil.example';
  const foreignPreflight = await call('/decode', { method: 'OPTIONS', headers: { origin: foreign } });
  expect(foreignPreflight.status).toBe(403);
  expect(foreignPreflight.headers['access-control-allow-origin']).toBeUndefined();
  const foreignPost = await call('/decode', { headers: { ...bearer, origin: foreign }, body: { payloads: [] } });
  expect(foreignPost.status).toBe(403);
  expect(foreignPost.headers['access-control-allow-origin']).toBeUndefined();
  expect(foreignPost.json).toEqual({ error: `origin ${foreign} is not allowed` });
});

test('without the bearer token, or with a wrong one, nothing is decoded', async () => {
  const encrypted = payloadsBody(await codec.encode([defaultPayloadConverter.toPayload({ contact })]));
  const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }];
  for (const headers of attempts) {
    const reply = await call('/decode', { headers, body: encrypted });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.stringify(reply.json)).not.toContain(contact.email);
  }
});

test('a tampered payload or a body that is not the protocol is a 400 that says why', async () => {
  const [encrypted] = payloadsBody(await codec.encode([defaultPayloadConverter.toPayload(1)])).payloads;
  const data = Buffer.from(encrypted.data!, 'base64');
  data[15] ^= 0xff;
  const tampered = await call('/decode', {
    headers: bearer,
    body: { payloads: [{ ...encrypted, data: data.toString('base64') }] },
  });
  expect(tampered.status).toBe(400);
  expect(tampered.json).toEqual({ error: expect.stringMatching(/under key "k1" fails AES-256-GCM authentication/) });
  expect(logs.text()).not.toContain(KEY);

  const bad = await call('/decode', { headers: bearer, body: { payloads: [{ data: 'not base64!' }] } });
  expect(bad).toMatchObject({ status: 400, json: { error: 'payloads.0.data: must be base64' } });
  expect((await call('/elsewhere', { headers: bearer, body: {} })).status).toBe(404);
});

test('only a server on loopback may go without a token (npm start); anywhere else it refuses to start', async () => {
  const local = await createCodecServer({ codec, logger: logs.logger, allowedOrigins: [UI], port: 0 });
  try {
    const reply = await request(`${local.url}/decode`, { method: 'POST', body: JSON.stringify({ payloads: [] }) });
    expect(reply.statusCode).toBe(200);
    await reply.body.dump();
  } finally {
    await local.close();
  }
  await expect(
    createCodecServer({ codec, logger: logs.logger, allowedOrigins: [UI], port: 0, host: '0.0.0.0' }),
  ).rejects.toThrow('the codec server listens on 0.0.0.0: it needs a bearer token (CODEC_SERVER_TOKEN)');
});

test('npm run codec-server requires its token, keys and proper origins, and echoes neither secret', () => {
  const problems = (env: Record<string, string>) => {
    try {
      readCodecServerConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(CodecServerConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };
  const missing = problems({});
  expect(missing).toContain('CODEC_SERVER_TOKEN: required');
  expect(missing).toContain('PAYLOAD_CODEC_KEYS: no payload encryption keys');
  const wrong = problems({
    CODEC_SERVER_TOKEN: 'short',
    PAYLOAD_CODEC_KEYS: `k1:${KEY}`,
    CODEC_SERVER_ORIGINS: 'http://localhost:8233/namespaces',
  });
  expect(wrong).toContain('CODEC_SERVER_TOKEN: must be at least 16 characters');
  expect(wrong).toContain('CODEC_SERVER_ORIGINS: "http://localhost:8233/namespaces" is not an origin');
  expect(wrong).not.toContain('short');
  expect(wrong).not.toContain(KEY);
  expect(
    readCodecServerConfig({
      CODEC_SERVER_TOKEN: TOKEN,
      PAYLOAD_CODEC_KEYS: `k1:${KEY}`,
      CODEC_SERVER_ORIGINS: 'https://cloud.temporal.io, http://localhost:8233',
    }),
  ).toMatchObject({ port: 8888, host: '127.0.0.1', origins: ['https://cloud.temporal.io', UI], token: TOKEN });
});
