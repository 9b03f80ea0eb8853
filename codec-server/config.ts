// `npm run codec-server`'s settings, read once from the environment. Outside npm start it serves other
// machines' browsers and CLIs, so a bearer token is required and the allowed UI origins are explicit.
import { z } from 'zod';
import { DEFAULT_CODEC_SERVER_PORT } from './server';
import { PayloadCodecConfigError, readPayloadCodecSettings, type PayloadCodecSettings } from '../codec/settings';

export interface CodecServerConfig {
  port: number;
  host: string;
  origins: string[];
  token: string;
  payloadCodec: Extract<PayloadCodecSettings, { encryption: 'aes-256-gcm' }>;
}

export class CodecServerConfigError extends Error {
  override name = 'CodecServerConfigError';
}

export const DEFAULT_UI_ORIGIN = 'http://localhost:8233';

/** "https://cloud.temporal.io, http://localhost:8233" → the origins, or the first entry that is not one. */
export function parseOrigins(text: string): { ok: true; origins: string[] } | { ok: false; bad: string } {
  const origins = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of origins) {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) return { ok: false, bad: origin };
  }
  return { ok: true, origins };
}

/** `npm run codec-server`'s variables; each description is its line in docs/configuration.md. */
export const codecServerEnvironment = z.object({
  CODEC_SERVER_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(DEFAULT_CODEC_SERVER_PORT)
    .meta({ description: 'Port the codec server listens on.' }),
  CODEC_SERVER_HOST: z
    .string()
    .trim()
    .min(1)
    .default('127.0.0.1')
    .meta({ description: 'Address the codec server listens on.' }),
  CODEC_SERVER_ORIGINS: z
    .string()
    .default(DEFAULT_UI_ORIGIN)
    .meta({ description: 'Comma-separated Temporal UI origins whose pages may call the codec server (CORS).' }),
  CODEC_SERVER_TOKEN: z
    .string({ error: 'required: the bearer token callers send (temporal … --codec-auth "Bearer <token>")' })
    .min(16, 'must be at least 16 characters')
    .meta({ description: 'Bearer token every caller must send; at least 16 characters.' }),
});

/** Throws CodecServerConfigError naming every bad variable, never echoing the token or a key. */
export function readCodecServerConfig(env: Record<string, string | undefined>): CodecServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const problems: string[] = [];
  const parsed = codecServerEnvironment.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0]);
      problems.push(
        `${variable}: ${variable === 'CODEC_SERVER_PORT' ? 'must be a port number 1-65535' : issue.message}`,
      );
    }
  }
  const origins = parseOrigins(parsed.data?.CODEC_SERVER_ORIGINS ?? env.CODEC_SERVER_ORIGINS ?? DEFAULT_UI_ORIGIN);
  if (!origins.ok) {
    problems.push(`CODEC_SERVER_ORIGINS: "${origins.bad}" is not an origin like https://cloud.temporal.io (no path)`);
  } else if (origins.origins.length === 0) {
    problems.push('CODEC_SERVER_ORIGINS: name at least one Temporal UI origin');
  }
  let keys: PayloadCodecSettings | undefined;
  try {
    keys = readPayloadCodecSettings(env);
    if (keys.encryption === 'off') problems.push('PAYLOAD_CODEC=off: a codec server has nothing to decrypt');
  } catch (error) {
    if (!(error instanceof PayloadCodecConfigError)) throw error;
    problems.push(error.message);
  }
  if (problems.length > 0 || !parsed.success || !origins.ok || keys?.encryption !== 'aes-256-gcm') {
    throw new CodecServerConfigError(`Invalid codec server configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    port: parsed.data.CODEC_SERVER_PORT,
    host: parsed.data.CODEC_SERVER_HOST,
    origins: origins.origins,
    token: parsed.data.CODEC_SERVER_TOKEN,
    payloadCodec: keys,
  };
}
