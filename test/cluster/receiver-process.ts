// Runs `npm run webhooks`'s entry point (tsx webhooks/main.ts) as a child process, for tests that kill it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_CODEC_ENV } from '../env/codec';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ReceiverProcess {
  url: string;
  output(): string;
  /** Resolves once it logged that it is ready. */
  running: Promise<void>;
  /** SIGKILL to its process group: tsx and the node process it started die at once. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startReceiverProcess(env: Record<string, string> & { WEBHOOK_PORT: string }): ReceiverProcess {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['webhooks/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? ROOT,
      WEBHOOK_HOST: '127.0.0.1',
      ...TEST_CODEC_ENV,
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('webhook receiver ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the receiver exited (${code}) before it was ready:\n${text}`)));
  });
  running.catch(() => undefined);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `http://127.0.0.1:${env.WEBHOOK_PORT}/webhooks/lumen`,
    output: () => text,
    running,
    async kill() {
      if (child.pid && alive()) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      return exited;
    },
  };
}
