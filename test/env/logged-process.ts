// A project entry point run as its own process group, for tests that kill it: its output kept, its
// readiness read from its log, the tests' payload key in its environment.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_CODEC_ENV } from './codec';

const ROOT = path.resolve(__dirname, '..', '..');

export interface LoggedProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once it logged `readyWhen`; rejects if it exits first. */
  running: Promise<void>;
  /** SIGKILL to the whole process group: it and anything it started die at once. */
  kill(): Promise<void>;
  /** SIGTERM, as a supervisor would send; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface LoggedProcessOptions {
  /** Says which process failed to start, in the error. */
  name: string;
  command: string;
  args: string[];
  /** Over the bare PATH, HOME and the tests' payload key. */
  env: Record<string, string>;
  /** The text of the log line that says it is ready. */
  readyWhen: string;
}

export function startLoggedProcess({ name, command, args, env, readyWhen }: LoggedProcessOptions): LoggedProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, ...TEST_CODEC_ENV, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes(readyWhen)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the ${name} exited (${code}) before it was ready:\n${text}`)));
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
