// `npm run provision`: finds or builds the Temporal CLI, the dev server, the time-skipping test server and
// the cluster's Temporal server, and says where and how long each took.
import { resolveTemporalCli } from '../temporal-servers/cli-binary';
import { resolveDevServer } from '../temporal-servers/dev-server-binary';
import { resolveTemporalServer } from '../temporal-servers/server-binary';
import { resolveTestServer } from '../temporal-servers/test-server-binary';

async function main(): Promise<void> {
  for (const [what, resolve] of [
    ['Temporal CLI', resolveTemporalCli],
    ['dev server (Temporal server on SQLite, Web UI)', resolveDevServer],
    ['time-skipping test server', resolveTestServer],
  ] as const) {
    const started = Date.now();
    const found = await resolve();
    const where = found.executable.type === 'existing-path' ? found.executable.path : found.source;
    process.stdout.write(`${what}: ${where} (${found.source}, ${Date.now() - started} ms)\n`);
  }
  const started = Date.now();
  const kit = await resolveTemporalServer();
  process.stdout.write(`Temporal server (cluster): ${kit.server} (${kit.source}, ${Date.now() - started} ms)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
