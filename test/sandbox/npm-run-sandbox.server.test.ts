// `npm run sandbox` as a process of its own: configured from the environment, stopped by a signal.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { basic } from './harness';

const ROOT = join(__dirname, '..', '..');

describe('sandbox server lifecycle', () => {
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
