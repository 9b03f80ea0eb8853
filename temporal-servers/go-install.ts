// Builds pinned Go programs from the module proxy (or a Go module of this repository's, whose go.mod pins
// what it takes from the proxy) into .temporal/bin, with progress while it compiles.
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { TEMPORAL_BIN, TEMPORAL_HOME } from './paths';
import { runCommand, tail } from './run-command';

export interface GoBuild {
  /** What is being built, for the progress lines: "Temporal CLI 1.5.1". */
  what: string;
  /** `module/path@version` arguments to `go install`; none when building the module in `dir`. */
  packages: string[];
  /** A Go module of this repository's to `go build` instead (its go.mod pins every version). */
  dir?: string;
  ldflags?: string;
  /** A Go toolchain the build needs (GOTOOLCHAIN), fetched by `go` itself from the module proxy. */
  toolchain?: string;
  /** The name `go install` gives each binary, and the name it gets in .temporal/bin. */
  binaries: { built: string; installed: string }[];
}

const MIN_GO_MINOR = 25;

/** Runs `go install` into a staging folder, then moves the binaries in place; resolves to an error text on failure. */
export async function goInstall(
  build: GoBuild,
  callerEnv: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<string | undefined> {
  const env = build.toolchain ? { ...callerEnv, GOTOOLCHAIN: build.toolchain } : callerEnv;
  const go = env.GO ?? 'go';
  const version = await runCommand(go, ['version'], { env, timeoutMs: 600_000 });
  if (version.spawnError) return `Go is not installed (${version.spawnError})`;
  const goVersion = /go(\d+)\.(\d+)/.exec(version.stdout);
  if (goVersion && Number(goVersion[1]) === 1 && Number(goVersion[2]) < MIN_GO_MINOR) {
    return `Go ${goVersion[0]} is too old (the build needs go1.${MIN_GO_MINOR} or newer)`;
  }
  const staging = path.join(TEMPORAL_HOME, `build-${process.pid}-${build.binaries[0].built}`);
  await mkdir(staging, { recursive: true });
  const started = Date.now();
  let downloads = 0;
  let packages = 0;
  log(`building ${build.what} with ${version.stdout.trim()} (a few minutes on two cores)`);
  const progress = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`  still building: ${seconds}s, ${downloads} modules downloaded, ${packages} packages compiled`);
  }, 15_000);
  try {
    const ldflags = `-s -w${build.ldflags ? ` ${build.ldflags}` : ''}`;
    const args = build.dir
      ? ['build', '-v', '-trimpath', '-ldflags', ldflags, '-o', path.join(staging, build.binaries[0].built), '.']
      : ['install', '-v', '-trimpath', '-ldflags', ldflags, ...build.packages];
    const result = await runCommand(go, args, {
      cwd: build.dir,
      // GOFLAGS of the caller's (-p=1 to leave a shared machine a core) come after ours.
      env: { ...env, GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: `-buildvcs=false ${env.GOFLAGS ?? ''}`.trim() },
      onStderrLine: (line) => (line.startsWith('go: downloading') ? downloads++ : packages++),
    });
    if (result.code !== 0) return `go ${args[0]} failed (exit ${result.code}): ${tail(result.stderr)}`;
    await mkdir(TEMPORAL_BIN, { recursive: true });
    for (const { built, installed } of build.binaries) {
      await rename(path.join(staging, built), path.join(TEMPORAL_BIN, installed));
    }
    const names = build.binaries.map(({ installed }) => path.join(TEMPORAL_BIN, installed)).join(', ');
    log(`built ${names} in ${Math.round((Date.now() - started) / 1000)}s`);
    return undefined;
  } finally {
    clearInterval(progress);
    await rm(staging, { recursive: true, force: true });
  }
}
