// The worker's configuration from the environment: defaults, every problem named at once, and secrets
// never echoed.
import { describeWorkerConfig, readWorkerConfig, WorkerConfigError } from '../../workers/config';
import { DEFAULT_TUNING, workerOptionsFor } from '../../workers/tuning';
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
    reconcileIntervalMs: 3_600_000,
    logLevel: 'info',
    tuning: DEFAULT_TUNING,
    tracing: { exporter: 'none' },
  });
});

test('LUMEN_RECONCILE_INTERVAL: a duration of a second or more, or off; anything else is named', () => {
  expect(readWorkerConfig({ ...LUMEN, LUMEN_RECONCILE_INTERVAL: '5 seconds' }).reconcileIntervalMs).toBe(5_000);
  expect(readWorkerConfig({ ...LUMEN, LUMEN_RECONCILE_INTERVAL: 'off' }).reconcileIntervalMs).toBe('off');
  expect(describeWorkerConfig(readWorkerConfig({ ...LUMEN, LUMEN_RECONCILE_INTERVAL: 'OFF' }))).toMatchObject({
    reconcileInterval: 'off',
  });
  for (const bad of ['500 ms', 'hourly']) {
    expect(problemsOf({ ...LUMEN, LUMEN_RECONCILE_INTERVAL: bad }).problems).toEqual([
      expect.stringMatching(/^LUMEN_RECONCILE_INTERVAL: .*at least 1 second.*"off"/),
    ]);
  }
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

test('the cache, slots and pollers come from WORKER_* variables and reach the SDK under its own names', () => {
  const config = readWorkerConfig({
    ...LUMEN,
    WORKER_MAX_CACHED_WORKFLOWS: '250',
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
    WORKER_MAX_CONCURRENT_ACTIVITIES: '50',
    WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '30',
    WORKER_WORKFLOW_TASK_POLLERS: ' 8 ',
    WORKER_ACTIVITY_TASK_POLLERS: '4',
    WORKER_WORKFLOW_THREADS: '3',
  });
  expect(workerOptionsFor(config.tuning ?? DEFAULT_TUNING)).toEqual({
    maxCachedWorkflows: 250,
    maxConcurrentWorkflowTaskExecutions: 20,
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentLocalActivityExecutions: 30,
    maxConcurrentWorkflowTaskPolls: 8,
    maxConcurrentActivityTaskPolls: 4,
    workflowThreadPoolSize: 3,
  });
  expect(describeWorkerConfig(config).tuning).toEqual(config.tuning);
  expect(readWorkerConfig({ ...LUMEN, WORKER_MAX_CACHED_WORKFLOWS: '0' }).tuning?.maxCachedWorkflows).toBe(0);
});

test('a tuning value that is not a number, too small, or beyond what the SDK allows is refused by name', () => {
  const malformed = problemsOf({
    ...LUMEN,
    WORKER_MAX_CACHED_WORKFLOWS: 'lots',
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1',
    WORKER_MAX_CONCURRENT_ACTIVITIES: '-5',
    WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '2.5',
    WORKER_WORKFLOW_TASK_POLLERS: '0',
    WORKER_ACTIVITY_TASK_POLLERS: '0',
    WORKER_WORKFLOW_THREADS: '0',
  });
  expect(malformed.problems).toEqual([
    'WORKER_MAX_CACHED_WORKFLOWS: "lots" is not a whole number of workflows (0: no cache) of at least 0',
    'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: "1" is not a whole number of slots of at least 2',
    'WORKER_MAX_CONCURRENT_ACTIVITIES: "-5" is not a whole number of slots of at least 1',
    'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: "2.5" is not a whole number of slots of at least 1',
    'WORKER_WORKFLOW_TASK_POLLERS: "0" is not a whole number of pollers of at least 2',
    'WORKER_ACTIVITY_TASK_POLLERS: "0" is not a whole number of pollers of at least 1',
    'WORKER_WORKFLOW_THREADS: "0" is not a whole number of threads of at least 1',
  ]);

  const inconsistent = problemsOf({
    ...LUMEN,
    WORKER_MAX_CACHED_WORKFLOWS: '10',
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
    WORKER_WORKFLOW_TASK_POLLERS: '30',
    WORKER_MAX_CONCURRENT_ACTIVITIES: '5',
    WORKER_ACTIVITY_TASK_POLLERS: '6',
  });
  expect(inconsistent.problems).toEqual([
    expect.stringMatching(/^WORKER_WORKFLOW_TASK_POLLERS: 30 is more than WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(20\)/),
    expect.stringMatching(/^WORKER_ACTIVITY_TASK_POLLERS: 6 is more than WORKER_MAX_CONCURRENT_ACTIVITIES \(5\)/),
    expect.stringMatching(/^WORKER_MAX_CACHED_WORKFLOWS: 10 is fewer than WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(20\)/),
  ]);
});

test('tracing is off unless an OTEL_* variable names an exporter, and then goes to the OTLP endpoint it names', () => {
  const tracingOf = (env: NodeJS.ProcessEnv) => readWorkerConfig({ ...LUMEN, ...env }).tracing;
  expect(tracingOf({})).toEqual({ exporter: 'none' });
  expect(describeWorkerConfig(readWorkerConfig(LUMEN)).tracing).toBe('off');
  expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
    exporter: 'otlp',
    tracesUrl: 'http://collector:4318/v1/traces',
  });
  // The signal's own endpoint is taken as it is written, as the specification says.
  expect(
    tracingOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/spans',
    }),
  ).toEqual({ exporter: 'otlp', tracesUrl: 'https://traces.example.com/otlp/spans' });
  expect(tracingOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
    exporter: 'otlp',
    tracesUrl: 'http://localhost:4318/v1/traces',
  });
  expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toEqual({
    exporter: 'none',
  });
  expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toEqual({
    exporter: 'none',
  });
  expect(
    tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }),
  ).toEqual({ exporter: 'otlp', tracesUrl: 'http://collector:4318/v1/traces' });

  const summary = describeWorkerConfig(
    readWorkerConfig({
      ...LUMEN,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://user:tr4ce-pass@traces.example.com/v1/traces?key=k',
    }),
  );
  expect(summary.tracing).toBe('OTLP http/protobuf to https://traces.example.com/v1/traces');
});

test('an exporter, protocol or endpoint the worker cannot use is refused by name, without echoing the endpoint', () => {
  const error = problemsOf({
    ...LUMEN,
    OTEL_TRACES_EXPORTER: 'zipkin',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector.internal:4317?token=tr4ce-secret',
  });
  expect(error.problems).toEqual([
    'OTEL_TRACES_EXPORTER: "zipkin" is not supported; use otlp (a collector over OTLP/HTTP) or none',
    'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "grpc" is not supported; the worker sends http/protobuf',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: not an http(s) URL like http://localhost:4318',
  ]);
  expect(error.message).not.toContain('tr4ce-secret');
  expect(
    problemsOf({
      ...LUMEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    }).problems,
  ).toEqual(['OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" is not supported; the worker sends http/protobuf']);
});

test('WORKER_WORKFLOW_BUNDLE_DIR names where the prebuilt workflow bundles are', () => {
  expect(readWorkerConfig(LUMEN).workflowBundleDir).toBeUndefined();
  expect(readWorkerConfig({ ...LUMEN, WORKER_WORKFLOW_BUNDLE_DIR: '/opt/bundles' }).workflowBundleDir).toBe(
    '/opt/bundles',
  );
  expect(problemsOf({ ...LUMEN, WORKER_WORKFLOW_BUNDLE_DIR: ' ' }).problems).toEqual([
    'WORKER_WORKFLOW_BUNDLE_DIR: must not be empty (leave it unset for dist/workflow-bundle)',
  ]);
});

test('WORKER_DEPLOYMENT_NAME turns Worker Versioning on; unset, the worker is unversioned', () => {
  expect(readWorkerConfig(LUMEN).deployment).toBeUndefined();
  expect(describeWorkerConfig(readWorkerConfig(LUMEN)).deployment).toBe('unversioned');
  expect(readWorkerConfig({ ...LUMEN, WORKER_DEPLOYMENT_NAME: 'lumen-iod' }).deployment).toEqual({ name: 'lumen-iod' });
  expect(
    readWorkerConfig({ ...LUMEN, WORKER_DEPLOYMENT_NAME: 'lumen-iod', WORKER_BUILD_ID: '1.0.0-rc.1' }).deployment,
  ).toEqual({ name: 'lumen-iod', buildId: '1.0.0-rc.1' });
});

test('a deployment name or build id the server would refuse, or a build id without a deployment, is named', () => {
  expect(problemsOf({ ...LUMEN, WORKER_DEPLOYMENT_NAME: 'lumen.iod' }).problems).toEqual([
    'WORKER_DEPLOYMENT_NAME: must be letters, digits, - and _, at most 255 characters, not starting with "__" (the Worker Deployment)',
  ]);
  expect(problemsOf({ ...LUMEN, WORKER_DEPLOYMENT_NAME: 'lumen-iod', WORKER_BUILD_ID: 'a b' }).problems).toEqual([
    'WORKER_BUILD_ID: must be letters, digits, ., +, - and _, at most 255 characters, not starting with "__" (this build)',
  ]);
  expect(problemsOf({ ...LUMEN, WORKER_BUILD_ID: '1.0.0-abc' }).problems).toEqual([
    'WORKER_BUILD_ID: set only with WORKER_DEPLOYMENT_NAME (a build id belongs to a deployment)',
  ]);
});
