// npm start's payload encryption: its own key, made once under .temporal/ unless keys are given, and a
// codec server on loopback so the embedded Web UI (and `temporal … --codec-endpoint`) show plain payloads.
import path from 'node:path';
import { EncryptionCodec } from '../codec/encryption-codec';
import { ensureKeyFile, LOCAL_KEY_FILE } from '../codec/local-key-file';
import { createCodecServer } from '../codec-server/server';
import { describePayloadCodec, readPayloadCodecSettings, type PayloadCodecSettings } from '../codec/settings';
import type { Logger } from '../logging/logger';
import type { StackConfig } from './config';
import type { ShutdownList } from './shutdown';

export interface StackPayloadEncryption {
  payloadCodec: PayloadCodecSettings;
  /** What the worker's environment needs to find the same keys. */
  env: Record<string, string>;
  /** The codec server's URL; undefined when payloads are not encrypted. */
  codecEndpoint?: string;
}

export async function startPayloadEncryption(
  config: StackConfig,
  env: NodeJS.ProcessEnv,
  deps: { say: (line: string) => void; logger: Logger; shutdown: ShutdownList },
): Promise<StackPayloadEncryption> {
  const { say } = deps;
  const mode = env.PAYLOAD_CODEC?.trim().toLowerCase() ?? '';
  const ownKey = (mode === '' || mode === 'on') && !env.PAYLOAD_CODEC_KEYS?.trim();
  const keyEnv: Record<string, string> = {};
  if (ownKey) {
    const file = env.PAYLOAD_CODEC_KEY_FILE?.trim() || LOCAL_KEY_FILE;
    const made = await ensureKeyFile(file);
    const shown = path.relative(process.cwd(), file) || file;
    say(
      made === 'created'
        ? `made a payload encryption key in ${shown} (kept; never committed)`
        : `payload key: ${shown}`,
    );
    keyEnv.PAYLOAD_CODEC_KEY_FILE = file;
  }
  const payloadCodec = readPayloadCodecSettings({ ...env, ...keyEnv });
  say(`payload encryption: ${describePayloadCodec(payloadCodec)}`);
  if (payloadCodec.encryption === 'off') return { payloadCodec, env: keyEnv };

  const server = await createCodecServer({
    codec: new EncryptionCodec(payloadCodec.keys),
    logger: deps.logger,
    // Loopback only and no token: nothing beyond this machine can reach it.
    host: '127.0.0.1',
    port: config.codecServerPort,
    allowedOrigins: config.codecServerOrigins ?? [
      `http://localhost:${config.uiPort}`,
      `http://127.0.0.1:${config.uiPort}`,
    ],
  });
  deps.shutdown.add('codec server', () => server.close());
  say(`codec server at ${server.url} (temporal workflow show --codec-endpoint ${server.url})`);
  return { payloadCodec, env: keyEnv, codecEndpoint: server.url };
}
