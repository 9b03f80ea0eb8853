// The cluster's PostgreSQL: a data folder made once with initdb, and a postgres process on loopback
// that can be stopped and started again (fast, or as a crash would stop it) without losing data.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand, tail } from '../temporal-servers/run-command';
import type { PostgresBinaries } from './postgres-binaries';
import { SupervisedProcess } from './supervised-process';
import type { RunAs } from './unprivileged-user';

export const POSTGRES_USER = 'temporal';

export interface PostgresOptions {
  binaries: PostgresBinaries;
  /** Holds the data folder `postgres/` and the password file; PostgreSQL's log goes to `logDir`. */
  clusterDir: string;
  logDir: string;
  port: number;
  runAs?: RunAs;
}

const READY = /database system is ready to accept connections/;
const START_TIMEOUT_MS = 60_000;
// Two nodes, four services each, with their own pools: the default 100 connections is too few.
const MAX_CONNECTIONS = 300;

/** The password Temporal connects with: made at the first start, kept beside the data (owner-only). */
async function passwordFor(clusterDir: string, dataDirExists: boolean): Promise<string> {
  const file = path.join(clusterDir, 'postgres-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  if (dataDirExists) {
    throw new Error(`${file} is missing but the database exists: remove ${clusterDir} to start from nothing`);
  }
  const password = randomBytes(24).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Fails early, and says what to do, when the account PostgreSQL runs as cannot reach its folder. */
async function checkReachable(dir: string, runAs: RunAs): Promise<void> {
  const result = await runCommand('sh', ['-c', 'cd "$1" && test -w .', 'sh', dir], runAs);
  if (result.code === 0) return;
  throw new Error(
    `PostgreSQL runs as ${runAs.name} (this process is root, and PostgreSQL refuses root), which cannot ` +
      `reach ${dir}: set CLUSTER_DATA_DIR to a folder it can reach, such as one under /tmp or /var/tmp`,
  );
}

export class Postgres {
  readonly dataDir: string;
  private process?: SupervisedProcess;

  private constructor(
    private readonly options: PostgresOptions,
    readonly password: string,
  ) {
    this.dataDir = path.join(options.clusterDir, 'postgres');
  }

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  get port(): number {
    return this.options.port;
  }

  /** Makes the data folder with initdb unless it exists (then the data is found again). */
  static async prepare(options: PostgresOptions, log: (line: string) => void): Promise<Postgres> {
    const dataDir = path.join(options.clusterDir, 'postgres');
    const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
    await mkdir(options.clusterDir, { recursive: true });
    await mkdir(options.logDir, { recursive: true });
    const password = await passwordFor(options.clusterDir, initialised);
    const postgres = new Postgres(options, password);
    if (initialised) {
      log(`PostgreSQL data found again in ${dataDir}`);
      return postgres;
    }
    await postgres.initdb(log);
    return postgres;
  }

  private async initdb(log: (line: string) => void): Promise<void> {
    const { binaries, clusterDir, runAs } = this.options;
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = path.join(clusterDir, '.initdb-password');
    await writeFile(passwordFile, this.password, { mode: 0o600 });
    if (runAs) {
      await chown(this.dataDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
      await checkReachable(this.dataDir, runAs);
    }
    await chmod(this.dataDir, 0o700);
    log(`creating a PostgreSQL ${binaries.version} database in ${this.dataDir}${runAs ? ` (as ${runAs.name})` : ''}`);
    try {
      const result = await runCommand(
        binaries.initdb,
        [
          '-D',
          this.dataDir,
          '-U',
          POSTGRES_USER,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '-E',
          'UTF8',
          '--locale=C',
        ],
        { ...runAs, env: { PATH: process.env.PATH, LANG: 'C' }, timeoutMs: 120_000 },
      );
      if (result.code !== 0) {
        await rm(this.dataDir, { recursive: true, force: true });
        throw new Error(`initdb failed (${result.spawnError ?? `exit ${result.code}`}): ${tail(result.stderr)}`);
      }
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  get running(): boolean {
    return this.process?.running ?? false;
  }

  async start(): Promise<void> {
    const { binaries, logDir, port, runAs } = this.options;
    this.process ??= new SupervisedProcess({
      name: 'PostgreSQL',
      command: binaries.postgres,
      // Loopback only, and no Unix socket: nothing but TCP on 127.0.0.1 reaches it.
      args: [
        '-D',
        this.dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        `max_connections=${MAX_CONNECTIONS}`,
      ],
      env: { PATH: process.env.PATH, LANG: 'C' },
      logFile: path.join(logDir, 'postgres.log'),
      uid: runAs?.uid,
      gid: runAs?.gid,
    });
    this.process.start();
    await this.process.waitForOutput(READY, START_TIMEOUT_MS);
  }

  /** 'fast': a clean shutdown; 'immediate': stops at once, as a crash would (recovery runs at the next start). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.process?.stop(mode === 'fast' ? 'SIGINT' : 'SIGQUIT', 30_000);
  }

  async restart(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.start();
  }

  lastLines(): string {
    return this.process?.lastLines() ?? '';
  }
}
