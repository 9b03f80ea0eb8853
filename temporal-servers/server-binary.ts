// Finds or provisions what a PostgreSQL-backed Temporal cluster runs: the Temporal server, its SQL
// schema tool, and the PostgreSQL schema files that ship in the server's Go module.
// Order for each binary: its variable, the cached .temporal/bin copy at the pinned version, a build
// with Go from the module proxy. The schema: the cached copy, then the Go module cache.
import { cp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultLog, explainRoutes, explicitBinary, isExecutable, type ResolveOptions } from './cli-binary';
import { withFileLock } from './file-lock';
import { goInstall } from './go-install';
import {
  TEMPORAL_BIN,
  TEMPORAL_HOME,
  TEMPORAL_SERVER_GO_TOOLCHAIN,
  TEMPORAL_SERVER_MODULE,
  TEMPORAL_SERVER_VERSION,
} from './paths';
import { runCommand, tail } from './run-command';

export interface TemporalServerKit {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the server's module: temporal/versioned and visibility/versioned. */
  schemaDir: string;
  /** How each part was found, for the start-up lines. */
  source: string;
}

interface Part {
  name: 'server' | 'sqlTool';
  variable: string;
  cached: string;
  /** The package `go install` builds, and the name it gives the binary. */
  goPackage: string;
  built: string;
  /** What `--version` prints at the pinned version. */
  versionLine: RegExp;
}

// Named with their version: checkouts at other versions can share one .temporal/bin.
export const CACHED_SERVER_PATH = path.join(TEMPORAL_BIN, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
export const CACHED_SQL_TOOL_PATH = path.join(TEMPORAL_BIN, `temporal-sql-tool-${TEMPORAL_SERVER_VERSION}`);
const CACHED_SCHEMA_DIR = path.join(TEMPORAL_HOME, `server-schema-${TEMPORAL_SERVER_VERSION}`, 'postgresql', 'v12');
const MODULE = `${TEMPORAL_SERVER_MODULE}@v${TEMPORAL_SERVER_VERSION}`;
const escapedVersion = TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.');

const PARTS: Part[] = [
  {
    name: 'server',
    variable: 'TEMPORAL_SERVER_PATH',
    cached: CACHED_SERVER_PATH,
    goPackage: `${TEMPORAL_SERVER_MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
    built: 'server',
    versionLine: new RegExp(`^temporal version ${escapedVersion}$`, 'm'),
  },
  {
    name: 'sqlTool',
    variable: 'TEMPORAL_SQL_TOOL_PATH',
    cached: CACHED_SQL_TOOL_PATH,
    goPackage: `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
    built: 'sql',
    versionLine: new RegExp(`^temporal-sql-tool version ${escapedVersion}$`, 'm'),
  },
];

async function cachedAtVersion(part: Part): Promise<boolean> {
  if (!(await isExecutable(part.cached))) return false;
  const result = await runCommand(part.cached, ['--version'], { timeoutMs: 30_000 });
  return part.versionLine.test(result.stdout);
}

function hasSchema(dir: string): boolean {
  return ['temporal', 'visibility'].every((db) => existsSync(path.join(dir, db, 'versioned')));
}

/** Copies schema/postgresql/v12 out of the Go module cache (downloading the module if needed). */
async function copySchema(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  const go = env.GO ?? 'go';
  const download = await runCommand(go, ['mod', 'download', '-json', MODULE], {
    env: { ...env, GOTOOLCHAIN: TEMPORAL_SERVER_GO_TOOLCHAIN },
    timeoutMs: 600_000,
  });
  if (download.spawnError) return `Go is not installed (${download.spawnError})`;
  const moduleDir = /"Dir":\s*"([^"]+)"/.exec(download.stdout)?.[1];
  if (download.code !== 0 || !moduleDir) {
    return `go mod download ${MODULE} failed (exit ${download.code}): ${tail(download.stdout + download.stderr)}`;
  }
  const source = path.join(moduleDir, 'schema', 'postgresql', 'v12');
  if (!hasSchema(source)) return `${source} has no temporal/versioned and visibility/versioned folders`;
  await rm(CACHED_SCHEMA_DIR, { recursive: true, force: true });
  await mkdir(path.dirname(CACHED_SCHEMA_DIR), { recursive: true });
  await cp(source, CACHED_SCHEMA_DIR, { recursive: true });
  log(`PostgreSQL schema of Temporal ${TEMPORAL_SERVER_VERSION} copied to ${CACHED_SCHEMA_DIR}`);
  return undefined;
}

/**
 * Finds the server, the SQL tool and the schema, building what is missing once (under a lock, so
 * several processes asking at once get one build). Throws an error naming every route tried.
 */
export async function resolveTemporalServer(options: ResolveOptions = {}): Promise<TemporalServerKit> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const tried: string[] = [];
  const found: Partial<Record<Part['name'], string>> = {};
  const sources: string[] = [];
  for (const part of PARTS) {
    const explicit = await explicitBinary(env, part.variable, tried);
    if (explicit?.executable.type === 'existing-path') {
      found[part.name] = explicit.executable.path;
      sources.push(part.variable);
    }
  }
  const missing = async () => {
    const parts: Part[] = [];
    for (const part of PARTS) if (!found[part.name] && !(await cachedAtVersion(part))) parts.push(part);
    return { parts, schema: !hasSchema(CACHED_SCHEMA_DIR) };
  };

  const first = await missing();
  if (first.parts.length || first.schema) {
    const error = await withFileLock(
      path.join(TEMPORAL_HOME, 'server-build.lock'),
      async () => {
        const still = await missing();
        if (still.parts.length) {
          const built = await goInstall(
            {
              what: `Temporal server ${TEMPORAL_SERVER_VERSION} (${still.parts.map((p) => p.built).join(' and ')})`,
              packages: still.parts.map((p) => p.goPackage),
              toolchain: TEMPORAL_SERVER_GO_TOOLCHAIN,
              binaries: still.parts.map((p) => ({ built: p.built, installed: path.basename(p.cached) })),
            },
            env,
            log,
          );
          if (built) {
            for (const part of still.parts)
              tried.push(`${part.cached}: not present at version ${TEMPORAL_SERVER_VERSION}`);
            return `go install: ${built}`;
          }
          sources.push('a go install build just now');
        }
        if (still.schema) {
          const copied = await copySchema(env, log);
          if (copied) {
            tried.push(`${CACHED_SCHEMA_DIR}: not present`);
            return `the Go module cache: ${copied}`;
          }
        }
        return undefined;
      },
      () => log('another process is building the Temporal server; waiting for it'),
    );
    if (error) throw new Error(explainRoutes(`Temporal server ${TEMPORAL_SERVER_VERSION}`, [...tried, error]));
  }
  return {
    server: found.server ?? CACHED_SERVER_PATH,
    sqlTool: found.sqlTool ?? CACHED_SQL_TOOL_PATH,
    schemaDir: CACHED_SCHEMA_DIR,
    source: sources.length ? sources.join(', ') : TEMPORAL_BIN,
  };
}
