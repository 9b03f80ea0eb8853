// How payloads are protected, read once from PAYLOAD_CODEC, PAYLOAD_CODEC_KEYS and PAYLOAD_CODEC_KEY_FILE.
// Encryption is the default; plain payloads must be asked for. Errors never repeat key material.
import { existsSync, readFileSync } from 'node:fs';
import { CodecKeyError, MAKE_A_KEY, parseKeyList, type CodecKey } from './keys';

export type PayloadCodecSettings =
  | { encryption: 'off' }
  | {
      encryption: 'aes-256-gcm';
      /** keys[0] encrypts; all decrypt. */
      keys: CodecKey[];
      /** Where the keys came from, for start-up lines: a variable name or a file. */
      source: string;
    };

export interface KeySources {
  /** Read when no variable names keys and the file exists: npm start's key, for the CLI beside it. */
  fallbackKeyFile?: string;
}

export class PayloadCodecConfigError extends Error {
  override name = 'PayloadCodecConfigError';
}

export const HOW_TO_GIVE_KEYS =
  `set PAYLOAD_CODEC_KEYS=<id>:<base64 key> (make a key with \`${MAKE_A_KEY}\`), or ` +
  'PAYLOAD_CODEC_KEY_FILE=<file> holding such lines; PAYLOAD_CODEC=off stores payloads unencrypted instead';

type Environment = Record<string, string | undefined>;

function keysFromFile(file: string, variable: string): PayloadCodecSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PayloadCodecConfigError(`${variable}: cannot read the key file ${file} (${code})`);
  }
  return { encryption: 'aes-256-gcm', keys: parseKeyList(text, `${variable} (${file})`), source: file };
}

/** Throws PayloadCodecConfigError saying what is wrong and how to give keys. */
export function readPayloadCodecSettings(env: Environment, sources: KeySources = {}): PayloadCodecSettings {
  const mode = env.PAYLOAD_CODEC?.trim().toLowerCase() ?? '';
  const keys = env.PAYLOAD_CODEC_KEYS?.trim() ?? '';
  const keyFile = env.PAYLOAD_CODEC_KEY_FILE?.trim() ?? '';
  if (mode === 'off') {
    if (keys || keyFile) {
      throw new PayloadCodecConfigError('PAYLOAD_CODEC=off, yet keys are given: unset PAYLOAD_CODEC or the keys');
    }
    return { encryption: 'off' };
  }
  if (mode !== '' && mode !== 'on') {
    throw new PayloadCodecConfigError('PAYLOAD_CODEC: must be "off" (payloads unencrypted) or "on" (the default)');
  }
  if (keys && keyFile) {
    throw new PayloadCodecConfigError('PAYLOAD_CODEC_KEYS and PAYLOAD_CODEC_KEY_FILE are both set: use one of them');
  }
  try {
    if (keys)
      return {
        encryption: 'aes-256-gcm',
        keys: parseKeyList(keys, 'PAYLOAD_CODEC_KEYS'),
        source: 'PAYLOAD_CODEC_KEYS',
      };
    if (keyFile) return keysFromFile(keyFile, 'PAYLOAD_CODEC_KEY_FILE');
    if (sources.fallbackKeyFile && existsSync(sources.fallbackKeyFile)) {
      return keysFromFile(sources.fallbackKeyFile, 'the key file of npm start');
    }
  } catch (error) {
    if (error instanceof CodecKeyError) throw new PayloadCodecConfigError(error.message);
    throw error;
  }
  throw new PayloadCodecConfigError(`PAYLOAD_CODEC_KEYS: no payload encryption keys; ${HOW_TO_GIVE_KEYS}`);
}

/** One line for start-up logs: the cipher, the key ids and where they came from, never the keys. */
export function describePayloadCodec(settings: PayloadCodecSettings): string {
  if (settings.encryption === 'off') return 'off: payloads are stored unencrypted (PAYLOAD_CODEC=off)';
  const ids = settings.keys.map((key) => key.id);
  const others = ids.length > 1 ? `, also reads ${ids.slice(1).join(', ')}` : '';
  return `AES-256-GCM with key ${ids[0]}${others} (from ${settings.source})`;
}
