// `npm test`: provisions the Temporal binaries with visible progress, runs jest serially, and ends
// with one plain line "N passed, N failed" taken from jest's own results.
import { resolveTemporalCli } from '../temporal/cli-binary';
import { resolveTestServer } from '../temporal/test-server-binary';
import { runJestAndExit } from './jest-run';

async function main(): Promise<void> {
  const started = Date.now();
  await resolveTemporalCli();
  await resolveTestServer();
  await runJestAndExit('jest', process.argv.slice(2), started);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
