// Starting a provisioning: validate first, then start with an id derived from the request id so a
// retried start can never order twice; a retry of the identical request gets the same provisioning back.
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  type WorkflowHandle,
} from '@temporalio/client';
import { WORKFLOW_TYPE, workflowIdFor } from '../domain/names';
import { parseProvisioningRequest, type ProvisioningRequestInput } from '../domain/request';
import type { ProvisioningResult } from '../domain/status';
import { taskQueueFrom } from './connection';
import {
  InvalidProvisioningRequestError,
  ProvisioningAlreadyExistsError,
  ProvisioningRequestConflictError,
} from './errors';
import { REQUEST_DIGEST_MEMO, requestDigest } from './request-digest';
import { searchAttributeKey } from './search-attributes';

export interface StartOptions {
  /** Defaults to TEMPORAL_TASK_QUEUE or lumen-iod, the queue the worker polls. */
  taskQueue?: string;
}

type ProvisioningWorkflow = (request: ProvisioningRequestInput) => Promise<ProvisioningResult>;

export interface StartedProvisioning {
  requestId: string;
  workflowId: string;
  /** The first run's id. */
  runId: string;
  taskQueue: string;
  /** True when this start was a retry of the identical request: the provisioning already existed. */
  alreadyStarted: boolean;
  handle: WorkflowHandle<ProvisioningWorkflow>;
}

/**
 * Validates the request with the workflow's own schema, then starts `provisionInternetOnDemand`.
 * The caller's input is sent as given (durations as text) so the history shows what any client would send;
 * the digest of its normalised form goes into the memo so a retried start can recognise it.
 */
export async function startProvisioning(
  client: Client,
  request: ProvisioningRequestInput,
  options: StartOptions = {},
): Promise<StartedProvisioning> {
  const parsed = parseProvisioningRequest(request);
  if (!parsed.ok) throw new InvalidProvisioningRequestError(parsed.problems);
  const { requestId, customerNumber, partner, speed } = parsed.request;
  const workflowId = workflowIdFor(requestId);
  const taskQueue = options.taskQueue ?? taskQueueFrom(process.env);
  const digest = requestDigest(parsed.request);
  try {
    const handle = await client.workflow.start<ProvisioningWorkflow>(WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [request],
      // Even a completed or failed run keeps its id: a backend's retried start must not order again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [{ key: searchAttributeKey.LumenCustomerNumber, value: customerNumber }],
      memo: { [REQUEST_DIGEST_MEMO]: digest },
      staticSummary: `${speed} via ${partner} for ${customerNumber}`,
    });
    return { requestId, workflowId, runId: handle.firstExecutionRunId, taskQueue, alreadyStarted: false, handle };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return startedBefore(client, requestId, digest);
    throw error;
  }
}

/** The provisioning already started under this request id, if it was started with the identical request. */
async function startedBefore(client: Client, requestId: string, digest: string): Promise<StartedProvisioning> {
  const workflowId = workflowIdFor(requestId);
  const description = await client.workflow.getHandle(workflowId).describe();
  // describe() decodes the memo with the client's data converter, codec included.
  const recorded = description.memo?.[REQUEST_DIGEST_MEMO];
  if (typeof recorded !== 'string') {
    throw new ProvisioningAlreadyExistsError(
      requestId,
      workflowId,
      'it records no request digest (another client started it), so it cannot be shown to be this request',
    );
  }
  if (recorded !== digest) throw new ProvisioningRequestConflictError(requestId, workflowId);
  const runId = description.raw.workflowExecutionInfo?.firstRunId || description.runId;
  return {
    requestId,
    workflowId,
    runId,
    taskQueue: description.taskQueue,
    alreadyStarted: true,
    handle: client.workflow.getHandle<ProvisioningWorkflow>(workflowId, undefined, { firstExecutionRunId: runId }),
  };
}
