// `npm start`: the whole stack on one machine, supervised: payload encryption and its codec server,
// Temporal dev server (Web UI, SQLite), Lumen sandbox, webhook receiver registered with the sandbox, and
// the worker. Ctrl-C stops everything; starting again resumes unfinished provisionings from the SQLite file.
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '../codec/data-converter';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET, createSandbox } from '../sandbox/server';
import { parseDuration } from '../domain/duration';
import { createLogger } from '../logging/logger';
import { readStackConfig, StackConfigError, type StackConfig } from '../local-stack/config';
import { startPayloadEncryption } from '../local-stack/payload-encryption';
import { ShutdownList } from '../local-stack/shutdown';
import { startDevServer } from '../temporal-servers/dev-server';
import { TEMPORAL_HOME } from '../temporal-servers/paths';
import { createWebhookReceiver } from '../webhooks/server';
import { readWorkerConfig } from '../workers/config';
import { installWorkerRuntime } from '../workers/runtime';
import { runWorker } from '../workers/worker';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);
const shutdown = new ShutdownList();

const dbFileOf = (config: StackConfig) => config.dbFile ?? path.join(TEMPORAL_HOME, 'dev-server.sqlite');

async function startTemporal(config: StackConfig, shutdown: ShutdownList, codecEndpoint?: string): Promise<string> {
  if (config.temporalAddress) {
    say(`using the Temporal server at ${config.temporalAddress} (TEMPORAL_ADDRESS)`);
    return config.temporalAddress;
  }
  const dbFile = dbFileOf(config);
  say('starting the Temporal dev server');
  const server = await startDevServer({
    port: config.temporalPort,
    uiPort: config.uiPort,
    dbFile,
    uiCodecEndpoint: codecEndpoint,
  });
  shutdown.add('Temporal dev server', server.stop);
  say(`Temporal dev server at ${server.address}, state in ${path.relative(process.cwd(), dbFile)}`);
  say(`Temporal Web UI: ${server.uiUrl}${codecEndpoint ? ', showing payloads decrypted by the codec server' : ''}`);
  return server.address;
}

async function startLumen(config: StackConfig, shutdown: ShutdownList) {
  if (config.lumenBaseUrl) {
    say(`using Lumen at ${config.lumenBaseUrl} (LUMEN_BASE_URL)`);
    return { baseUrl: config.lumenBaseUrl, sandbox: undefined };
  }
  const sandbox = await createSandbox({
    // Beside the dev server's SQLite file, so a resumed provisioning finds the order it placed.
    stateFile: path.join(path.dirname(dbFileOf(config)), 'sandbox-state.json'),
    port: config.sandboxPort,
    consumerKey: config.consumerKey ?? DEFAULT_CONSUMER_KEY,
    consumerSecret: config.consumerSecret ?? DEFAULT_CONSUMER_SECRET,
    quoteValidityMs: parseDuration(config.quoteValidity),
    dailyChangeLimit: config.sandboxDailyChangeLimit,
  });
  shutdown.add('Lumen sandbox', () => sandbox.close());
  say(`Lumen sandbox at ${sandbox.url} (customer 1-SANDBOX)`);
  return { baseUrl: sandbox.url, sandbox };
}

async function main(): Promise<void> {
  const config = readStackConfig(process.env);
  const logger = createLogger('lumen-iod', { level: config.logLevel });
  shutdown.onSignals(say);

  const encryption = await startPayloadEncryption(config, process.env, {
    say,
    logger: logger.child({ component: 'codec-server' }),
    shutdown,
  });
  const temporalAddress = await startTemporal(config, shutdown, encryption.codecEndpoint);
  const lumen = await startLumen(config, shutdown);

  const workerConfig = readWorkerConfig({
    ...process.env,
    ...encryption.env,
    TEMPORAL_ADDRESS: temporalAddress,
    LUMEN_BASE_URL: lumen.baseUrl,
    LUMEN_CONSUMER_KEY: config.consumerKey ?? DEFAULT_CONSUMER_KEY,
    LUMEN_CONSUMER_SECRET: config.consumerSecret ?? DEFAULT_CONSUMER_SECRET,
    LUMEN_QUOTE_VALIDITY: config.quoteValidity,
    LOG_LEVEL: config.logLevel,
    // A price waiting for approval shows in this log unless notifications are sent elsewhere.
    NOTIFY_WEBHOOK_URL: process.env.NOTIFY_WEBHOOK_URL ?? 'log',
  });
  installWorkerRuntime(workerConfig, logger.child({ component: 'temporal-sdk' }));

  const connection = await Connection.connect(workerConfig.temporal.connection);
  shutdown.add('Temporal client connection', () => connection.close());
  const client = new Client({
    connection,
    namespace: workerConfig.temporal.namespace,
    dataConverter: dataConverterFor(workerConfig.payloadCodec),
  });
  const receiver = await createWebhookReceiver({
    client,
    secret: config.webhookSecret,
    port: config.webhookPort,
    logger: logger.child({ component: 'webhooks' }),
  });
  shutdown.add('webhook receiver', () => receiver.close());
  say(`webhook receiver at ${receiver.url}`);
  if (lumen.sandbox) {
    await lumen.sandbox.admin.setWebhook({ url: receiver.url, secret: config.webhookSecret });
    say('the sandbox sends its order events to the receiver, signed with a secret made for this run');
  }

  const stopWorker = new AbortController();
  const worker = runWorker(workerConfig, { logger: logger.child({ component: 'worker' }), signal: stopWorker.signal });
  shutdown.add('worker', async () => {
    stopWorker.abort();
    await worker;
  });
  worker.catch((error: unknown) => {
    say(`the worker stopped: ${error instanceof Error ? error.message : String(error)}`);
    void shutdown.stopAll(say).then(() => process.exit(1));
  });
  say(`worker polling task queue ${workerConfig.temporal.taskQueue}`);
  const notifyTarget = workerConfig.notifications?.target;
  say(
    notifyTarget?.kind === 'http'
      ? `notifications go to ${new URL(notifyTarget.url).origin} (NOTIFY_WEBHOOK_URL)`
      : notifyTarget?.kind === 'log'
        ? 'notifications (a price waiting for approval, a failure) are written to this log'
        : 'notifications are off (NOTIFY_WEBHOOK_URL is empty)',
  );
  say('ready. Place a sample order and watch it to ACTIVE:');
  say('  npm run demo');
  say('or, with your own request:');
  say('  npx lumen-iod order --file examples/request.json --request-id MY-ORDER-1 --watch');
  say('Ctrl-C stops everything; npm start again resumes unfinished provisionings.');
}

main().catch((error: unknown) => {
  const message = error instanceof StackConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`[start] ${message}\n`);
  void shutdown.stopAll(say).then(() => process.exit(1));
});
