// `npm run webhooks`: the webhook receiver alone, signalling the Temporal server named by
// TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE (and TEMPORAL_API_KEY / TEMPORAL_TLS_* for Temporal Cloud).
import { Client } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { dataConverterFor } from '../codec/data-converter';
import { describePayloadCodec, readPayloadCodecSettings } from '../codec/settings';
import { createLogger } from '../logging/logger';
import { installWorkerRuntime } from '../workers/runtime';
import { readWebhookConfig } from './config';
import { createWebhookReceiver } from './server';

async function main(): Promise<void> {
  const logger = createLogger('webhooks');
  const config = readWebhookConfig(process.env);
  // The signals carry Lumen's events into workflow history: encrypted like every other payload.
  const payloadCodec = readPayloadCodecSettings(process.env);
  // The same variables and profile files the Temporal CLI reads.
  const { connectionOptions, namespace } = loadClientConnectConfig();
  const address = connectionOptions.address ?? 'localhost:7233';
  // Signals go through the SDK's Rust core, as the worker's calls do: a quarter less CPU a webhook than
  // @temporalio/client's own gRPC stack. Its logs join the receiver's; the receiver itself decides
  // what SIGINT and SIGTERM do.
  installWorkerRuntime({ logLevel: process.env.LOG_LEVEL ?? 'info', shutdownSignals: [] }, logger);
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect({ ...connectionOptions, address });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not connect to Temporal at ${address} (TEMPORAL_ADDRESS): ${reason}`);
  }
  const client = new Client({ connection, namespace, dataConverter: dataConverterFor(payloadCodec) });
  const receiver = await createWebhookReceiver({ client, ...config, logger });
  logger.info(
    {
      temporal: address,
      namespace: client.options.namespace,
      url: receiver.url,
      payloadCodec: describePayloadCodec(payloadCodec),
    },
    'webhook receiver ready',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the webhook receiver');
    receiver
      .close()
      .then(() => connection.close())
      .catch((error: unknown) => {
        logger.error({ error: error instanceof Error ? error.message : String(error) }, 'unclean shutdown');
        process.exitCode = 1;
      });
  };
  // Repeats are ignored: a terminal's Ctrl+C reaches this process both directly and relayed by tsx.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A missing WEBHOOK_SECRET or key, or an unreachable Temporal, is one plain line, not a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`webhooks: ${message}\n`);
  process.exit(1);
});
