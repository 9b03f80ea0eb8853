// The webhook receiver as its own process (`npm run webhooks`' entry point), as it runs beside a worker:
// the CPU it spends per webhook is then its own, apart from the worker's and the sandbox's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../test/env/free-port';
import { treeCpuSeconds } from './process-usage';

export interface ReceiverProcess {
  url: string;
  /** CPU seconds it has used since it started. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

const ROOT = path.join(__dirname, '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the receiver on `temporalAddress` with `env` (WEBHOOK_SECRET, PAYLOAD_CODEC…) and waits until it answers. */
export async function startReceiverProcess(
  temporalAddress: string,
  namespace: string,
  env: Record<string, string>,
): Promise<ReceiverProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'webhooks/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? ROOT,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      WEBHOOK_HOST: '127.0.0.1',
      WEBHOOK_PORT: String(port),
      ...env,
    },
    // Its log lines (the default level, one a webhook) are written as in production, and read by nobody.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the webhook receiver exited (${child.exitCode}) before listening`);
    const ok = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 300) throw new Error('the webhook receiver did not answer within 30 s');
    await sleep(100);
  }
  return {
    url: `${base}/webhooks/lumen`,
    cpuSeconds: async () => (child.pid === undefined ? 0 : treeCpuSeconds(child.pid)),
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
