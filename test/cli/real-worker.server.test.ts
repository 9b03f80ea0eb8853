// End to end: the real worker (workers/createWorker) with the real workflow against the Lumen sandbox,
// driven only through the lumen-iod command line, as an operator would.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND } from '../../workers/config';
import { createWorker, type CreatedWorker } from '../../workers/worker';
import { TEST_PAYLOAD_CODEC } from '../env/codec';
import { startDevEnvironment } from '../env/temporal';
import { eventually } from '../client/eventually';
import { uniqueRequestId } from '../client/sample-request';
import { cliEnv, runCli } from './run-cli';

const taskQueue = 'cli-real-worker';
const MONROE = 'PL0001247634';
let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let created: CreatedWorker;
let running: Promise<void>;
let cli: NodeJS.ProcessEnv;

beforeAll(async () => {
  [env, sandbox] = await Promise.all([startDevEnvironment(), createSandbox({ port: 0, activationDelayMs: 300 })]);
  created = await createWorker(
    {
      temporal: { connection: { address: env.address }, namespace: env.namespace ?? 'default', taskQueue },
      lumen: {
        baseUrl: sandbox.url,
        consumerKey: 'sandbox-key',
        consumerSecret: 'sandbox-secret',
        quoteValidityMs: 15 * 60_000,
        inventoryLagMs: 10 * 60_000,
        maxRequestsPerSecond: DEFAULT_LUMEN_MAX_REQUESTS_PER_SECOND,
      },
      payloadCodec: TEST_PAYLOAD_CODEC,
      shutdownGraceMs: 1_000,
      logLevel: 'silent',
    },
    { connection: env.nativeConnection, logger: pino({ level: 'silent' }) },
  );
  running = created.worker.run();
  cli = cliEnv({ TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue });
});

afterAll(async () => {
  created?.worker.shutdown();
  await running;
  await created?.close();
  await sandbox?.close();
  await env?.teardown();
});

test('lumen-iod order --watch provisions through the sandbox and exits 0 when ACTIVE', async () => {
  const requestId = uniqueRequestId('E2E');
  const run = await runCli(
    [
      'order',
      ['--request-id', requestId],
      ['--customer', '1-SANDBOX'],
      ['--partner', 'equinix'],
      ['--site', MONROE],
      ['--speed', '100 Mbps'],
      ['--ipv4', '/29'],
      ['--service-name', 'CLI end to end'],
      ['--contact-name', 'First Last'],
      ['--contact-email', 'first.last@example.com'],
      ['--contact-phone', '615-769-1234'],
      ['--contact-org', 'Org Name'],
      ['--poll-interval', '1 second'],
      ['--activation-timeout', '2 minutes'],
      ['--watch', '--interval', '250ms'],
    ].flat(),
    cli,
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  for (const step of ['FIND_PROVIDER', 'PRICE', 'BILLING', 'ORDER', 'AWAIT_ACTIVATION', 'ACTIVE']) {
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\S+ \\S+Z  ${step} {2,}\\S`)));
  }
  expect(lines).toContainEqual(expect.stringMatching(/ {2}quote {2,}\S+: \$\d+\.\d\d\/month, valid until /));
  const last = lines.at(-1) ?? '';
  const [, serviceId, orderId] =
    /^Provisioning \S+ is ACTIVE: service (\S+), order (\S+), \$\d+\.\d\d\/month\.$/.exec(last) ?? [];
  expect(serviceId).toBeDefined();
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`  order {2,}${orderId}$`)));

  const status = await runCli(['status', requestId, '--json'], cli);
  expect(JSON.parse(status.stdout)).toMatchObject({
    summary: { status: 'Completed' },
    progress: { step: 'ACTIVE', orderId, serviceId },
    outcome: { status: 'ACTIVE', result: { requestId, masterSiteId: MONROE, serviceId, orderId } },
  });
  await eventually(async () => {
    const list = await runCli(['list', '--service', serviceId, '--json'], cli);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ requestId, customerNumber: '1-SANDBOX', step: 'ACTIVE', orderId, serviceId }),
    ]);
  });
});

const quoteFlags = (requestId: string, speed: string) =>
  [
    'quote',
    ['--request-id', requestId],
    ['--customer', '1-SANDBOX'],
    ['--partner', 'equinix'],
    ['--site', MONROE],
    ['--speed', speed],
    ['--ipv4', '/29'],
    ['--service-name', 'CLI price first'],
    ['--contact-name', 'First Last'],
    ['--contact-email', 'first.last@example.com'],
    ['--contact-phone', '615-769-1234'],
    ['--contact-org', 'Org Name'],
  ].flat();

test('lumen-iod quote --json prices a request at the site with its offered speeds, and orders nothing', async () => {
  const requestId = uniqueRequestId('PRICE');
  const run = await runCli([...quoteFlags(requestId, '1 Gbps'), '--json'], cli);
  expect(run.code).toBe(0);
  const quote = JSON.parse(run.stdout);
  expect(quote).toEqual({
    requestId,
    partnerId: expect.any(String),
    masterSiteId: MONROE,
    site: expect.stringContaining('Monroe'),
    speed: '1 Gbps',
    quoteId: expect.any(String),
    expiresAt: expect.any(String),
    hourlyUsd: expect.stringMatching(/^\d+\.\d\d$/),
    monthlyUsd: expect.stringMatching(/^\d+\.\d\d$/),
    billingAccountId: expect.any(String),
    offeredSpeeds: expect.arrayContaining(['100 Mbps', '1 Gbps']),
  });
  // Monthly is hourly × 720 (Lumen's rule), and the quote is valid for about 15 minutes.
  expect(Math.round(Number(quote.hourlyUsd) * 72_000)).toBe(Math.round(Number(quote.monthlyUsd) * 100));
  expect(Date.parse(quote.expiresAt) - Date.now()).toBeGreaterThan(10 * 60_000);
  expect(await sandbox.admin.orders({ externalId: requestId })).toEqual([]);

  const text = await runCli(quoteFlags(uniqueRequestId('PRICE'), '100 Mbps'), cli);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^Quote \S+ for request \S+: 100 Mbps at \$\d+\.\d\d\/hour, \$\d+\.\d\d\/month$/m);
  expect(text.stdout).toContain('Nothing was ordered');
});

test('lumen-iod quote of a speed the site does not offer exits 1 naming the speeds it offers', async () => {
  const run = await runCli(quoteFlags(uniqueRequestId('PRICE'), '7 Mbps'), cli);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/SpeedNotOffered/);
  expect(run.stderr).toMatch(
    /quote for request \S+ ended SpeedNotOffered: .*does not offer 7 Mbps; it offers .*100 Mbps/,
  );
});

test('lumen-iod quote refuses a bad request before anything runs, naming the flag', async () => {
  const run = await runCli(['quote', '--request-id', 'bad id!', '--speed', 'fast'], cli);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--request-id');
  expect(run.stderr).toContain('--speed');
});
