// The payload codec: AES-256-GCM over the whole serialised payload (data and metadata), a fresh random
// nonce per payload, and the key id in the new payload's metadata so any configured key can read it back.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CodecKey } from './keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
export const CIPHER = 'AES-256-GCM';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload that cannot be decrypted: the message names the key id, never the key. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
  constructor(
    message: string,
    readonly keyId: string | undefined,
  ) {
    super(message);
  }
}

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: ReadonlyMap<string, CodecKey>;

  /** keys[0] encrypts; every key decrypts. */
  constructor(private readonly keys: readonly CodecKey[]) {
    if (keys.length === 0) throw new Error('EncryptionCodec needs at least one key');
    this.byId = new Map(keys.map((key) => [key.id, key]));
  }

  /** The id of the key new payloads are encrypted with. */
  get encryptingKeyId(): string {
    return this.keys[0].id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  /** Payloads that are not encrypted pass through as they are: plain starts from other clients still work. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.keys[0];
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    const plain = ProtoPayload.encode(payload).finish();
    const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: Buffer.from(id),
        [CIPHER_METADATA]: Buffer.from(CIPHER),
      },
      data: sealed,
    };
  }

  private decrypt(payload: Payload): Payload {
    const id = text(payload.metadata?.[KEY_ID_METADATA]);
    if (id === undefined) {
      throw new PayloadDecryptionError(`an encrypted payload has no ${KEY_ID_METADATA} metadata`, undefined);
    }
    const cipherName = text(payload.metadata?.[CIPHER_METADATA]) ?? CIPHER;
    if (cipherName !== CIPHER) {
      throw new PayloadDecryptionError(`a payload under key "${id}" uses cipher ${cipherName}, not ${CIPHER}`, id);
    }
    const key = this.byId.get(id);
    if (!key) {
      throw new PayloadDecryptionError(
        `a payload is encrypted with key "${id}", which is not configured (configured: ` +
          `${this.keys.map((k) => k.id).join(', ')}); keep old keys after the new one in PAYLOAD_CODEC_KEYS`,
        id,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(
        `a payload under key "${id}" is ${data.length} bytes, too short for ${CIPHER}: it was altered`,
        id,
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', key.key, data.subarray(0, NONCE_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(
        `a payload under key "${id}" fails ${CIPHER} authentication: it was altered, or written with another ` +
          `key that has the same id`,
        id,
      );
    }
    return ProtoPayload.decode(plain);
  }
}
