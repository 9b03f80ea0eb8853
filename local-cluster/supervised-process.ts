// One long-running part of the cluster (PostgreSQL, a server node): started in its own process
// group so a terminal's Ctrl-C reaches only the supervisor, which stops the parts in order. Its
// output goes to a log file, and the last lines are kept to say why a start failed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ProcessSpec {
  /** "PostgreSQL", "node 1": for messages. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  uid?: number;
  gid?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const KEPT_OUTPUT_CHARS = 4_000;

export class SupervisedProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private recent = '';
  private exit?: Promise<Exit>;
  private watchers: { pattern: RegExp; resolve: () => void }[] = [];

  constructor(readonly spec: ProcessSpec) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves when the current run ends (at once when there is none). */
  get exited(): Promise<Exit> {
    return this.exit ?? Promise.resolve({ code: null, signal: null });
  }

  start(): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    const { command, args, env, cwd, uid, gid, logFile } = this.spec;
    this.recent = '';
    this.log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { cwd, env, uid, gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const onOutput = (chunk: Buffer) => {
      this.log?.write(chunk);
      this.recent = (this.recent + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
      for (const watcher of [...this.watchers]) {
        if (!watcher.pattern.test(this.recent)) continue;
        this.watchers.splice(this.watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    const log = this.log;
    this.exit = new Promise<Exit>((resolve) => {
      child.once('error', (error) => {
        this.recent += `\n${error.message}`;
        log.end();
        resolve({ code: null, signal: null });
      });
      child.once('close', (code, signal) => {
        log.end();
        resolve({ code, signal });
      });
    });
  }

  /** The last lines it printed, for an error message. */
  lastLines(count = 5): string {
    return this.recent.trim().split('\n').slice(-count).join('\n');
  }

  /** Resolves once its output (since the last start) matches; rejects if it exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers = this.watchers.filter((w) => w !== watcher);
        reject(new Error(`${this.spec.name} did not get ready within ${timeoutMs} ms:\n${this.lastLines()}`));
      }, timeoutMs);
      const watcher = {
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.watchers.push(watcher);
      void this.exited.then((exit) => {
        if (!this.watchers.includes(watcher)) return;
        this.watchers = this.watchers.filter((w) => w !== watcher);
        clearTimeout(timer);
        reject(new Error(`${this.spec.name} exited (${describeExit(exit)}) before it was ready:\n${this.lastLines()}`));
      });
      if (pattern.test(this.recent)) watcher.resolve();
    });
  }

  /** Sends `signal` to its process group; after `graceMs` without an exit, SIGKILL. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.signalGroup(signal);
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL, as a crash would end it. */
  kill(): Promise<Exit> {
    if (this.running) this.signalGroup('SIGKILL');
    return this.exited;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export function describeExit({ code, signal }: Exit): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}
