// `npm run build` (and `npm run build:workflows`): the worker's workflow bundles, made ahead of time so a
// worker starts without running webpack. Writes dist/workflow-bundle/, or the directory given.
import path from 'node:path';
import { createLogger } from '../logging/logger';
import { DEFAULT_BUNDLE_DIR, writePrebuiltBundles } from '../workers/workflow-bundle';

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? DEFAULT_BUNDLE_DIR);
  const started = performance.now();
  const manifest = await writePrebuiltBundles(dir, createLogger('build', { level: 'warn' }));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `workflow bundles: ${manifest.bundles.map((b) => b.file).join(', ')} in ${path.relative(process.cwd(), dir) || '.'} (${seconds} s)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The workflow bundles could not be built: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
