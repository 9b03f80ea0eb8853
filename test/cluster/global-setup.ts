// Provisions the Temporal server and its SQL tool once before the cluster's tests (a no-op when cached),
// and fails at once, naming every route, when PostgreSQL cannot be found.
import { findPostgres } from '../../local-cluster/postgres-binaries';
import { resolveTemporalServer } from '../../temporal-servers/server-binary';

export default async function globalSetup(): Promise<void> {
  await Promise.all([resolveTemporalServer(), findPostgres()]);
}
