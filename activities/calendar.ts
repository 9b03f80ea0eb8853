// A bandwidth calendar's firing: the changeBandwidth update sent to the service's workflow under the
// firing's own changeId, so a retried or caught-up firing changes the service once; and the calendars
// of a disconnected service removed, so none fires at a service that is gone.
import { isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { changeUpdateId, checkedChange } from '../client/service-updates';
import { listBandwidthSchedules } from '../client/schedules';
import { serviceWorkflowIdFor, UPDATE_CHANGE_BANDWIDTH, type ChangeResult } from '../domain/service';
import { businessFailure } from './failures';

const GRPC_UNIMPLEMENTED = 12;

export interface ApplyBandwidthChangeInput {
  serviceId: string;
  changeId: string;
  speed: string;
}

export function applyBandwidthChangeActivity({ temporalClient }: { temporalClient: () => Promise<Client> }) {
  return async function applyBandwidthChange(input: ApplyBandwidthChangeInput): Promise<ChangeResult> {
    const client = await temporalClient();
    const handle = client.workflow.getHandle(serviceWorkflowIdFor(input.serviceId));
    try {
      const body = { changeId: input.changeId, speed: input.speed };
      return await handle.executeUpdate<ChangeResult, [typeof body]>(UPDATE_CHANGE_BANDWIDTH, {
        args: [body],
        updateId: changeUpdateId(checkedChange(body)),
      });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw businessFailure('ServiceNotFound', `Service ${input.serviceId} is not managed by a running workflow`);
      }
      if (error instanceof WorkflowUpdateFailedError) {
        // The service refused or failed the change: a retry would meet the same answer.
        const cause = error.cause;
        throw ApplicationFailure.create({
          type: cause instanceof ApplicationFailure ? (cause.type ?? 'ChangeFailed') : 'ChangeFailed',
          message: cause?.message ?? error.message,
          nonRetryable: true,
        });
      }
      throw error;
    }
  };
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
