// `npm run webhooks` as a process: it refuses to start without its secret, reads the Temporal
// connection from the environment like the CLI, and stops cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { request } from 'undici';
import { TEST_CODEC_ENV, withoutPayloadSettings } from '../env/codec';
import { startDevEnvironment } from '../env/temporal';
import { orderEvent, signedRequest } from './signed-events';
import { freePort } from '../env/free-port';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(withoutPayloadSettings(process.env)).filter(
      ([name]) => !name.startsWith('TEMPORAL_') && !name.startsWith('WEBHOOK_'),
    ),
  );
  return { ...inherited, ...TEST_CODEC_ENV, ...extra };
}

test('without WEBHOOK_SECRET it refuses to start and says why', () => {
  const result = spawnSync(TSX, ['webhooks/main.ts'], { cwd: ROOT, env: environment({}), encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('WEBHOOK_SECRET is required');
});

describe('against a Temporal server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startDevEnvironment();
  });
  afterAll(() => env?.teardown());

  test('it serves on WEBHOOK_PORT, signals through TEMPORAL_ADDRESS, and stops on SIGTERM', async () => {
    const port = await freePort();
    const secret = 'main-process-test-secret';
    const child = spawn(TSX, ['webhooks/main.ts'], {
      cwd: ROOT,
      env: environment({
        TEMPORAL_ADDRESS: env.address,
        WEBHOOK_PORT: String(port),
        WEBHOOK_HOST: '127.0.0.1',
        WEBHOOK_SECRET: secret,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('webhook receiver ready')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the receiver did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { body, headers } = signedRequest(secret, orderEvent('MAIN-NOBODY'));
      const response = await request(`http://127.0.0.1:${port}/webhooks/lumen`, { method: 'POST', headers, body });
      await response.body.dump();
      expect(response.statusCode).toBe(202);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('webhook receiver stopped');
    expect(output).not.toContain(secret);
  });
});
