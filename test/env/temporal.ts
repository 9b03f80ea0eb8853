// Temporal servers for tests: the dev server (real persistence, visibility, search attributes) and
// the time-skipping test server (hours of workflow time in milliseconds).
import { temporal } from '@temporalio/proto';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../domain/names';
import { explainNoBinary } from '../../temporal-servers/cli-binary';
import { resolveDevServer } from '../../temporal-servers/dev-server-binary';
import { searchAttributeKeys } from '../../temporal-servers/search-attributes';
import { resolveTestServer } from '../../temporal-servers/test-server-binary';
import { testDataConverter } from './codec';
import { freePort } from './free-port';

/**
 * A dev server on a random port with the project's search attributes registered, its client encrypting
 * with the test key unless told otherwise (workers pass testDataConverter too). Tear it down in afterAll.
 */
export async function startDevEnvironment(
  dataConverter: DataConverter = testDataConverter,
): Promise<TestWorkflowEnvironment> {
  const cli = await resolveDevServer();
  try {
    return await TestWorkflowEnvironment.createLocal({
      server: {
        executable: cli.executable,
        // Not the SDK's own choice, which comes from the range outgoing connections take ports from.
        port: await freePort(),
        searchAttributes: searchAttributeKeys(),
        extraArgs: ['--dynamic-config-value', 'frontend.enableExecuteMultiOperation=true'],
      },
      client: { dataConverter },
    });
  } catch (error) {
    throw new Error(explainNoBinary('Temporal dev server', cli.tried, error));
  }
}

/**
 * A time-skipping environment, encrypting like startDevEnvironment: timers fire as soon as the workflow
 * would otherwise wait. The Java test server knows no custom search attributes until told, and the
 * workflow upserts them, so they are registered here.
 */
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const server = await resolveTestServer();
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: server.executable },
      client: { dataConverter: testDataConverter },
    });
  } catch (error) {
    throw new Error(explainNoBinary('time-skipping test server', server.tried, error));
  }
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((name) => [name, keyword])),
  });
  return env;
}
