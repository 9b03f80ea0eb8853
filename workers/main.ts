// `npm run worker`: the provisioning worker alone, configured from the environment.
import { createLogger } from '../logging/logger';
import { describeWorkerConfig, readWorkerConfig, WorkerConfigError } from './config';
import { installWorkerRuntime } from './runtime';
import { runWorker } from './worker';

async function main(): Promise<void> {
  const logger = createLogger('worker');
  let config;
  try {
    config = readWorkerConfig(process.env);
  } catch (error) {
    if (!(error instanceof WorkerConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  logger.level = config.logLevel;
  installWorkerRuntime(config, logger);
  // The summary says which settings are set, never their secret values.
  logger.info(describeWorkerConfig(config), 'starting the provisioning worker');
  await runWorker(config, { logger });
}

main().catch((error: unknown) => {
  process.stderr.write(`The worker stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
