import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { getResult } from '../../client';
import { workflowIdFor } from '../../domain/names';
import { readStoredPayload } from '../env/codec';
import { sampleRequest, uniqueRequestId } from '../client/sample-request';
import type { ClientWorld } from '../client/world';
import { startCliWorld } from './cli-world';
import { BIN, BUILT_CLI, cliEnv, runCli } from './run-cli';

const taskQueue = 'cli-order';
let world: ClientWorld;
let env: TestWorkflowEnvironment;
let cli: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ world, env, cli } = await startCliWorld(taskQueue, ['1-CLI', '1-FILE']));
});

afterAll(async () => {
  await world?.stop();
});

function orderFlags(requestId: string, ...extra: string[]): string[] {
  return [
    'order',
    ['--request-id', requestId],
    ['--customer', '1-CLI'],
    ['--partner', 'Equinix'],
    ['--site', 'PL0001247634'],
    ['--speed', '100 Mbps'],
    ['--ipv4', '/29'],
    ['--service-name', 'My First NaaS'],
    ['--contact-name', 'First Last'],
    ['--contact-email', 'first.last@example.com'],
    ['--contact-phone', '+16157691234'],
    ['--contact-org', 'Org Name'],
    ['--poll-interval', '1 second'],
    extra,
  ].flat();
}

async function startedInput(requestId: string): Promise<unknown> {
  const history = await env.client.workflow.getHandle(workflowIdFor(requestId)).fetchHistory();
  return readStoredPayload(history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0]);
}

test('order from flags starts the provisioning and says how to follow it', async () => {
  const requestId = uniqueRequestId('CO');
  const run = await runCli(orderFlags(requestId, '--max-monthly-price', '$500', '--note', 'rack 12'), cli);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toContain(`Started provisioning ${requestId} as workflow iod-${requestId}`);
  expect(run.stdout).toContain(`on ${taskQueue}.`);
  expect(run.stdout).toContain(`lumen-iod watch ${requestId}`);
  expect(await startedInput(requestId)).toMatchObject({
    requestId,
    customerNumber: '1-CLI',
    site: { masterSiteId: 'PL0001247634' },
    contact: { name: 'First Last', organization: 'Org Name' },
    maxMonthlyPriceUsd: 500,
    note: 'rack 12',
    pollInterval: '1 second',
  });
});

test('order --file takes the request from JSON, flags override it field by field, and --json prints ids', async () => {
  const requestId = uniqueRequestId('CF');
  const dir = mkdtempSync(path.join(tmpdir(), 'lumen-iod-'));
  const file = path.join(dir, 'request.json');
  writeFileSync(file, JSON.stringify(sampleRequest({ requestId: 'FROM-FILE', customerNumber: '1-FILE' })));
  const run = await runCli(
    ['order', '--file', file, '--request-id', requestId, '--contact-email', 'ops@example.com', '--json'],
    cli,
  );
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    requestId,
    workflowId: `iod-${requestId}`,
    runId: expect.any(String),
    taskQueue,
    alreadyStarted: false,
  });
  expect(await startedInput(requestId)).toMatchObject({
    requestId,
    customerNumber: '1-FILE',
    contact: { name: 'First Last', email: 'ops@example.com', phone: '+16157691234' },
    activationTimeout: '72 hours',
  });
});

test('order --file - reads the request from stdin', async () => {
  const requestId = uniqueRequestId('CS');
  const run = await runCli(['order', '--file', '-'], cli, JSON.stringify(sampleRequest({ requestId })));
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Started provisioning ${requestId}`);
});

test('invalid flags exit 2, naming each field and its flag, and nothing is started', async () => {
  const requestId = uniqueRequestId('CBAD');
  const run = await runCli(
    orderFlags(
      requestId,
      '--speed',
      'fast',
      '--contact-email',
      'nope',
      '--ipv4',
      '/27',
      '--max-monthly-price',
      'cheap',
    ),
    cli,
  );
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines[0]).toBe('error: invalid request, nothing was started:');
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^error: {3}speed \(--speed\): must be a speed/),
      expect.stringMatching(/^error: {3}contact\.email \(--contact-email\): must be an email address/),
      expect.stringMatching(/^error: {3}ipv4BlockSize \(--ipv4\): must be one of/),
      expect.stringMatching(/^error: {3}maxMonthlyPriceUsd \(--max-monthly-price\): /),
    ]),
  );
  expect(lines).toHaveLength(5);
  await expect(env.client.workflow.getHandle(workflowIdFor(requestId)).describe()).rejects.toThrow(
    WorkflowNotFoundError,
  );
});

test('missing fields, an unknown flag and an unreadable file are usage errors (2)', async () => {
  const missing = await runCli(['order', '--request-id', 'R-MISSING'], cli);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('error:   customerNumber (--customer): is required');
  expect(missing.stderr).toContain('error:   contact (--contact-name, --contact-email');

  const unknown = await runCli(['order', '--colour', 'red'], cli);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("error: unknown option '--colour'");

  const noFile = await runCli(['order', '--file', '/nonexistent/request.json'], cli);
  expect(noFile.code).toBe(2);
  expect(noFile.stderr).toMatch(/^error: cannot read --file \/nonexistent\/request\.json: /);
  expect(noFile.stderr.trim().split('\n')).toHaveLength(1);
});

test('the same order again is not started twice (exit 0); another request under its id is refused with exit 4', async () => {
  const requestId = uniqueRequestId('CDUP');
  const first = await runCli(orderFlags(requestId, '--json'), cli);
  expect(first.code).toBe(0);
  const { runId } = JSON.parse(first.stdout);

  const again = await runCli(orderFlags(requestId, '--wait'), cli);
  expect(again).toMatchObject({ code: 0, stderr: '' });
  expect(again.stdout).toContain(
    `Provisioning ${requestId} was already started with this same request as workflow iod-${requestId} (run ${runId}) on ${taskQueue}; it was not started again.`,
  );
  expect(again.stdout).toContain(`Provisioning ${requestId} is ACTIVE`);

  const other = await runCli(orderFlags(requestId, '--speed', '1 Gbps'), cli);
  expect(other.code).toBe(4);
  expect(other.stderr).toBe(
    `error: a provisioning for request ${requestId} already exists (workflow iod-${requestId}); it was started with a different request (a retried start must send the identical request; a new request needs a new request id)\n`,
  );
});

test('order --watch prints each step, the quote, the order, the service and the outcome, then exits 0', async () => {
  const requestId = uniqueRequestId('CW');
  const run = await runCli(orderFlags(requestId, '--watch', '--interval', '200ms'), cli);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  const lines = run.stdout.trim().split('\n');
  const time = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ`;
  for (const step of [
    'FIND_PROVIDER',
    'BROWSE_LOCATIONS',
    'QUALIFY',
    'PRICE',
    'BILLING',
    'ORDER',
    'AWAIT_ACTIVATION',
  ]) {
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${time}  ${step} {2,}\\S`)));
  }
  const { quoteId, orderId, serviceId } = await getResult(env.client, requestId);
  expect(lines).toContainEqual(
    expect.stringMatching(new RegExp(`^${time}  quote +${quoteId}: \\$331\\.20/month, valid until ${time}$`)),
  );
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${time}  order +${orderId}$`)));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${time}  service +${serviceId}$`)));
  expect(lines.at(-1)).toBe(
    `Provisioning ${requestId} is ACTIVE: service ${serviceId}, order ${orderId}, $331.20/month.`,
  );
  // Plain lines when stdout is a pipe: no colours, no carriage returns.
  expect(run.stdout).not.toContain('\u001b');
  expect(run.stdout).not.toContain('\r');
});

test('order --wait exits 1 with the failure when the provisioning fails', async () => {
  const requestId = uniqueRequestId('CWF');
  const run = await runCli(orderFlags(requestId, '--partner', 'Nowhere', '--wait'), cli);
  expect(run.code).toBe(1);
  expect(run.stdout.trim().split('\n').at(-1)).toBe(
    `Provisioning ${requestId} FAILED (PartnerNotFound): Lumen has no partner named "Nowhere" for customer 1-CLI; ` +
      'partners offered: Equinix, Digital Realty, Cologix, CoreSite',
  );
});

test('order --wait --json prints the result as JSON', async () => {
  const requestId = uniqueRequestId('CWJ');
  const run = await runCli(orderFlags(requestId, '--wait', '--json'), cli);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    requestId,
    status: 'ACTIVE',
    result: { serviceId: expect.any(String), monthlyPriceUsd: '331.20' },
  });
});

test('an unreachable Temporal exits 5 with one line, and --help documents the exit codes', async () => {
  const run = await runCli(orderFlags(uniqueRequestId('CU')), cliEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1' }));
  expect(run.code).toBe(5);
  expect(run.stderr).toMatch(/^error: cannot reach Temporal at 127\.0\.0\.1:1: .+\n$/);

  const help = await runCli(['--help'], cliEnv());
  expect(help.code).toBe(0);
  for (const command of ['order', 'status', 'watch', 'approve', 'cancel', 'list'])
    expect(help.stdout).toContain(command);
  expect(help.stdout).toContain('Exit codes:');
  expect(help.stdout).toMatch(/^ {2}5 {3}cannot reach Temporal/m);
});

test('the lumen-iod bin runs the built CLI, building dist/ first when it is older than the sources', async () => {
  // An old dist/ (or none, on a fresh clone) must be rebuilt before it runs.
  if (existsSync(BUILT_CLI)) utimesSync(BUILT_CLI, new Date('2000-01-01'), new Date('2000-01-01'));
  const requestId = uniqueRequestId('CB');
  const run = await runCli(orderFlags(requestId, '--wait'), cli, undefined, [BIN]);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe(
    'lumen-iod: building dist/ from client/, codec/ and domain/ (they changed since the last build)\n',
  );
  expect(run.stdout).toContain(`Provisioning ${requestId} is ACTIVE`);
  expect(statSync(BUILT_CLI).mtimeMs).toBeGreaterThan(Date.now() - 120_000);

  const fresh = await runCli(['--help'], cliEnv(), undefined, [BIN]);
  expect(fresh).toMatchObject({ code: 0, stderr: '' });
});
