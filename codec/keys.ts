// Payload encryption keys, written "id:base64key" and separated by commas or new lines (lines starting
// with # are comments): the first key encrypts, every key decrypts (rotation). Errors name the entry and
// its key id, never key material.
import { createSecretKey, type KeyObject } from 'node:crypto';

/** AES-256 takes 32-byte keys. */
export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface CodecKey {
  /** Stored in every payload's metadata, so a reader knows which key to decrypt with. Not secret. */
  id: string;
  /** A KeyObject: printing or serialising it shows no key material. */
  key: KeyObject;
}

export const MAKE_A_KEY = 'openssl rand -base64 32';

export class CodecKeyError extends Error {
  override name = 'CodecKeyError';
}

/** Standard base64 of exactly KEY_BYTES bytes, or undefined. */
function decodeKey(encoded: string): Buffer | undefined {
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return undefined;
  return Buffer.from(encoded, 'base64');
}

/** Parses a key list; `source` names where it came from ("PAYLOAD_CODEC_KEYS", a file) in errors. */
export function parseKeyList(text: string, source: string): CodecKey[] {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    throw new CodecKeyError(`${source}: no key; write id:base64key, with a key made by \`${MAKE_A_KEY}\``);
  }
  const problems: string[] = [];
  const keys: CodecKey[] = [];
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry, `entry ${index + 1}`, keys);
    if (typeof parsed === 'string') problems.push(parsed);
    else keys.push(parsed);
  });
  if (problems.length > 0) throw new CodecKeyError(`${source}: ${problems.join('; ')}`);
  return keys;
}

/** A key, or what is wrong with the entry. */
function parseEntry(entry: string, where: string, earlier: CodecKey[]): CodecKey | string {
  const colon = entry.indexOf(':');
  if (colon < 0) return `${where} has no key id: write id:base64key`;
  const id = entry.slice(0, colon).trim();
  // An id that fails the pattern may be key material typed in the wrong place: it is not repeated.
  if (!KEY_ID.test(id)) return `${where}: the key id must be 1-40 letters, digits, ".", "_" or "-"`;
  const label = `${where} (key id "${id}")`;
  if (earlier.some((key) => key.id === id)) return `${label}: the key id is used twice`;
  const bytes = decodeKey(entry.slice(colon + 1).trim());
  if (bytes === undefined) return `${label}: the key is not base64`;
  if (bytes.length !== KEY_BYTES) {
    return `${label}: the key is ${bytes.length} bytes; AES-256 needs ${KEY_BYTES} (\`${MAKE_A_KEY}\`)`;
  }
  return { id, key: createSecretKey(bytes) };
}

/** One line of a key list, for files the project writes itself. */
export function formatKey(id: string, key: Buffer): string {
  if (!KEY_ID.test(id) || key.length !== KEY_BYTES) throw new CodecKeyError(`cannot format key "${id}"`);
  return `${id}:${key.toString('base64')}`;
}
