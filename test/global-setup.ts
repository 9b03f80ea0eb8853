// Provisions the Temporal binaries once before any test file runs (a no-op when they are cached).
import { resolveTemporalCli } from '../temporal-servers/cli-binary';
import { resolveDevServer } from '../temporal-servers/dev-server-binary';
import { resolveTestServer } from '../temporal-servers/test-server-binary';

export default async function globalSetup(): Promise<void> {
  await resolveTemporalCli();
  await resolveDevServer();
  await resolveTestServer();
}
