// `npm run test:cluster`: the cluster's tests (test/cluster), on a real PostgreSQL and two Temporal
// server nodes. Finds PostgreSQL and provisions the server with visible progress first, then runs
// jest serially and ends with one plain line "N passed, N failed".
import { findPostgres } from '../local-cluster/postgres-binaries';
import { resolveTemporalServer } from '../temporal-servers/server-binary';
import { runJestAndExit } from './jest-run';

async function main(): Promise<void> {
  const started = Date.now();
  const postgres = await findPostgres();
  process.stderr.write(`[cluster] PostgreSQL ${postgres.version} from ${postgres.source}\n`);
  const kit = await resolveTemporalServer();
  process.stderr.write(
    `[cluster] Temporal server from ${kit.source} (${Math.round((Date.now() - started) / 1000)} s)\n`,
  );
  await runJestAndExit('jest-cluster', ['--config', 'jest.cluster.config.js', ...process.argv.slice(2)], started);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
