// Hands a notification to its delivery workflow, whose workflow id is the notification's id: starting it
// again (a retried task, a replayed decision, a second worker in the same outage) finds it and is fine.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { DELIVER_NOTIFICATION_WORKFLOW_TYPE, type Notification } from './events';

export async function startDelivery(
  client: Client,
  taskQueue: string,
  notification: Notification,
): Promise<{ started: boolean }> {
  try {
    await client.workflow.start(DELIVER_NOTIFICATION_WORKFLOW_TYPE, {
      workflowId: notification.id,
      taskQueue,
      args: [notification],
      // One delivery per id, even after an earlier one finished: the receiver hears each event once.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: `Notification ${notification.type}`,
    });
    return { started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { started: false };
    throw error;
  }
}
