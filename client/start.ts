// Starting a provisioning: validate first, then start with an id derived from the request id so a
// retried start can never order twice.
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
import { InvalidProvisioningRequestError, ProvisioningAlreadyExistsError } from './errors';
import { searchAttributeKey } from './search-attributes';

export interface StartOptions {
  /** Defaults to TEMPORAL_TASK_QUEUE or lumen-iod, the queue the worker polls. */
  taskQueue?: string;
}

export interface StartedProvisioning {
  requestId: string;
  workflowId: string;
  runId: string;
  taskQueue: string;
  handle: WorkflowHandle<(request: ProvisioningRequestInput) => Promise<ProvisioningResult>>;
}

/**
 * Validates the request with the workflow's own schema, then starts `provisionInternetOnDemand`.
 * The caller's input is sent as given (durations as text) so the history shows what any client would send.
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
  try {
    const handle = await client.workflow.start<(request: ProvisioningRequestInput) => Promise<ProvisioningResult>>(
      WORKFLOW_TYPE,
      {
        workflowId,
        taskQueue,
        args: [request],
        // Even a completed or failed run keeps its id: a backend's retried start must not order again.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [{ key: searchAttributeKey.LumenCustomerNumber, value: customerNumber }],
        staticSummary: `${speed} via ${partner} for ${customerNumber}`,
      },
    );
    return { requestId, workflowId, runId: handle.firstExecutionRunId, taskQueue, handle };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw new ProvisioningAlreadyExistsError(requestId, workflowId);
    }
    throw error;
  }
}
