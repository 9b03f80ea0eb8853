import { createHmac } from 'node:crypto';
import { signatureHeader as sandboxSignatureHeader } from '../../sandbox/webhook-sender';
import { parseSignatureHeader, signLumenWebhook, verifyLumenSignature } from '../../webhooks/signature';

const secret = 'whsec-test-0123456789';
const body = '{"eventId":"e-1","event":{"productOrder":{"externalId":"R1"}}}';
const t = 1_790_000_000;
const nowMs = t * 1000;
const toleranceMs = 5 * 60_000;

function verify(
  header: string | string[] | undefined,
  overrides: Partial<Parameters<typeof verifyLumenSignature>[0]> = {},
) {
  return verifyLumenSignature({ secret, rawBody: body, header, nowMs, toleranceMs, ...overrides });
}

function hex(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

test('the header is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as the contract states', () => {
  expect(signLumenWebhook(secret, body, t)).toBe(`t=${t},v1=${hex(secret, `${t}.${body}`)}`);
});

test('a correctly signed body is accepted, as a string or as the raw bytes', () => {
  const header = signLumenWebhook(secret, body, t);
  expect(verify(header)).toEqual({ ok: true, timestamp: t });
  expect(verify(header, { rawBody: Buffer.from(body) })).toEqual({ ok: true, timestamp: t });
});

test('a tampered body does not match', () => {
  const header = signLumenWebhook(secret, body, t);
  expect(verify(header, { rawBody: body.replace('R1', 'R2') })).toEqual({ ok: false, reason: 'signature_mismatch' });
});

test('a body signed with another secret does not match', () => {
  expect(verify(signLumenWebhook('another-secret', body, t))).toEqual({ ok: false, reason: 'signature_mismatch' });
});

test('changing the signed timestamp breaks the signature', () => {
  const digest = hex(secret, `${t}.${body}`);
  expect(verify(`t=${t - 1},v1=${digest}`)).toEqual({ ok: false, reason: 'signature_mismatch' });
});

test('a timestamp older than the window is stale, one just inside it is accepted', () => {
  const windowSeconds = toleranceMs / 1000;
  expect(verify(signLumenWebhook(secret, body, t - windowSeconds - 1))).toEqual({
    ok: false,
    reason: 'timestamp_stale',
  });
  expect(verify(signLumenWebhook(secret, body, t - windowSeconds)).ok).toBe(true);
});

test('a timestamp further ahead than the window is refused as future', () => {
  const windowSeconds = toleranceMs / 1000;
  expect(verify(signLumenWebhook(secret, body, t + windowSeconds + 1))).toEqual({
    ok: false,
    reason: 'timestamp_future',
  });
  expect(verify(signLumenWebhook(secret, body, t + windowSeconds)).ok).toBe(true);
});

test('an absent or empty header is missing', () => {
  expect(verify(undefined)).toEqual({ ok: false, reason: 'signature_missing' });
  expect(verify('  ')).toEqual({ ok: false, reason: 'signature_missing' });
});

test.each([
  ['no v1', `t=${t}`],
  ['no t', `v1=${'a'.repeat(64)}`],
  ['t not a number', `t=soon,v1=${'a'.repeat(64)}`],
  ['v1 not hex', `t=${t},v1=${'z'.repeat(64)}`],
  ['v1 too short', `t=${t},v1=abcd`],
  ['two timestamps', `t=${t},t=${t},v1=${'a'.repeat(64)}`],
  ['no key=value', 'garbage'],
  ['a bare digest', hex(secret, `${t}.${body}`)],
])('a malformed header (%s) is refused as malformed', (_name, header) => {
  expect(verify(header)).toEqual({ ok: false, reason: 'signature_malformed' });
});

test('several v1 values are allowed: any one matching is enough (secret rotation)', () => {
  const good = hex(secret, `${t}.${body}`);
  const old = hex('previous-secret', `${t}.${body}`);
  expect(verify(`t=${t},v1=${old},v1=${good}`).ok).toBe(true);
  expect(verify(`t=${t},v1=${good},v1=${old}`).ok).toBe(true);
  expect(verify(`t=${t},v1=${old},v1=${old}`)).toEqual({ ok: false, reason: 'signature_mismatch' });
});

test('unknown schemes beside v1 are ignored, and uppercase hex is accepted', () => {
  const good = hex(secret, `${t}.${body}`);
  expect(verify(`t=${t},v0=whatever,v1=${good.toUpperCase()}`).ok).toBe(true);
  expect(parseSignatureHeader(` t=${t} , v1=${good} `)?.timestamp).toBe(t);
});

test('a header repeated by a proxy is read as one list', () => {
  const good = hex(secret, `${t}.${body}`);
  expect(verify([`t=${t}`, `v1=${good}`]).ok).toBe(true);
});

test("the sandbox's signer and this verifier agree", () => {
  expect(verify(sandboxSignatureHeader(secret, body, t))).toEqual({ ok: true, timestamp: t });
  expect(sandboxSignatureHeader(secret, body, t)).toBe(signLumenWebhook(secret, body, t));
});
