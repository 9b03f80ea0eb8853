// How long `npm run worker`'s entry point takes from its spawn to polling its task queue, with the
// prebuilt workflow bundle (`npm run build`, dist/workflow-bundle/) and without one (webpack at start),
// each BENCH_WORKER_STARTS times (default 3) against the same dev server. Builds the bundles first.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startDevEnvironment } from '../test/env/temporal';
import { startWorkerProcess } from '../test/workflow/worker-process';
import { workerEnvironment } from './bench-worker';
import { setting } from './settings';
import { median } from './statistics';

const ROOT = path.join(__dirname, '..');

export async function run(): Promise<void> {
  const starts = setting('BENCH_WORKER_STARTS', 3);
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build-workflow-bundles.ts'], {
    cwd: ROOT,
  });
  const temporal = await startDevEnvironment();
  try {
    const env = (bundleDir: string) => ({
      // Lumen is never called: the worker only starts.
      ...workerEnvironment(temporal, 'bench-worker-start', 'http://127.0.0.1:9'),
      WORKER_WORKFLOW_BUNDLE_DIR: bundleDir,
    });
    const variants = [
      { label: 'prebuilt bundle (npm run build)', bundleDir: path.join(ROOT, 'dist', 'workflow-bundle') },
      { label: 'bundled at start (no prebuilt bundle)', bundleDir: path.join(ROOT, 'dist', 'no-workflow-bundle') },
    ];
    process.stdout.write(`worker-start: spawn to "worker running", ${starts} starts each, dev server\n`);
    for (const variant of variants) {
      const times: number[] = [];
      for (let i = 0; i < starts; i++) {
        const started = performance.now();
        const worker = startWorkerProcess(env(variant.bundleDir));
        await worker.running;
        times.push(performance.now() - started);
        await worker.stop();
      }
      process.stdout.write(
        `  ${variant.label}: median ${(median(times) / 1000).toFixed(2)} s ` +
          `(${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)\n`,
      );
    }
  } finally {
    await temporal.teardown();
  }
}
