// Worker Versioning: which deployment version this worker serves, and the first worker of a deployment
// with no current version making itself current, so one command starts a versioned deployment.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { WorkflowBundleOption, WorkerOptions } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import type { Logger } from '../logging/logger';
import { packageVersion } from './project';
import type { DeploymentSettings } from './config';

export type WorkerDeploymentOptions = NonNullable<WorkerOptions['workerDeploymentOptions']>;

/** `1.0.0-3f2a9c81d0be`: the release and the first 12 hex digits of the bundle's SHA-256, so equal code gets one id. */
export async function buildIdFor(bundle: WorkflowBundleOption, version = packageVersion()): Promise<string> {
  const code = 'code' in bundle ? bundle.code : await readFile(bundle.codePath, 'utf8');
  return `${version}-${createHash('sha256').update(code).digest('hex').slice(0, 12)}`;
}

/**
 * Every workflow is pinned to the build that started it: a provisioning finishes on its build; a
 * service moves to a new build only at its own continue-as-new (workflows/service/service.ts).
 */
export function deploymentOptionsFor(deploymentName: string, buildId: string): WorkerDeploymentOptions {
  return {
    version: { deploymentName, buildId },
    useWorkerVersioning: true,
    defaultVersioningBehavior: 'PINNED',
  };
}

export async function resolveDeployment(
  settings: DeploymentSettings,
  bundle: WorkflowBundleOption,
): Promise<{ deploymentName: string; buildId: string; options: WorkerDeploymentOptions }> {
  const buildId = settings.buildId ?? (await buildIdFor(bundle));
  return { deploymentName: settings.name, buildId, options: deploymentOptionsFor(settings.name, buildId) };
}

type WorkflowService = Pick<
  temporal.api.workflowservice.v1.WorkflowService,
  'describeWorkerDeployment' | 'setWorkerDeploymentCurrentVersion'
>;

export interface BecomeCurrentOptions {
  workflowService: WorkflowService;
  namespace: string;
  deploymentName: string;
  buildId: string;
  identity: string;
  logger: Logger;
  signal?: AbortSignal;
  /** How often to look while the server has not yet seen this worker's pollers. */
  intervalMs?: number;
  /** How long to keep looking before giving up (and leaving it to the runbook). */
  timeoutMs?: number;
}

export type BecomeCurrentOutcome = 'made-current' | 'already-current' | 'other-current' | 'gave-up';

const codeOf = (error: unknown) => (error as { code?: number } | undefined)?.code;
// gRPC status codes; grpc-js is the SDK's dependency, not ours, so the numbers are spelled out.
const EXPECTED_WHILE_REGISTERING = new Set([5 /* NOT_FOUND */, 9 /* FAILED_PRECONDITION */, 10 /* ABORTED */]);

/**
 * Makes this build the deployment's current version if it has none; leaves any other current version
 * alone (moving to a new build is the runbook's `set-current-version`, never a worker's start).
 */
export async function becomeCurrentIfNone(options: BecomeCurrentOptions): Promise<BecomeCurrentOutcome> {
  const { workflowService, namespace, deploymentName, buildId, logger } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (!options.signal?.aborted && Date.now() < deadline) {
    try {
      const described = await workflowService.describeWorkerDeployment({ namespace, deploymentName });
      const info = described.workerDeploymentInfo;
      const current = info?.routingConfig?.currentDeploymentVersion?.buildId;
      if (current) return current === buildId ? 'already-current' : 'other-current';
      // The server registers a version once it has seen that version's pollers on every task queue.
      const registered = info?.versionSummaries?.some((v) => v.deploymentVersion?.buildId === buildId);
      if (registered) {
        await workflowService.setWorkerDeploymentCurrentVersion({
          namespace,
          deploymentName,
          buildId,
          conflictToken: described.conflictToken,
          identity: options.identity,
        });
        logger.info({ deploymentName, buildId }, 'worker deployment had no current version: this build is now current');
        return 'made-current';
      }
    } catch (error) {
      // Not found: no poller reached the server yet. A conflict: another worker changed it; look again.
      if (!EXPECTED_WHILE_REGISTERING.has(codeOf(error) ?? -1)) {
        logger.warn({ deploymentName, buildId, err: error }, 'could not read the worker deployment; trying again');
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (!options.signal?.aborted) {
    logger.warn({ deploymentName, buildId }, 'gave up making this build current: set it with the runbook');
  }
  return 'gave-up';
}
