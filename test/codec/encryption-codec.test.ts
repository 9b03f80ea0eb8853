// The payload codec on its own: AES-256-GCM with a fresh nonce per payload, the key id in metadata,
// rotation (the first key writes, every key reads), plain payloads read as they are, and clear errors
// for tampered or unreadable payloads that name the key id and never the key.
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { EncryptionCodec, KEY_ID_METADATA, PayloadDecryptionError } from '../../codec/encryption-codec';
import { failureConverter } from '../../codec/failure-converter';
import { parseKeyList } from '../../codec/keys';

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const keys = (text: string) => parseKeyList(text, 'test keys');
const contact = { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+16157690042' };
const text = (bytes?: Uint8Array | null) => Buffer.from(bytes ?? []).toString('utf8');

async function decodeFails(codec: EncryptionCodec, payload: Payload): Promise<PayloadDecryptionError> {
  const error = await codec.decode([payload]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayloadDecryptionError);
  return error as PayloadDecryptionError;
}

test('a payload is encrypted whole under the first key, and decodes back to the same payload', async () => {
  const codec = new EncryptionCodec(keys(`k2:${newKey},k1:${oldKey}`));
  const plain = defaultPayloadConverter.toPayload({ contact });
  const [encrypted] = await codec.encode([plain]);
  expect(text(encrypted.metadata?.[METADATA_ENCODING_KEY])).toBe('binary/encrypted');
  expect(text(encrypted.metadata?.[KEY_ID_METADATA])).toBe('k2');
  const stored = Buffer.from(encrypted.data!).toString('latin1');
  for (const word of ['Ada', 'ada@example.com', '6157690042', 'json/plain']) expect(stored).not.toContain(word);
  const [decoded] = await codec.decode([encrypted]);
  expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ contact });
});

test('every payload gets a fresh nonce: the same value never encrypts the same way twice', async () => {
  const codec = new EncryptionCodec(keys(`k1:${oldKey}`));
  const plain = defaultPayloadConverter.toPayload('same value');
  const [a, b] = await codec.encode([plain, plain]);
  expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  expect(Buffer.from(a.data!).subarray(0, 12).equals(Buffer.from(b.data!).subarray(0, 12))).toBe(false);
});

test('after a rotation, a payload written under the old key still decodes and new ones use the new key', async () => {
  const before = new EncryptionCodec(keys(`k1:${oldKey}`));
  const [written] = await before.encode([defaultPayloadConverter.toPayload({ contact })]);

  const after = new EncryptionCodec(keys(`k2:${newKey},k1:${oldKey}`));
  const [read] = await after.decode([written]);
  expect(defaultPayloadConverter.fromPayload(read)).toEqual({ contact });
  const [fresh] = await after.encode([defaultPayloadConverter.toPayload('new')]);
  expect(text(fresh.metadata?.[KEY_ID_METADATA])).toBe('k2');
});

test('a payload whose key was dropped fails with an error naming that key id and the configured ones', async () => {
  const [written] = await new EncryptionCodec(keys(`k1:${oldKey}`)).encode([defaultPayloadConverter.toPayload(1)]);
  const error = await decodeFails(new EncryptionCodec(keys(`k2:${newKey}`)), written);
  expect(error.keyId).toBe('k1');
  expect(error.message).toMatch(/key "k1", which is not configured \(configured: k2\)/);
  expect(error.message).not.toContain(newKey);
});

test('a tampered ciphertext fails authentication with a clear error that names the key id, not the key', async () => {
  const codec = new EncryptionCodec(keys(`k1:${oldKey}`));
  const [written] = await codec.encode([defaultPayloadConverter.toPayload({ contact })]);
  const data = Buffer.from(written.data!);
  data[20] ^= 0x01;
  const error = await decodeFails(codec, { ...written, data });
  expect(error.message).toBe(
    'a payload under key "k1" fails AES-256-GCM authentication: it was altered, or written with another key that has the same id',
  );
  expect(error.message).not.toContain(oldKey);

  const truncated = await decodeFails(codec, { ...written, data: data.subarray(0, 10) });
  expect(truncated.message).toMatch(/under key "k1" is 10 bytes, too short/);
  const sameIdOtherKey = await decodeFails(new EncryptionCodec(keys(`k1:${newKey}`)), written);
  expect(sameIdOtherKey.message).toMatch(/fails AES-256-GCM authentication/);
});

test('payloads that are not encrypted pass through decode untouched (plain starts from other clients)', async () => {
  const codec = new EncryptionCodec(keys(`k1:${oldKey}`));
  const plain = defaultPayloadConverter.toPayload({ requestId: 'R1' });
  const [decoded] = await codec.decode([plain]);
  expect(decoded).toBe(plain);
});

test('failure messages and stack traces move into a payload, which the codec then encrypts', async () => {
  const codec = new EncryptionCodec(keys(`k1:${oldKey}`));
  const failure = failureConverter.errorToFailure(
    ApplicationFailure.create({ type: 'OrderRejected', message: `rejected for ${contact.email}` }),
    defaultPayloadConverter,
  );
  expect(failure.message).toBe('Encoded failure');
  expect(failure.stackTrace).toBe('');
  const [encrypted] = await codec.encode([failure.encodedAttributes!]);
  expect(Buffer.from(encrypted.data!).toString('latin1')).not.toContain(contact.email);
  const [decoded] = await codec.decode([encrypted]);
  const back = failureConverter.failureToError({ ...failure, encodedAttributes: decoded }, defaultPayloadConverter);
  expect(back.message).toBe(`rejected for ${contact.email}`);
});
