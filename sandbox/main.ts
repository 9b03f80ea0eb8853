// `npm run sandbox`: the Lumen sandbox alone, configured from the environment.
import pino from 'pino';
import { sandboxEnvironment } from './environment';
import { createSandbox } from './server';

async function main(): Promise<void> {
  const log = pino({ name: 'lumen-sandbox' });
  const parsed = sandboxEnvironment.safeParse(process.env);
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
