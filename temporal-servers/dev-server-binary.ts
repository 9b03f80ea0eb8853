// Finds or provisions the dev server `npm start` and the tests run: temporal-servers/devserver, a small Go program
// of this repository's that runs the current Temporal server on SQLite with the Web UI beside it, and
// takes the flags of `temporal server start-dev`. Order: TEMPORAL_DEV_SERVER_PATH, a CLI named by
// TEMPORAL_CLI_PATH (its own dev server), the cached build of
// these very sources in .temporal/bin, a build with Go (go.mod pins the server, the UI and the toolchain,
// all from the module proxy), and last the Temporal CLI's own dev server (an older server).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  defaultLog,
  explicitBinary,
  isExecutable,
  resolveTemporalCli,
  type ResolvedBinary,
  type ResolveOptions,
} from './cli-binary';
import { cachedOrBuilt } from './cached-build';
import { goInstall } from './go-install';
import { PROJECT_ROOT, TEMPORAL_BIN, TEMPORAL_SERVER_GO_TOOLCHAIN, TEMPORAL_SERVER_VERSION } from './paths';
import { runCommand } from './run-command';

export const DEV_SERVER_SOURCES = path.join(PROJECT_ROOT, 'temporal-servers', 'devserver');

/** The first 12 hex digits of the SHA-256 of the program's sources: a changed source is another binary. */
export function devServerDigest(dir = DEV_SERVER_SOURCES): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir)
    .filter((f) => /\.go$|^go\.(mod|sum)$/.test(f))
    .sort()) {
    hash.update(`${file}\0`).update(readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

export function cachedDevServerPath(digest = devServerDigest()): string {
  return path.join(TEMPORAL_BIN, `temporal-dev-server-${TEMPORAL_SERVER_VERSION}-${digest}`);
}

async function cachedDevServer(file: string, digest: string): Promise<boolean> {
  if (!(await isExecutable(file))) return false;
  const result = await runCommand(file, ['--version'], { timeoutMs: 30_000 });
  return result.stdout.startsWith(`temporal-dev-server ${digest} (Server ${TEMPORAL_SERVER_VERSION},`);
}

/** The dev server, building it once if needed (under a lock: processes asking at once get one build). */
export async function resolveDevServer(options: ResolveOptions = {}): Promise<ResolvedBinary> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const tried: string[] = [];
  const explicit = await explicitBinary(env, 'TEMPORAL_DEV_SERVER_PATH', tried);
  if (explicit) return explicit;
  // A Temporal CLI of the user's own choosing runs its own `server start-dev`, as it always did.
  if (env.TEMPORAL_CLI_PATH) return resolveTemporalCli(options);

  const digest = devServerDigest();
  const file = cachedDevServerPath(digest);
  const cached = await cachedOrBuilt(
    {
      file,
      isCurrent: () => cachedDevServer(file, digest),
      lock: 'dev-server-build.lock',
      busy: 'building the dev server',
      build: () =>
        goInstall(
          {
            what: `the dev server (Temporal server ${TEMPORAL_SERVER_VERSION} on SQLite, with the Web UI)`,
            packages: [],
            dir: DEV_SERVER_SOURCES,
            toolchain: TEMPORAL_SERVER_GO_TOOLCHAIN,
            ldflags: `-X main.version=${digest}`,
            binaries: [{ built: 'temporal-dev-server', installed: path.basename(file) }],
          },
          env,
          log,
        ),
      builtBy: 'built with go build',
    },
    tried,
    log,
  );
  if (!('buildError' in cached)) return cached;
  const { buildError } = cached;
  tried.push(`${file}: not present`, `go build: ${buildError}`);
  log(`could not build the dev server (${buildError}); using the Temporal CLI's own, an older server`);
  const cli = await resolveTemporalCli(options);
  return { ...cli, tried: [...tried, ...cli.tried] };
}
