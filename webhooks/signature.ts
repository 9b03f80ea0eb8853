// Lumen's webhook signature: X-Lumen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">.
// Several v1 values may be present (a sender rotating its secret signs with both).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-lumen-signature';

/** Why a signature was refused; each has its own status, message and log line at the receiver. */
export type SignatureFailure =
  'signature_missing' | 'signature_malformed' | 'signature_mismatch' | 'timestamp_stale' | 'timestamp_future';

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

export interface VerifyOptions {
  secret: string;
  /** The body exactly as received: re-serialised JSON would not match the sender's bytes. */
  rawBody: Buffer | string;
  header: string | string[] | undefined;
  /** Current time in milliseconds. */
  nowMs: number;
  /** How far the signed timestamp may lie from now, either way. */
  toleranceMs: number;
}

interface ParsedHeader {
  timestamp: number;
  signatures: Buffer[];
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

function hmacDigest(secret: string, timestamp: string, body: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value a sender attaches; the sandbox and tests use it to sign what they send. */
export function signLumenWebhook(secret: string, body: Buffer | string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacDigest(secret, String(unixSeconds), body).toString('hex')}`;
}

/** Splits the header into its timestamp and v1 digests; undefined when it is not in Lumen's shape. */
export function parseSignatureHeader(header: string): ParsedHeader | undefined {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) return undefined;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !UNIX_SECONDS.test(value)) return undefined;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (v0, future v2) are ignored, as a sender adding one must not break receivers.
  }
  if (timestamp === undefined || signatures.length === 0) return undefined;
  return { timestamp, signatures };
}

/**
 * Checks the digest before the timestamp, so a caller without the secret only ever learns
 * "mismatch"; staleness is reported only for authentic but replayed (or badly clocked) deliveries.
 */
export function verifyLumenSignature(options: VerifyOptions): SignatureCheck {
  const header = Array.isArray(options.header) ? options.header.join(',') : options.header;
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'signature_missing' };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'signature_malformed' };

  const expected = hmacDigest(options.secret, String(parsed.timestamp), options.rawBody);
  // Compare against every candidate without stopping early, so timing says nothing about which matched.
  let matched = false;
  for (const candidate of parsed.signatures) {
    if (timingSafeEqual(candidate, expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'signature_mismatch' };

  const ageMs = options.nowMs - parsed.timestamp * 1000;
  if (ageMs > options.toleranceMs) return { ok: false, reason: 'timestamp_stale' };
  if (-ageMs > options.toleranceMs) return { ok: false, reason: 'timestamp_future' };
  return { ok: true, timestamp: parsed.timestamp };
}
