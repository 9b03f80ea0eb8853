// What `npm start` runs, read once from the environment. Embedded parts stand in for the real ones
// until TEMPORAL_ADDRESS or LUMEN_BASE_URL says otherwise.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseOrigins } from '../codec-server/config';
import { DEFAULT_CODEC_SERVER_PORT } from '../codec-server/server';
import { parseDuration } from '../domain/duration';
import { optionalWholeNumber } from '../sandbox/environment';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);

/** What `npm start` reads; each description is its line in docs/configuration.md (npm run docs:config). */
export const stackEnvironment = z.object({
  TEMPORAL_ADDRESS: z.string().trim().min(1).optional().meta({
    description: 'A Temporal server to use instead of starting the embedded dev server.',
    defaultText: 'the embedded dev server',
  }),
  TEMPORAL_PORT: port(7233).meta({ description: "The embedded dev server's gRPC port." }),
  TEMPORAL_UI_PORT: port(8233).meta({ description: "The embedded dev server's Web UI port." }),
  TEMPORAL_DB_FILE: z.string().min(1).optional().meta({
    description: "The embedded dev server's SQLite file, kept across restarts.",
    defaultText: '`.temporal/dev-server.sqlite`',
  }),
  LUMEN_BASE_URL: z.url('must be an http(s) URL').optional().meta({
    description:
      'The Lumen API to use instead of the embedded sandbox; then the key, secret and webhook secret are required.',
    defaultText: 'the embedded sandbox',
  }),
  LUMEN_CONSUMER_KEY: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Your Lumen application's OAuth key.", defaultText: "the sandbox's `sandbox-key`" }),
  LUMEN_CONSUMER_SECRET: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Your Lumen application's OAuth secret.", defaultText: "the sandbox's `sandbox-secret`" }),
  LUMEN_QUOTE_VALIDITY: z
    .string()
    .default('15 minutes')
    .refine((text) => parseDuration(text) !== undefined, 'must be a duration like "15 minutes"')
    .meta({ description: 'How long a quote stays valid: the worker plans with it, the embedded sandbox enforces it.' }),
  SANDBOX_PORT: port(8089).meta({ description: "The embedded sandbox's port." }),
  // Unset or empty: no cap.
  SANDBOX_DAILY_CHANGE_LIMIT: optionalWholeNumber('changes', 0).meta({
    description: "The embedded sandbox's cap on modify and delete orders per customer per GMT day (then `429`).",
    defaultText: 'no cap',
  }),
  WEBHOOK_PORT: port(8088).meta({ description: "The embedded webhook receiver's port." }),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional().meta({
    description: 'The HMAC secret Lumen signs webhooks with; required with `LUMEN_BASE_URL`.',
    defaultText: 'a new one each run',
  }),
  CODEC_SERVER_PORT: port(DEFAULT_CODEC_SERVER_PORT).meta({ description: "The embedded codec server's port." }),
  CODEC_SERVER_ORIGINS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const parsed = parseOrigins(text);
      if (parsed.ok) return parsed.origins;
      ctx.addIssue({ code: 'custom', message: `"${parsed.bad}" is not an origin like http://localhost:8233` });
      return z.NEVER;
    })
    .meta({
      description: 'Comma-separated Temporal UI origins whose pages may call the codec server.',
      defaultText: "the embedded UI's",
    }),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error'])
    .default('warn')
    .meta({ description: 'Log level of every part `npm start` runs.' }),
});

export interface StackConfig {
  /** undefined: start the embedded dev server. */
  temporalAddress?: string;
  temporalPort: number;
  uiPort: number;
  /** The embedded dev server's SQLite file; undefined: .temporal/dev-server.sqlite. */
  dbFile?: string;
  /** undefined: start the embedded sandbox. */
  lumenBaseUrl?: string;
  consumerKey?: string;
  consumerSecret?: string;
  quoteValidity: string;
  sandboxPort: number;
  /** The embedded sandbox's daily change cap (modify and delete orders per customer since midnight GMT). */
  sandboxDailyChangeLimit?: number;
  webhookPort: number;
  webhookSecret: string;
  /** true when the secret was made up for this run (only with the embedded sandbox). */
  webhookSecretGenerated: boolean;
  codecServerPort: number;
  /** Browser origins the codec server answers; undefined: the embedded Web UI's. */
  codecServerOrigins?: string[];
  logLevel: string;
}

export class StackConfigError extends Error {}

export function readStackConfig(env: NodeJS.ProcessEnv): StackConfig {
  const parsed = stackEnvironment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new StackConfigError(`Invalid configuration for npm start:\n  - ${problems.join('\n  - ')}`);
  }
  const e = parsed.data;
  if (e.LUMEN_BASE_URL && !(e.LUMEN_CONSUMER_KEY && e.LUMEN_CONSUMER_SECRET)) {
    throw new StackConfigError('LUMEN_BASE_URL is set: LUMEN_CONSUMER_KEY and LUMEN_CONSUMER_SECRET are required too');
  }
  if (e.LUMEN_BASE_URL && !e.WEBHOOK_SECRET) {
    throw new StackConfigError(
      'LUMEN_BASE_URL is set: WEBHOOK_SECRET (the secret Lumen signs webhooks with) is required',
    );
  }
  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalPort: e.TEMPORAL_PORT,
    uiPort: e.TEMPORAL_UI_PORT,
    dbFile: e.TEMPORAL_DB_FILE,
    lumenBaseUrl: e.LUMEN_BASE_URL,
    consumerKey: e.LUMEN_CONSUMER_KEY,
    consumerSecret: e.LUMEN_CONSUMER_SECRET,
    quoteValidity: e.LUMEN_QUOTE_VALIDITY,
    sandboxPort: e.SANDBOX_PORT,
    sandboxDailyChangeLimit: e.SANDBOX_DAILY_CHANGE_LIMIT,
    webhookPort: e.WEBHOOK_PORT,
    // The embedded sandbox is told the secret, so a fresh one per run is as good as a configured one.
    webhookSecret: e.WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
    webhookSecretGenerated: !e.WEBHOOK_SECRET,
    codecServerPort: e.CODEC_SERVER_PORT,
    codecServerOrigins: e.CODEC_SERVER_ORIGINS,
    logLevel: e.LOG_LEVEL,
  };
}
