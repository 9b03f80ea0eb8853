// The step every binary's resolution shares: the cached build if it is current, else one build under a
// lock, so that processes asking at once (jest's global set-up and npm start, say) build it once.
import path from 'node:path';
import type { ResolvedBinary } from './cli-binary';
import { withFileLock } from './file-lock';
import { TEMPORAL_HOME } from './paths';

export interface CachedBuild {
  /** Where the binary lives once built. */
  file: string;
  /** Whether the file there is the binary wanted: present, runnable, the pinned version. */
  isCurrent(): Promise<boolean>;
  /** The lock's name under .temporal/. */
  lock: string;
  /** What another process is doing meanwhile, for the log: "building the dev server". */
  busy: string;
  /** Builds it; resolves to an error text on failure. */
  build(): Promise<string | undefined>;
  /** How a fresh build is named in the start-up banner: "built with go build". */
  builtBy: string;
}

/** The cached binary, or one built now; the build's error text when neither can be had. */
export async function cachedOrBuilt(
  binary: CachedBuild,
  tried: string[],
  log: (line: string) => void,
): Promise<ResolvedBinary | { buildError: string }> {
  const found = (source: string): ResolvedBinary => ({
    executable: { type: 'existing-path', path: binary.file },
    source,
    tried,
  });
  if (await binary.isCurrent()) return found(binary.file);
  const buildError = await withFileLock(
    path.join(TEMPORAL_HOME, binary.lock),
    async () => ((await binary.isCurrent()) ? undefined : binary.build()),
    () => log(`another process is ${binary.busy}; waiting for it`),
  );
  return buildError ? { buildError } : found(binary.builtBy);
}
