// The hand-over from a provisioning to its service's own workflow: started through the Temporal client
// on the provisioning's task queue. Starting it again (a retried attempt, an adopted service) finds it
// running and is answered the same.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { handedOverMemo } from '../domain/handed-over';
import { SERVICE_WORKFLOW_TYPE, serviceWorkflowIdFor, type ServiceInput } from '../domain/service';

const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

export interface ServiceHandOver {
  workflowId: string;
  /** false when it was running already (adopted before, or an earlier attempt started it). */
  started: boolean;
}

export function startServiceManagementActivity({ temporalClient }: { temporalClient: () => Promise<Client> }) {
  return async function startServiceManagement(input: ServiceInput): Promise<ServiceHandOver> {
    const client = await temporalClient();
    const workflowId = serviceWorkflowIdFor(input.serviceId);
    try {
      const { handedOver } = input;
      const memo = handedOverMemo(handedOver);
      await client.workflow.start(SERVICE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: Context.current().info.taskQueue,
        args: [input],
        // Handed over active: started as its first workflow task would publish it, which then upserts nothing.
        typedSearchAttributes: [
          { key: keyword('LumenCustomerNumber'), value: input.customerNumber },
          { key: keyword('LumenServiceId'), value: input.serviceId },
          ...(handedOver
            ? [
                { key: keyword('LumenStep'), value: 'ACTIVE' },
                { key: keyword('LumenMasterSiteId'), value: handedOver.masterSiteId },
              ]
            : []),
        ],
        ...(memo ? { memo } : {}),
        staticSummary: `Service ${input.serviceId} of ${input.customerNumber}`,
      });
      return { workflowId, started: true };
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
      throw error;
    }
  };
}
