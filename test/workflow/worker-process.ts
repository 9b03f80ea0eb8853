// Runs `npm run worker`'s command (node --import tsx workers/main.ts, with its MALLOC_ARENA_MAX) as a child
// process, for tests that kill it, with the tests' payload key.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_CODEC_ENV } from '../env/codec';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the worker logged that it polls its task queue. */
  running: Promise<void>;
  /** SIGKILL to the whole process group: the worker and anything it started die at once. */
  kill(): Promise<void>;
  /** SIGTERM, as a supervisor would send; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? ROOT,
      MALLOC_ARENA_MAX: '2',
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
      if (text.includes('"msg":"worker running"')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the worker exited (${code}) before running:\n${text}`)));
  });
  running.catch(() => undefined);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
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
