// Finds PostgreSQL's initdb and postgres: POSTGRES_BIN_DIR, then `pg_config --bindir`, then Debian's
// /usr/lib/postgresql/<major>/bin (newest first), then PATH. The error names every route tried.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { explainRoutes } from '../temporal-servers/cli-binary';
import { runCommand } from '../temporal-servers/run-command';

export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  postgres: string;
  /** e.g. "15.18" */
  version: string;
  source: string;
}

/** Temporal's postgres12 plugin: PostgreSQL 12 or newer. */
const MIN_MAJOR = 12;
const DEBIAN_ROOT = '/usr/lib/postgresql';
const HOW_TO_INSTALL =
  'install PostgreSQL 12 or newer (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@16) ' +
  'or set POSTGRES_BIN_DIR to the folder holding initdb and postgres';

async function inspect(binDir: string): Promise<{ found?: PostgresBinaries; problem?: string }> {
  const initdb = path.join(binDir, 'initdb');
  const postgres = path.join(binDir, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres)) return { problem: `${binDir} has no initdb and postgres` };
  const result = await runCommand(postgres, ['--version'], { timeoutMs: 30_000 });
  const version = /(\d+)(\.\d+)?/.exec(result.stdout);
  if (!version)
    return { problem: `${postgres} --version did not say its version (${result.spawnError ?? result.stderr.trim()})` };
  if (Number(version[1]) < MIN_MAJOR)
    return { problem: `${postgres} is PostgreSQL ${version[0]}, older than ${MIN_MAJOR}` };
  return { found: { binDir, initdb, postgres, version: version[0], source: binDir } };
}

function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_ROOT)) return [];
  return readdirSync(DEBIAN_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => path.join(DEBIAN_ROOT, major, 'bin'));
}

export async function findPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresBinaries> {
  const tried: string[] = [];
  const explicit = env.POSTGRES_BIN_DIR;
  if (explicit) {
    const { found, problem } = await inspect(explicit);
    if (found) return { ...found, source: 'POSTGRES_BIN_DIR' };
    throw new Error(`POSTGRES_BIN_DIR=${explicit}: ${problem}`);
  }
  tried.push('POSTGRES_BIN_DIR: not set');

  const candidates: { dir: string; route: string }[] = [];
  const pgConfig = await runCommand('pg_config', ['--bindir'], { env, timeoutMs: 30_000 });
  if (pgConfig.code === 0 && pgConfig.stdout.trim())
    candidates.push({ dir: pgConfig.stdout.trim(), route: 'pg_config --bindir' });
  else
    tried.push(`pg_config --bindir: ${pgConfig.spawnError ? 'pg_config is not installed' : `exit ${pgConfig.code}`}`);
  for (const dir of debianBinDirs()) candidates.push({ dir, route: DEBIAN_ROOT });
  if (!debianBinDirs().length) tried.push(`${DEBIAN_ROOT}/<major>/bin: none`);
  const which = await runCommand('sh', ['-c', 'command -v initdb'], { env });
  if (which.code === 0 && which.stdout.trim()) {
    // Followed through symlinks: /usr/local/bin/initdb may stand alone for a whole bin folder elsewhere.
    candidates.push({ dir: path.dirname(realpathSync(which.stdout.trim())), route: 'initdb on PATH' });
  } else tried.push('initdb on PATH: not found');

  for (const { dir, route } of candidates) {
    const { found, problem } = await inspect(dir);
    if (found) return { ...found, source: `${route}: ${dir}` };
    tried.push(`${route}: ${problem}`);
  }
  throw new Error(`${explainRoutes('PostgreSQL', tried)}\nTo fix it: ${HOW_TO_INSTALL}.`);
}
