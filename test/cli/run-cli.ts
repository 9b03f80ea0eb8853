// Runs lumen-iod as an operator would: a child process through tsx, with only the environment we give it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_CODEC_ENV } from '../env/codec';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'client/cli.ts');
/** The package.json bin: runs the built CLI, building dist/ first in a checkout when it is stale. */
export const BIN = path.join(ROOT, 'client/lumen-iod.js');
export const BUILT_CLI = path.join(ROOT, 'dist/client/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the first stdout line matching, so a test can act mid-watch. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<CliRun>;
}

/** No Temporal config file, variables or payload keys from the machine running the tests. */
export function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', ...extra };
}

/** A bare environment with the tests' payload key, as workers built by the tests have it. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return bareEnv({ ...TEST_CODEC_ENV, ...extra });
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, input?: string, command = [TSX, CLI]): CliProcess {
  const [program, ...prefix] = command;
  const child = spawn(program, [...prefix, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const watcher of [...watchers]) {
      const line = stdout.split('\n').find((candidate) => watcher.pattern.test(candidate));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.end(input ?? '');
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    child,
    done,
    waitForLine(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout so far:\n${stdout}`)),
          timeoutMs,
        );
        const finish = (line: string) => {
          clearTimeout(timer);
          resolve(line);
        };
        watchers.push({ pattern, resolve: finish });
        child.stdout!.emit('data', Buffer.alloc(0));
      });
    },
  };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string, command?: string[]): Promise<CliRun> {
  return startCli(args, env, input, command).done;
}
