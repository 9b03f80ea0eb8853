// `npm test`: the whole suite. Provisions what it needs with visible progress (the Temporal CLI, the dev
// server and the test server, then PostgreSQL and the Temporal server for the cluster's tests), runs the suites in
// turn, and ends with one plain line "N passed, N failed" over all of them. With arguments (a path,
// -t …) it runs the main suite alone with them.
import { findPostgres } from '../local-cluster/postgres-binaries';
import { resolveTemporalCli } from '../temporal-servers/cli-binary';
import { resolveDevServer } from '../temporal-servers/dev-server-binary';
import { resolveTemporalServer } from '../temporal-servers/server-binary';
import { resolveTestServer } from '../temporal-servers/test-server-binary';
import { reportAndExit, runSuite, type SuiteResult } from './jest-run';

async function main(): Promise<void> {
  const started = Date.now();
  const args = process.argv.slice(2);
  await resolveTemporalCli();
  await resolveDevServer();
  await resolveTestServer();
  const results: SuiteResult[] = [await runSuite('jest', args)];
  if (args.length === 0) {
    const postgres = await findPostgres();
    process.stderr.write(`[cluster] PostgreSQL ${postgres.version} from ${postgres.source}\n`);
    await resolveTemporalServer();
    results.push(await runSuite('jest-cluster', ['--config', 'jest.cluster.config.js']));
  }
  reportAndExit(results, started);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
