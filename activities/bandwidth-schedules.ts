// A bandwidth calendar's firing: the changeBandwidth update sent to the service's workflow under the
// firing's own changeId, so a retried or caught-up firing changes the service once; and the calendars
// of a disconnected service removed, so none fires at a service that is gone.
import { CompleteAsyncError, Context } from '@temporalio/activity';
import {
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type Client,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { ApplicationFailure, defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { changeUpdateId, checkedChange } from '../client/service-updates';
import { listBandwidthSchedules } from '../client/schedules';
import {
  serviceWorkflowIdFor,
  UPDATE_CHANGE_BANDWIDTH,
  type ChangeResult,
  type ScheduledChangeSkipped,
} from '../domain/service';
import { businessFailure } from './failures';

const GRPC_UNIMPLEMENTED = 12;
const stepKey = defineSearchAttributeKey('LumenStep', SearchAttributeType.KEYWORD);

export interface ApplyBandwidthChangeInput {
  serviceId: string;
  changeId: string;
  speed: string;
}

export function applyBandwidthChangeActivity({
  temporalClient,
  logger,
}: {
  temporalClient: () => Promise<Client>;
  logger?: { warn(fields: object, message: string): void };
}) {
  return async function applyBandwidthChange(
    input: ApplyBandwidthChangeInput,
  ): Promise<ChangeResult | ScheduledChangeSkipped> {
    const client = await temporalClient();
    const handle = client.workflow.getHandle(serviceWorkflowIdFor(input.serviceId));
    const body = { changeId: input.changeId, speed: input.speed };
    let update: WorkflowUpdateHandle<ChangeResult>;
    try {
      // Accepted (or refused) here: the validator's answer is quick.
      update = await handle.startUpdate<ChangeResult, [typeof body]>(UPDATE_CHANGE_BANDWIDTH, {
        args: [body],
        updateId: changeUpdateId(checkedChange(body)),
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    } catch (error) {
      const skipped = await skippedFor(client, input, error);
      if (skipped) return skipped;
      throw changeFailure(error, input.serviceId);
    }
    // The change itself takes minutes behind others in the service's queue. Waiting for it here would hold
    // one of the worker's activity slots each: a thousand calendars firing in one minute would fill them
    // all and starve the very activities that carry the changes out. So the activity completes later,
    // from the client, and frees its slot now. A worker that dies meanwhile loses only the wait: the
    // activity times out, its retry sends the same update id again and the service answers once.
    const { taskToken } = Context.current().info;
    void update
      .result()
      .then(
        (result) => client.activity.complete(taskToken, result),
        async (error: unknown) => {
          const skipped = await skippedFor(client, input, error);
          if (skipped) return client.activity.complete(taskToken, skipped);
          return client.activity.fail(taskToken, changeFailure(error, input.serviceId));
        },
      )
      .catch((error: unknown) =>
        logger?.warn(
          { serviceId: input.serviceId, err: describe(error) },
          "a calendar firing's result was not reported",
        ),
      );
    throw new CompleteAsyncError();
  };
}

/**
 * A firing for a service that is gone (its workflow ended, or it is being disconnected) has nothing to
 * change: it ends quietly with the reason, rather than failing, or retrying, at a service that no longer
 * exists. So does one the service's budget refused.
 */
async function skippedFor(
  client: Client,
  input: ApplyBandwidthChangeInput,
  error: unknown,
): Promise<ScheduledChangeSkipped | undefined> {
  if (!(error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError)) return undefined;
  const skipped = (reason: string): ScheduledChangeSkipped => ({ changeId: input.changeId, status: 'SKIPPED', reason });
  // The service's budget refused it: recorded as such, and not tried again (the next firing is judged anew).
  if (
    error instanceof WorkflowUpdateFailedError &&
    (error.cause as ApplicationFailure | undefined)?.type === 'BudgetExceeded'
  ) {
    return skipped(`refused by the service's budget: ${error.cause?.message ?? ''}`);
  }
  const description = await client.workflow
    .getHandle(serviceWorkflowIdFor(input.serviceId))
    .describe()
    .catch(() => undefined);
  if (!description) return skipped(`no workflow manages service ${input.serviceId}; nothing was changed`);
  const step = description.typedSearchAttributes.get(stepKey);
  if (description.status.name !== 'RUNNING' || step === 'DISCONNECTING' || step === 'DISCONNECTED') {
    const why = error instanceof WorkflowUpdateFailedError && error.cause ? `: ${error.cause.message}` : '';
    return skipped(
      `service ${input.serviceId} is disconnected or being disconnected (its workflow is ${description.status.name}, ` +
        `${step ?? 'no status'})${why}; nothing was changed`,
    );
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a refused or failed change becomes for the firing's workflow. */
function changeFailure(error: unknown, serviceId: string): Error {
  if (error instanceof WorkflowNotFoundError) {
    return businessFailure('ServiceNotFound', `Service ${serviceId} is not managed by a running workflow`);
  }
  if (error instanceof WorkflowUpdateFailedError) {
    // The service refused or failed the change: a retry would meet the same answer.
    const cause = error.cause;
    return ApplicationFailure.create({
      type: cause instanceof ApplicationFailure ? (cause.type ?? 'ChangeFailed') : 'ChangeFailed',
      message: cause?.message ?? error.message,
      nonRetryable: true,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function removeServiceSchedulesActivity({ temporalClient }: { temporalClient: () => Promise<Client> }) {
  return async function removeServiceSchedules(input: { serviceId: string }): Promise<string[]> {
    const client = await temporalClient();
    const schedules = await listBandwidthSchedules(client, input.serviceId).catch((error: unknown) => {
      // A server without Schedules (Temporal's time-skipping test server) has no calendar to remove.
      if (unimplemented(error)) return [];
      throw error;
    });
    for (const schedule of schedules) {
      await client.schedule
        .getHandle(schedule.scheduleId)
        .delete()
        .catch(() => undefined); // removed meanwhile
    }
    return schedules.map((schedule) => schedule.scheduleId);
  };
}

function unimplemented(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e) && e.code === GRPC_UNIMPLEMENTED) return true;
  }
  return false;
}
