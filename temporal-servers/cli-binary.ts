// Finds or provisions the Temporal CLI (dev server, SQLite persistence, Web UI in one binary).
// Order: TEMPORAL_CLI_PATH, the cached .temporal/bin/temporal, a build with Go from the module proxy,
// and last the SDK's own download (which needs the internet).
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { cachedOrBuilt } from './cached-build';
import { goInstall } from './go-install';
import { TEMPORAL_BIN, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION } from './paths';
import { runCommand } from './run-command';

export type TemporalExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download'; version: string };

export interface ResolvedBinary {
  executable: TemporalExecutable;
  /** How it was found, for the start-up banner. */
  source: string;
  /** Each route tried before it and why it did not give a binary. */
  tried: string[];
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export const CACHED_CLI_PATH = path.join(TEMPORAL_BIN, 'temporal');
/** Where resolution says what it does when the caller gives no log. */
export const defaultLog = (line: string) => process.stderr.write(`[temporal] ${line}\n`);

export async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The version a CLI binary reports, e.g. "1.5.1"; undefined if it does not run. */
export async function cliVersion(binary: string): Promise<string | undefined> {
  const result = await runCommand(binary, ['--version'], { timeoutMs: 30_000 });
  return /temporal version (\S+)/.exec(result.stdout)?.[1];
}

async function cachedCli(): Promise<string | undefined> {
  if (!(await isExecutable(CACHED_CLI_PATH))) return undefined;
  return (await cliVersion(CACHED_CLI_PATH)) === TEMPORAL_CLI_VERSION ? CACHED_CLI_PATH : undefined;
}

/** Builds the pinned CLI with `go install` into .temporal/bin; resolves to an error text on failure. */
function buildWithGo(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  return goInstall(
    {
      what: `Temporal CLI ${TEMPORAL_CLI_VERSION}`,
      packages: [`${TEMPORAL_CLI_MODULE}/cmd/temporal@v${TEMPORAL_CLI_VERSION}`],
      ldflags: `-X ${TEMPORAL_CLI_MODULE}/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
      binaries: [{ built: 'temporal', installed: path.basename(CACHED_CLI_PATH) }],
    },
    env,
    log,
  );
}

/**
 * The binary a variable names, if set. A set variable that names no executable is an error, not a
 * reason to fall back: the user asked for that binary.
 */
export async function explicitBinary(
  env: NodeJS.ProcessEnv,
  variable: string,
  tried: string[],
): Promise<ResolvedBinary | undefined> {
  const file = env[variable];
  if (!file) {
    tried.push(`${variable}: not set`);
    return undefined;
  }
  if (!(await isExecutable(file))) throw new Error(`${variable}=${file} is not an executable file`);
  return { executable: { type: 'existing-path', path: file }, source: variable, tried };
}

/** Finds the Temporal CLI, building it once if needed. Safe when several processes ask at once. */
export async function resolveTemporalCli(options: ResolveOptions = {}): Promise<ResolvedBinary> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const tried: string[] = [];

  const explicit = await explicitBinary(env, 'TEMPORAL_CLI_PATH', tried);
  if (explicit) return explicit;

  const cached = await cachedOrBuilt(
    {
      file: CACHED_CLI_PATH,
      isCurrent: async () => (await cachedCli()) !== undefined,
      lock: 'cli-build.lock',
      busy: 'building the Temporal CLI',
      build: () => buildWithGo(env, log),
      builtBy: 'built with go install',
    },
    tried,
    log,
  );
  if (!('buildError' in cached)) return cached;
  const { buildError } = cached;
  tried.push(`${CACHED_CLI_PATH}: not present at version ${TEMPORAL_CLI_VERSION}`);
  tried.push(`go install: ${buildError}`);
  log(`could not build the CLI (${buildError}); falling back to the SDK's download, which needs the internet`);
  return {
    executable: { type: 'cached-download', version: TEMPORAL_CLI_VERSION },
    source: "the SDK's download",
    tried,
  };
}

/** One message naming every route tried and why each gave nothing. */
export function explainRoutes(what: string, tried: string[]): string {
  return [`No ${what} could be had. Routes tried:`, ...tried.map((t) => `  - ${t}`)].join('\n');
}

/** The same, for when the SDK's download was the last route and failed too. */
export function explainNoBinary(what: string, tried: string[], lastError: unknown): string {
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  return explainRoutes(what, [...tried, `the SDK's download: ${reason}`]);
}
