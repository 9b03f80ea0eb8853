// npm start as a user runs it: the whole stack in one process, an order placed with the CLI and
// activated by a webhook the sandbox sent through the receiver, Ctrl-C, and a restart that resumes.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_KEY_FILE } from '../../codec/local-key-file';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { runCli, type CliProcess } from '../cli/run-cli';
import { ROOT, STACK_START_TIMEOUT_MS, stackEnv, startStack, stopStack } from './stack-process';

/** What `lumen-iod status --json` prints. */
interface StatusJson {
  progress?: { step: string; quote: { id: string } | null };
}

let dir: string;
let env: NodeJS.ProcessEnv;
let stack: CliProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'npm-start-'));
  env = await stackEnv(dir);
  stack = await startStack(env);
}, STACK_START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (stack && stack.child.exitCode === null) await stopStack(stack);
  await rm(dir, { recursive: true, force: true });
});

const clientEnv = () => ({ ...env, TEMPORAL_ADDRESS: `127.0.0.1:${env.TEMPORAL_PORT}` });

test('an order placed with the CLI is activated by the webhook the sandbox sent through the receiver', async () => {
  const run = await runCli(
    ['order', '--file', 'examples/request.json', '--request-id', 'STACK-1', '--poll-interval', '1 hour', '--watch'],
    clientEnv(),
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  // With polling an hour away, only the webhook can have activated it this fast.
  expect(run.stdout).toMatch(/ACTIVE\s+Service \d{11} is active \(webhook\)/);
  expect(run.stdout).toMatch(/Provisioning STACK-1 is ACTIVE/);
});

test('npm start encrypts with a key it keeps under .temporal/, out of git, and serves a loopback codec server', async () => {
  const running = stack!;
  expect(await running.waitForLine(/payload encryption: /)).toMatch(
    /payload encryption: AES-256-GCM with key local-[0-9a-f]{8} \(from .*\.temporal\/payload-codec\.keys\)$/,
  );
  const codecServer = `http://127.0.0.1:${env.CODEC_SERVER_PORT}`;
  expect(await running.waitForLine(/codec server at /)).toContain(`codec server at ${codecServer}`);
  expect((await stat(LOCAL_KEY_FILE)).mode & 0o777).toBe(0o600);
  expect(spawnSync('git', ['check-ignore', '-q', LOCAL_KEY_FILE], { cwd: ROOT }).status).toBe(0);

  // Loopback only, so no token; but a page of another origin gets nothing.
  const body = JSON.stringify({ payloads: [] });
  const cli = await fetch(`${codecServer}/decode`, { method: 'POST', body });
  expect(cli.status).toBe(200);
  const ui = await fetch(`${codecServer}/decode`, {
    method: 'POST',
    body,
    headers: { origin: `http://localhost:${env.TEMPORAL_UI_PORT}` },
  });
  expect(ui.headers.get('access-control-allow-origin')).toBe(`http://localhost:${env.TEMPORAL_UI_PORT}`);
  const foreign = await fetch(`${codecServer}/decode`, {
    method: 'POST',
    body,
    headers: { origin: 'https://evil.example' },
  });
  expect(foreign.status).toBe(403);
});

test('npm run demo places the example request and prints ACTIVE at the end', async () => {
  const demo = [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'scripts/demo.ts')];
  const run = await runCli([], clientEnv(), undefined, demo);
  expect(run.code).toBe(0);
  expect(run.stdout.trim().split('\n').at(-1)).toBe('ACTIVE');
  expect(run.stdout).toMatch(/Provisioning DEMO-[0-9A-Z]+ is ACTIVE/);
});

test(
  'Ctrl-C stops everything cleanly, and npm start again resumes an unfinished provisioning',
  async () => {
    const request = JSON.parse(await readFile(path.join(ROOT, 'examples/request.json'), 'utf8')) as object;
    const cheap = { ...request, requestId: 'STACK-2', maxMonthlyPriceUsd: 100 };
    const placed = await runCli(['order', '--file', '-'], clientEnv(), JSON.stringify(cheap));
    expect(placed.code).toBe(0);

    const waiting = () => waitForStep('STACK-2', 'AWAIT_APPROVAL');
    await waiting();

    // A second provisioning is left waiting for activation, which the sandbox will give 8 s after ordering.
    const sandbox = new SandboxAdmin(`http://127.0.0.1:${env.SANDBOX_PORT}`);
    await sandbox.setOutcome('STACK-3', { outcome: 'active', delayMs: 8_000 });
    const pending = await runCli(
      ['order', '--file', '-'],
      clientEnv(),
      JSON.stringify({ ...request, requestId: 'STACK-3' }),
    );
    expect(pending.code).toBe(0);
    await waitForStep('STACK-3', 'AWAIT_ACTIVATION');

    const stopped = stack!;
    expect(await stopStack(stopped)).toBe(0);
    const { stdout } = await stopped.done;
    for (const part of ['worker', 'webhook receiver', 'Lumen sandbox', 'Temporal dev server']) {
      expect(stdout).toContain(`stopped ${part}`);
    }

    stack = await startStack(env);
    await waiting();
    const rejected = await runCli(['approve', 'STACK-2', '--quote', await currentQuote(), '--reject'], clientEnv());
    expect(rejected.code).toBe(0);
    const outcome = await runCli(['watch', 'STACK-2'], clientEnv());
    expect(outcome.code).toBe(1);
    expect(outcome.stdout + outcome.stderr).toMatch(/PriceNotApproved/);

    // The sandbox kept its order beside the SQLite file, so the resumed provisioning is activated.
    const activated = await runCli(['watch', 'STACK-3'], clientEnv());
    expect(activated.stdout).toMatch(/Provisioning STACK-3 is ACTIVE/);
    expect(activated.code).toBe(0);
  },
  2 * STACK_START_TIMEOUT_MS,
);

async function waitForStep(requestId: string, step: string): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = await runCli(['status', requestId, '--json'], clientEnv());
    last = `exit ${status.code}: ${status.stdout.slice(0, 600)} ${status.stderr}`;
    const parsed = status.code === 0 ? (JSON.parse(status.stdout) as StatusJson) : undefined;
    if (parsed?.progress?.step === step) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${requestId} never reached ${step}; last status ${last}`);
}

async function currentQuote(): Promise<string> {
  const status = await runCli(['status', 'STACK-2', '--json'], clientEnv());
  const quote = (JSON.parse(status.stdout) as StatusJson).progress?.quote;
  if (!quote) throw new Error(`no quote in ${status.stdout}`);
  return quote.id;
}
