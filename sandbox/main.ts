// `npm run sandbox`: the Lumen sandbox alone, configured from the environment.
import pino from 'pino';
import { z } from 'zod';
import { parseDuration } from '../domain/duration';
import { createSandbox } from './server';

const duration = z
  .string()
  .optional()
  .refine((text) => text === undefined || parseDuration(text) !== undefined, 'must be a duration like "15 minutes"')
  .transform((text) => (text === undefined ? undefined : parseDuration(text)));

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(8089),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  LUMEN_CONSUMER_KEY: z.string().min(1).optional(),
  LUMEN_CONSUMER_SECRET: z.string().min(1).optional(),
  LUMEN_QUOTE_VALIDITY: duration,
  SANDBOX_ACTIVATION_DELAY: duration,
  // Unset or empty: no cap.
  SANDBOX_DAILY_CHANGE_LIMIT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number('must be a whole number of changes').int('must be a whole number').min(0).optional(),
  ),
  SANDBOX_REQUEST_LOG_LIMIT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number('must be a whole number of requests').int('must be a whole number').min(1).optional(),
  ),
});

async function main(): Promise<void> {
  const log = pino({ name: 'lumen-sandbox' });
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) log.error(`${issue.path.join('.')}: ${issue.message}`);
    process.exitCode = 1;
    return;
  }
  const env = parsed.data;
  const sandbox = await createSandbox({
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    consumerKey: env.LUMEN_CONSUMER_KEY,
    consumerSecret: env.LUMEN_CONSUMER_SECRET,
    quoteValidityMs: env.LUMEN_QUOTE_VALIDITY,
    activationDelayMs: env.SANDBOX_ACTIVATION_DELAY,
    dailyChangeLimit: env.SANDBOX_DAILY_CHANGE_LIMIT,
    requestLogLimit: env.SANDBOX_REQUEST_LOG_LIMIT,
  });
  log.info({ url: sandbox.url, customer: '1-SANDBOX' }, `Lumen sandbox listening on ${sandbox.url}`);

  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'stopping the Lumen sandbox');
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
