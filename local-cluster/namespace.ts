// The namespace and the project's search attributes (all Keyword, as domain/names.ts lists them),
// created once through one frontend and then awaited on every frontend, as each caches them.
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../domain/names';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
/** As deploy/temporal/create-namespace.sh gives docker-compose.yml's namespace. */
const RETENTION = '30 days';
const SEEN_TIMEOUT_MS = 60_000;
/** gRPC's status code 6. */
const ALREADY_EXISTS = 6;

async function withConnection<T>(address: string, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

async function missingSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  return SEARCH_ATTRIBUTES.filter((name) => customAttributes?.[name] !== KEYWORD);
}

/** Registers the namespace and adds the search attributes it lacks; safe to run on every start. */
export async function ensureNamespace(address: string, namespace: string, log: (line: string) => void): Promise<void> {
  await withConnection(address, async (connection) => {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(RETENTION),
      });
      log(`namespace ${namespace} created (retention ${RETENTION})`);
    } catch (error) {
      if (!isGrpcServiceError(error) || error.code !== ALREADY_EXISTS) throw error;
      log(`namespace ${namespace} found again`);
    }
    const missing = await missingSearchAttributes(connection, namespace).catch(() => [...SEARCH_ATTRIBUTES]);
    if (missing.length) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])),
      });
      log(`search attributes ${missing.join(', ')} created (Keyword)`);
    }
  });
}

/** A visibility query naming every attribute: it fails until the frontend's namespace cache maps them all. */
const USING_EVERY_ATTRIBUTE = SEARCH_ATTRIBUTES.map((name) => `${name} = 'cluster-ready-check'`).join(' AND ');

/**
 * Waits until this frontend knows the namespace and every search attribute. Listing them reads the
 * database, but starts are checked against a cache each node refreshes every few seconds, so the
 * wait ends only when a query using them all is accepted.
 */
export async function awaitNamespace(address: string, namespace: string): Promise<void> {
  const deadline = Date.now() + SEEN_TIMEOUT_MS;
  let last = 'not asked yet';
  while (Date.now() < deadline) {
    try {
      const missing = await withConnection(address, async (connection) => {
        await connection.workflowService.describeNamespace({ namespace });
        const listed = await missingSearchAttributes(connection, namespace);
        if (listed.length) return listed;
        await connection.workflowService.countWorkflowExecutions({ namespace, query: USING_EVERY_ATTRIBUTE });
        return [];
      });
      if (!missing.length) return;
      last = `search attributes ${missing.join(', ')} not there yet`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `the frontend at ${address} did not show namespace ${namespace} within ${SEEN_TIMEOUT_MS} ms: ${last}`,
  );
}
