// Operations on a provisioning that already exists, addressed by the caller's request id.
import {
  type Client,
  isGrpcDeadlineError,
  QueryNotRegisteredError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { QUERY_STATUS, UPDATE_APPROVE_PRICE, workflowIdFor } from '../domain/names';
import type { ApprovePriceInput, ProvisioningResult, ProvisioningStatus } from '../domain/status';
import {
  NoWorkerAnsweredError,
  PriceApprovalRejectedError,
  ProvisioningAlreadyEndedError,
  ProvisioningFailedError,
  ProvisioningNotFoundError,
  StatusUnavailableError,
} from './errors';
import { grpcRefusal } from './query-refusal';
import { summaryOf, type ProvisioningSummary } from './summary';

export interface AnswerOptions {
  /** How long to wait for a worker to answer; without a worker a query or update would wait indefinitely. */
  timeoutMs?: number;
}

export type ProvisioningOutcome =
  | { status: 'ACTIVE'; result: ProvisioningResult }
  | { status: 'FAILED'; failureType: string; message: string }
  | { status: 'CANCELLED' | 'TERMINATED' | 'TIMED_OUT'; message: string };

function handleFor(client: Client, requestId: string) {
  return client.workflow.getHandle<(request: unknown) => Promise<ProvisioningResult>>(workflowIdFor(requestId));
}

function notFoundAsTyped(requestId: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof WorkflowNotFoundError)
      throw new ProvisioningNotFoundError(requestId, workflowIdFor(requestId));
    throw error;
  };
}

/** What Temporal knows without asking the worker: execution status, times and search attributes. */
export async function describeProvisioning(client: Client, requestId: string): Promise<ProvisioningSummary> {
  const description = await handleFor(client, requestId).describe().catch(notFoundAsTyped(requestId));
  return summaryOf(description);
}

/** The workflow's `status` query: step, quote, order, service and the step history. */
export async function getStatus(
  client: Client,
  requestId: string,
  options: AnswerOptions = {},
): Promise<ProvisioningStatus> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  try {
    return await client.withDeadline(deadline, () =>
      handleFor(client, requestId).query<ProvisioningStatus>(QUERY_STATUS),
    );
  } catch (error) {
    // The deadline usually surfaces as DEADLINE_EXCEEDED, but as CANCELLED if it fires between retries.
    if (isGrpcDeadlineError(error) || Date.now() >= deadline - 100) {
      throw new NoWorkerAnsweredError(requestId, 'status query', timeoutMs);
    }
    // A run that failed before registering its handlers (an invalid request) has no status to give.
    if (error instanceof QueryNotRegisteredError) {
      throw new StatusUnavailableError(requestId, 'the workflow ended before it registered its status query');
    }
    // The server refuses (or drops) a query for a run that closed before or while it was asked.
    const refusal = grpcRefusal(error);
    if (refusal) throw new StatusUnavailableError(requestId, refusal);
    return notFoundAsTyped(requestId)(error);
  }
}

/** How a workflow that did not complete ended; shared with the service's outcome. */
export function outcomeOfFailure(error: WorkflowFailedError): Exclude<ProvisioningOutcome, { status: 'ACTIVE' }> {
  const cause = error.cause;
  if (cause instanceof CancelledFailure) return { status: 'CANCELLED', message: cause.message || 'cancelled' };
  if (cause instanceof TerminatedFailure) return { status: 'TERMINATED', message: cause.message || 'terminated' };
  if (cause instanceof TimeoutFailure) return { status: 'TIMED_OUT', message: cause.message || 'timed out' };
  if (cause instanceof ApplicationFailure) {
    return { status: 'FAILED', failureType: cause.type ?? 'Error', message: cause.message };
  }
  return { status: 'FAILED', failureType: 'Error', message: cause?.message ?? error.message };
}

/** Waits for the provisioning to end and says how it ended; never throws for a failed provisioning. */
export async function getOutcome(client: Client, requestId: string): Promise<ProvisioningOutcome> {
  try {
    return { status: 'ACTIVE', result: await handleFor(client, requestId).result() };
  } catch (error) {
    if (error instanceof WorkflowFailedError) return outcomeOfFailure(error);
    return notFoundAsTyped(requestId)(error);
  }
}

/** Waits for the result of an ACTIVE service; a failed or cancelled provisioning throws ProvisioningFailedError. */
export async function getResult(client: Client, requestId: string): Promise<ProvisioningResult> {
  const outcome = await getOutcome(client, requestId);
  if (outcome.status === 'ACTIVE') return outcome.result;
  const failureType = outcome.status === 'FAILED' ? outcome.failureType : outcome.status;
  throw new ProvisioningFailedError(requestId, failureType, outcome.message);
}

/**
 * Sends the approvePrice update; the workflow's validator decides, and its reason is kept on rejection.
 * Resolves with the workflow's own answer (what happens next) when it gives one.
 */
export async function approvePrice(
  client: Client,
  requestId: string,
  input: ApprovePriceInput,
  options: AnswerOptions = {},
): Promise<string | undefined> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    const answer = await client.withDeadline(Date.now() + timeoutMs, () =>
      handleFor(client, requestId).executeUpdate<unknown, [ApprovePriceInput]>(UPDATE_APPROVE_PRICE, { args: [input] }),
    );
    return typeof answer === 'string' && answer.length > 0 ? answer : undefined;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw new PriceApprovalRejectedError(requestId, input.quoteId, error.cause?.message ?? error.message);
    }
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error)) {
      throw new NoWorkerAnsweredError(requestId, 'approvePrice update', timeoutMs);
    }
    if (error instanceof WorkflowNotFoundError) {
      // The server answers "not found" for a closed run too; tell the two apart for the operator.
      const summary = await describeProvisioning(client, requestId);
      throw new PriceApprovalRejectedError(
        requestId,
        input.quoteId,
        `the provisioning has already ended (${summary.status})`,
      );
    }
    throw error;
  }
}

/**
 * Requests cancellation. The workflow decides what that means: nothing ordered yet → it stops;
 * after the order → it disconnects the service first. Refused for a provisioning that already ended.
 */
export async function cancelProvisioning(client: Client, requestId: string): Promise<void> {
  const summary = await describeProvisioning(client, requestId);
  if (summary.status !== 'Running') throw new ProvisioningAlreadyEndedError(requestId, summary.status);
  await handleFor(client, requestId).cancel().catch(notFoundAsTyped(requestId));
}
