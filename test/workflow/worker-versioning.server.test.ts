// Worker Versioning on a real dev server: a versioned worker of a new deployment makes its build
// current by itself, and the provisioning and service it runs are pinned to that build.
import { temporal } from '@temporalio/proto';
import pino from 'pino';
import { buildIdFor } from '../../workers/deployment';
import { runWorker } from '../../workers/worker';
import { freshRequestId } from '../env/requests';
import { sandboxRequest, useIntegrationStack } from './integration-stack';

const PINNED = temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_PINNED;
const stack = useIntegrationStack();

async function currentBuildOf(deploymentName: string): Promise<string | undefined> {
  const described = await stack.env.client.workflowService
    .describeWorkerDeployment({ namespace: stack.env.namespace ?? 'default', deploymentName })
    .catch(() => undefined);
  return described?.workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the first worker of a deployment makes its build current, and its workflows are pinned to it', async () => {
  const deploymentName = `lumen-iod-${freshRequestId('D')}`;
  const taskQueue = `iod-test-${freshRequestId()}`;
  const buildId = await buildIdFor(stack.workflowBundle);
  const stop = new AbortController();
  const running = runWorker(
    { ...stack.config(taskQueue), deployment: { name: deploymentName } },
    {
      connection: stack.env.nativeConnection,
      workflowBundle: stack.workflowBundle,
      logger: pino({ level: 'silent' }),
      signal: stop.signal,
    },
  );
  try {
    expect(
      await eventually(
        () => currentBuildOf(deploymentName),
        (b) => b !== undefined,
      ),
    ).toBe(buildId);

    const request = sandboxRequest();
    const handle = await stack.startProvisioning(taskQueue, request);
    const result = await handle.result();
    expect(result.status).toBe('ACTIVE');
    // The service's first workflow task may still be running when the provisioning returns.
    for (const workflowId of [handle.workflowId, result.serviceWorkflowId!]) {
      const versioning = await eventually(
        async () =>
          (await stack.env.client.workflow.getHandle(workflowId).describe()).raw.workflowExecutionInfo!.versioningInfo,
        (info) => Boolean(info?.behavior),
      );
      expect({ workflowId, behavior: versioning?.behavior, buildId: versioning?.deploymentVersion?.buildId }).toEqual({
        workflowId,
        behavior: PINNED,
        buildId,
      });
    }
  } finally {
    stop.abort();
    await running;
  }
});
