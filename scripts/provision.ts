// `npm run provision`: finds or builds the Temporal CLI and the time-skipping test server, and says where.
import { resolveTemporalCli } from '../temporal/cli-binary';
import { resolveTestServer } from '../temporal/test-server-binary';

async function main(): Promise<void> {
  for (const [what, resolve] of [
    ['Temporal CLI (dev server)', resolveTemporalCli],
    ['time-skipping test server', resolveTestServer],
  ] as const) {
    const started = Date.now();
    const found = await resolve();
    const where = found.executable.type === 'existing-path' ? found.executable.path : found.source;
    process.stdout.write(`${what}: ${where} (${found.source}, ${Date.now() - started} ms)\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
