// The bare shape's activities: they return at once; the order has the bench's client signal the
// workflow twice, as the receiver signals a provisioning for each of Lumen's webhooks; the last starts the
// second workflow through the client, as the hand-over starts the service's.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';

export function bareActivities(client: Client) {
  return {
    async read(step: string): Promise<string> {
      return step;
    },
    async order(): Promise<void> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
      const handle = client.workflow.getHandle(workflowId);
      setImmediate(
        () =>
          void handle
            .signal('done')
            .then(() => handle.signal('done'))
            .catch(() => undefined),
      );
    },
    async startSecond(): Promise<string> {
      const { info } = Context.current();
      const workflowId = `${info.workflowExecution?.workflowId ?? 'bare'}-second`;
      await client.workflow.start('bareService', { workflowId, taskQueue: info.taskQueue });
      return workflowId;
    },
  };
}

export type BareActivities = ReturnType<typeof bareActivities>;
