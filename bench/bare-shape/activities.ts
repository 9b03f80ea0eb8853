// The bare shape's activities: they return at once; the order has the bench's client signal the
// workflow, as the receiver signals a provisioning when Lumen's webhook arrives.
import { Context } from '@temporalio/activity';

export function bareActivities(signal: (workflowId: string) => Promise<void>) {
  return {
    async read(step: string): Promise<string> {
      return step;
    },
    async order(): Promise<void> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
      setImmediate(() => void signal(workflowId).catch(() => undefined));
    },
    async poll(): Promise<void> {
      return undefined;
    },
    async handOver(): Promise<void> {
      return undefined;
    },
  };
}

export type BareActivities = ReturnType<typeof bareActivities>;
