// `npm run codec-server`: the codec server alone, for the Temporal UI and CLI of a cluster or Temporal
// Cloud. Configured from the environment (see docs/payload-encryption.md); stops on SIGINT/SIGTERM.
import { createLogger } from '../logging/logger';
import { EncryptionCodec } from '../codec/encryption-codec';
import { createCodecServer } from './server';
import { CodecServerConfigError, readCodecServerConfig } from './config';
import { describePayloadCodec } from '../codec/settings';

async function main(): Promise<void> {
  const logger = createLogger('codec-server');
  const config = readCodecServerConfig(process.env);
  const server = await createCodecServer({
    codec: new EncryptionCodec(config.payloadCodec.keys),
    logger,
    allowedOrigins: config.origins,
    token: config.token,
    port: config.port,
    host: config.host,
  });
  logger.info({ payloadCodec: describePayloadCodec(config.payloadCodec), url: server.url }, 'codec server ready');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => logger.info('codec server stopped'));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof CodecServerConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`codec-server: ${message}\n`);
  process.exit(error instanceof CodecServerConfigError ? 2 : 1);
});
