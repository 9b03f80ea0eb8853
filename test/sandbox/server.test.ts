import { Agent, request } from 'node:http';
import { LumenCaller, startSandbox } from './harness';

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
});
