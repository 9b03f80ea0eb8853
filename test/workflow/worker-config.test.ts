// The worker's configuration from the environment: defaults, every problem named at once, and secrets
// never echoed.
import { describeWorkerConfig, readWorkerConfig, WorkerConfigError } from '../../workers/config';
import { TEST_CODEC_ENV, TEST_PAYLOAD_CODEC_KEYS } from '../env/codec';

const KEY_MATERIAL = TEST_PAYLOAD_CODEC_KEYS.split(':')[1];
const LUMEN = {
  ...TEST_CODEC_ENV,
  LUMEN_BASE_URL: 'https://api-test.lumen.com',
  LUMEN_CONSUMER_KEY: 'key-123',
  LUMEN_CONSUMER_SECRET: 'hunter2-secret',
  TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml', // keep a developer's own profile out of the test
};

function problemsOf(env: NodeJS.ProcessEnv): WorkerConfigError {
  try {
    readWorkerConfig(env);
  } catch (error) {
    if (error instanceof WorkerConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

test('only the Lumen credentials and the payload keys are required; everything else has a default', () => {
  const config = readWorkerConfig(LUMEN);
  expect(config).toEqual({
    payloadCodec: {
      encryption: 'aes-256-gcm',
      keys: [{ id: 'test-key-1', key: expect.anything() }],
      source: 'PAYLOAD_CODEC_KEYS',
    },
    temporal: { connection: { address: 'localhost:7233' }, namespace: 'default', taskQueue: 'lumen-iod' },
    lumen: {
      baseUrl: 'https://api-test.lumen.com',
      consumerKey: 'key-123',
      consumerSecret: 'hunter2-secret',
      quoteValidityMs: 15 * 60_000,
      inventoryLagMs: 10 * 60_000,
      maxRequestsPerSecond: 10,
    },
    metricsBindAddress: '127.0.0.1:9464',
    shutdownGraceMs: 30_000,
    logLevel: 'info',
  });
});

test('Temporal settings are read as the Temporal CLI reads them', () => {
  const config = readWorkerConfig({
    ...LUMEN,
    TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233',
    TEMPORAL_NAMESPACE: 'my-ns.a1b2c',
    TEMPORAL_API_KEY: 'cloud-api-key-value',
    TEMPORAL_TASK_QUEUE: 'lumen-iod-blue',
    LUMEN_QUOTE_VALIDITY: '10 minutes',
    LUMEN_INVENTORY_LAG: '2 minutes',
    LUMEN_MAX_REQUESTS_PER_SECOND: '2.5',
    METRICS_PORT: 'off',
    WORKER_SHUTDOWN_GRACE: '1 minute',
  });
  expect(config.temporal).toEqual({
    connection: expect.objectContaining({
      address: 'my-ns.a1b2c.tmprl.cloud:7233',
      apiKey: 'cloud-api-key-value',
      tls: true,
    }),
    namespace: 'my-ns.a1b2c',
    taskQueue: 'lumen-iod-blue',
  });
  expect(config.lumen.quoteValidityMs).toBe(600_000);
  expect(config.lumen.inventoryLagMs).toBe(120_000);
  expect(config.lumen.maxRequestsPerSecond).toBe(2.5);
  expect(config.metricsBindAddress).toBeUndefined();
  expect(config.shutdownGraceMs).toBe(60_000);

  const summary = JSON.stringify(describeWorkerConfig(config));
  expect(summary).toContain('"temporalApiKeySet":true');
  expect(summary).toContain('"lumenMaxRequestsPerSecond":2.5');
  expect(summary).not.toContain('cloud-api-key-value');
  expect(summary).not.toContain('hunter2-secret');
  expect(summary).not.toContain('key-123');
  expect(summary).toContain('"payloadCodec":"AES-256-GCM with key test-key-1 (from PAYLOAD_CODEC_KEYS)"');
  expect(summary).not.toContain(KEY_MATERIAL);
});

test('every bad or missing variable is named in one error, without echoing secret values', () => {
  const error = problemsOf({
    LUMEN_BASE_URL: 'ftp://user:hunter2-secret@example.com',
    LUMEN_CONSUMER_SECRET: '',
    LUMEN_QUOTE_VALIDITY: 'a while',
    METRICS_PORT: '99999',
    TEMPORAL_ADDRESS: 'no port here',
    TEMPORAL_CONFIG_FILE: LUMEN.TEMPORAL_CONFIG_FILE,
  });
  for (const variable of [
    'PAYLOAD_CODEC_KEYS',
    'LUMEN_BASE_URL',
    'LUMEN_CONSUMER_KEY',
    'LUMEN_CONSUMER_SECRET',
    'LUMEN_QUOTE_VALIDITY',
    'METRICS_PORT',
    'TEMPORAL_ADDRESS',
  ]) {
    expect(error.message).toContain(`${variable}:`);
  }
  expect(error.problems).toHaveLength(7);
  expect(error.message).toContain('openssl rand -base64 32');
  expect(error.message).toContain('PAYLOAD_CODEC=off');
  expect(error.message).not.toContain('hunter2-secret');
});

test('a ceiling on requests to Lumen that is not a positive number up to 1000 is refused, naming the variable', () => {
  for (const value of ['0', '-5', 'ten', '1e3', '10 rps', '1001', '']) {
    expect(problemsOf({ ...LUMEN, LUMEN_MAX_REQUESTS_PER_SECOND: value }).problems).toEqual([
      `LUMEN_MAX_REQUESTS_PER_SECOND: "${value}" is not a number of requests per second above 0 and at most 1000, like 10 or 2.5`,
    ]);
  }
  expect(readWorkerConfig({ ...LUMEN, LUMEN_MAX_REQUESTS_PER_SECOND: ' 1000 ' }).lumen.maxRequestsPerSecond).toBe(1000);
});

test('PAYLOAD_CODEC=off is the explicit way to a worker with plain payloads', () => {
  const { PAYLOAD_CODEC_KEYS: _keys, ...plain } = LUMEN;
  expect(readWorkerConfig({ ...plain, PAYLOAD_CODEC: 'off' }).payloadCodec).toEqual({ encryption: 'off' });
  expect(describeWorkerConfig(readWorkerConfig({ ...plain, PAYLOAD_CODEC: 'off' })).payloadCodec).toMatch(/^off/);
});

test('a malformed key is refused with the entry and key id named, and no key material', () => {
  const short = Buffer.alloc(16, 7).toString('base64');
  const error = problemsOf({ ...LUMEN, PAYLOAD_CODEC_KEYS: `new:${short},${KEY_MATERIAL}` });
  expect(error.problems).toEqual([
    'PAYLOAD_CODEC_KEYS: entry 1 (key id "new"): the key is 16 bytes; AES-256 needs 32 (`openssl rand -base64 32`); ' +
      'entry 2 has no key id: write id:base64key',
  ]);
  expect(error.message).not.toContain(short);
  expect(error.message).not.toContain(KEY_MATERIAL);
});
