// Provisions the Temporal binaries once before any test file runs (a no-op when they are cached).
import { resolveTemporalCli } from '../temporal/cli-binary';
import { resolveDevServer } from '../temporal/dev-server-binary';
import { resolveTestServer } from '../temporal/test-server-binary';

export default async function globalSetup(): Promise<void> {
  await resolveTemporalCli();
  await resolveDevServer();
  await resolveTestServer();
}
