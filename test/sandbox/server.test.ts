import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { basic, LumenCaller, startSandbox } from './harness';

const ROOT = join(__dirname, '..', '..');

describe('sandbox server lifecycle', () => {
  it('listens on 127.0.0.1 and closes at once despite idle keep-alive sockets and a slow request', async () => {
    const sandbox = await startSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request(`${sandbox.url}/Network/v1/provider`, { agent }, (response) => {
        response.resume();
        response.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    await sandbox.admin.injectFault({ path: '/Network/v1/provider', kind: 'latency', latencyMs: 30_000 });
    const slow = new LumenCaller(sandbox.url).get('/Network/v1/provider');
    slow.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = Date.now();
    await sandbox.close();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(slow).rejects.toThrow();
    agent.destroy();
  });

  it('stamps each logged request with when it arrived, not when it was answered', async () => {
    const sandbox = await startSandbox();
    try {
      await sandbox.admin.injectFault({ path: '/Network/v1/provider', kind: 'latency', latencyMs: 600 });
      const sent = Date.now();
      await new LumenCaller(sandbox.url).get('/Network/v1/provider');
      const answered = Date.now();
      const entry = (await sandbox.admin.requests()).find((e) => e.path === '/Network/v1/provider');
      expect(answered - sent).toBeGreaterThanOrEqual(600);
      expect(Date.parse(entry?.at ?? '')).toBeLessThan(sent + 300);
    } finally {
      await sandbox.close();
    }
  });

  it('runs as `npm run sandbox`: configured from the environment, logs its URL, stops on SIGTERM', async () => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['sandbox/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SANDBOX_PORT: '0',
        LUMEN_CONSUMER_KEY: 'env-key',
        LUMEN_CONSUMER_SECRET: 'env-secret',
        LUMEN_QUOTE_VALIDITY: '2 minutes',
        SANDBOX_DAILY_CHANGE_LIMIT: '24',
        SANDBOX_REQUEST_LOG_LIMIT: '2',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout }).once('line', resolve),
      );
      const { url } = JSON.parse(firstLine) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = await fetch(`${url}/oauth/v2/token`, {
        method: 'POST',
        headers: { authorization: basic('env-key', 'env-secret') },
        body: 'grant_type=client_credentials',
      });
      expect(token.status).toBe(200);
      const settings = (await (await fetch(`${url}/_sandbox/settings`)).json()) as Record<string, unknown>;
      expect(settings).toMatchObject({ quoteValidityMs: 120_000, dailyChangeLimit: 24 });
      await fetch(`${url}/Network/v1/provider`);
      await fetch(`${url}/Network/v1/location`);
      const log = (await (await fetch(`${url}/_sandbox/requests`)).json()) as { path: string }[];
      expect(log.map((entry) => entry.path)).toEqual(['/Network/v1/provider', '/Network/v1/location']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
