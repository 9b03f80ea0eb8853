// Delivering one update to a service's workflow: sent, accepted within a deadline (no worker must not hang
// a caller), then awaited when asked; followed to the next run when the run that took it continued as new
// before answering, under the same update id, so the workflow's carried changes keep it from running twice.
import {
  type Client,
  isGrpcDeadlineError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ServiceNoWorkerAnsweredError } from './errors';
import { describeService, serviceHandle } from './service';

/** Where an update stands once sent: accepted and running, or already settled. */
type Sent<Ret> =
  | { settled: false; handle: WorkflowUpdateHandle<Ret> }
  | { settled: true; value: Ret }
  | { settled: true; error: unknown };

/**
 * Sends the update and waits until the workflow accepts it. When the server already knows the outcome
 * (refused by the validator, or a repeated update that completed) that outcome is returned at once.
 */
async function sendUpdate<Ret, Arg>(
  client: Client,
  serviceId: string,
  name: string,
  arg: Arg,
  options: { updateId?: string; acceptTimeoutMs: number; operation: string },
): Promise<Sent<Ret>> {
  const handle = await client
    .withDeadline(Date.now() + options.acceptTimeoutMs, () =>
      serviceHandle(client, serviceId).startUpdate<Ret, [Arg]>(name, {
        args: [arg],
        updateId: options.updateId,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    )
    .catch((error: unknown) => {
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error)) {
        throw new ServiceNoWorkerAnsweredError(serviceId, `${options.operation} update`, options.acceptTimeoutMs);
      }
      throw error;
    });
  // With the outcome in hand, result() settles without a call; otherwise its poll meets the spent deadline.
  try {
    return { settled: true, value: await client.withDeadline(Date.now(), () => handle.result()) };
  } catch (error) {
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error)) {
      return { settled: false, handle };
    }
    return { settled: true, error };
  }
}

/** The update's value: at once when settled, after waiting when asked to, or undefined (accepted, running). */
async function outcomeOf<Ret>(sent: Sent<Ret>, wait: boolean): Promise<Ret | undefined> {
  if (!sent.settled) return wait ? sent.handle.result() : undefined;
  if ('error' in sent) throw sent.error;
  return sent.value;
}

// A long-lived workflow continues as new now and then; following a few runs in one call is plenty.
const MAX_RUNS_FOLLOWED = 5;

// The failure type the server gives an accepted update whose run closed before answering it.
const ABANDONED_UPDATE = 'AcceptedUpdateCompletedWorkflow';

function abandonedByItsRun(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === ABANDONED_UPDATE
  );
}

/** True when the service's workflow runs on in a run other than `runId`: that run continued as new. */
async function movedOn(client: Client, serviceId: string, runId: string | undefined): Promise<boolean> {
  const summary = await describeService(client, serviceId).catch(() => undefined);
  return summary?.status === 'Running' && summary.runId !== runId;
}

/**
 * Sends the update and, when asked, waits for its value. When the run that took it continued as new before
 * answering (the server then fails the update, or says "not found", while the workflow runs on), the update
 * is sent again, under the same update id, to the run now going: the workflow carries its changes, so the
 * change is not ordered twice.
 */
export async function deliver<Ret, Arg>(
  client: Client,
  serviceId: string,
  name: string,
  arg: Arg,
  options: { updateId?: string; acceptTimeoutMs: number; operation: string; wait: boolean },
): Promise<Ret | undefined> {
  for (let run = 1; ; run += 1) {
    let takenBy: string | undefined;
    try {
      const sent = await sendUpdate<Ret, Arg>(client, serviceId, name, arg, options);
      if (!sent.settled) takenBy = sent.handle.workflowRunId;
      return await outcomeOf(sent, options.wait);
    } catch (error) {
      const lost = error instanceof WorkflowNotFoundError || abandonedByItsRun(error);
      if (!lost || run >= MAX_RUNS_FOLLOWED || !(await movedOn(client, serviceId, takenBy))) throw error;
    }
  }
}
