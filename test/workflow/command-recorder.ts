// A workflow interceptor for tests: tells a sink which activities and timers the workflow asks for, and
// whether it was replaying them or deciding them anew.
import { proxySinks, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

export interface CommandSinks extends Sinks {
  commands: {
    activity(activityType: string, replaying: boolean): void;
    timer(durationMs: number, replaying: boolean): void;
  };
}

const { commands } = proxySinks<CommandSinks>();

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      async scheduleActivity(input, next) {
        commands.activity(input.activityType, workflowInfo().unsafe.isReplaying);
        return next(input);
      },
      async startTimer(input, next) {
        commands.timer(input.durationMs, workflowInfo().unsafe.isReplaying);
        return next(input);
      },
    },
  ],
});
