// The reconciliation Schedule: the worker, when it starts, creates or updates it to its own
// LUMEN_RECONCILE_INTERVAL (the setting of the worker started last applies), or deletes it for 'off'.
// One Schedule per task queue; each firing starts one reconcileManagedServices sweep, never two at once.
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import { DEFAULT_TASK_QUEUE } from '../domain/names';
import { RECONCILE_WORKFLOW_TYPE, reconcileScheduleIdFor } from '../domain/service-names';

export type ReconcileScheduleState = { scheduleId: string } & (
  { action: 'created' | 'updated'; intervalMs: number } | { action: 'deleted' | 'absent' }
);

export async function applyReconcileSchedule(
  client: Client,
  taskQueue: string,
  interval: number | 'off',
): Promise<ReconcileScheduleState> {
  const scheduleId = reconcileScheduleIdFor(taskQueue, DEFAULT_TASK_QUEUE);
  const handle = client.schedule.getHandle(scheduleId);
  if (interval === 'off') {
    try {
      await handle.delete();
      return { scheduleId, action: 'deleted' };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return { scheduleId, action: 'absent' };
      throw error;
    }
  }
  const options = scheduleOptions(scheduleId, taskQueue, interval);
  try {
    await client.schedule.create(options);
    return { scheduleId, action: 'created', intervalMs: interval };
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await handle.update((previous) => ({
    ...previous,
    spec: options.spec,
    action: options.action,
    policies: { ...previous.policies, ...options.policies },
    state: { ...previous.state, paused: false },
  }));
  return { scheduleId, action: 'updated', intervalMs: interval };
}

function scheduleOptions(scheduleId: string, taskQueue: string, intervalMs: number) {
  return {
    scheduleId,
    spec: { intervals: [{ every: intervalMs }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: RECONCILE_WORKFLOW_TYPE,
      workflowId: `${scheduleId}-sweep`,
      taskQueue,
      args: [] as [],
    },
    policies: {
      // A sweep still running when the next is due: the next is skipped, never queued behind it.
      overlap: ScheduleOverlapPolicy.SKIP,
      // Sweeps missed while Temporal was down are not made up: the next one compares everything anyway.
      catchupWindow: '1 minute',
    },
    memo: { purpose: 'compares every managed service with Lumen inventory (LUMEN_RECONCILE_INTERVAL)' },
  } satisfies ScheduleOptions;
}
