// A bandwidth calendar's firing: the changeBandwidth update sent to the service's workflow, with the
// firing's own changeId as the update id, so a retried or caught-up firing changes the service once.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { serviceWorkflowIdFor, UPDATE_CHANGE_BANDWIDTH, type ChangeResult } from '../domain/service';
import { businessFailure } from './failures';

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
      return await handle.executeUpdate<ChangeResult, [{ changeId: string; speed: string }]>(UPDATE_CHANGE_BANDWIDTH, {
        args: [{ changeId: input.changeId, speed: input.speed }],
        updateId: input.changeId,
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
