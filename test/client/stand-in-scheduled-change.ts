// A stand-in for applyScheduledBandwidth, the workflow a bandwidth calendar's schedule starts: it derives
// the change id from the schedule id and the firing's scheduled time and hands the change to an activity.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { scheduledChangeId, type ChangeResult, type ScheduledChangeInput } from '../../domain/service';
import type { ScheduledChangeActivities } from './stand-in-worker';

const scheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const { applyScheduledChange } = proxyActivities<ScheduledChangeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

export async function applyScheduledBandwidth(input: ScheduledChangeInput): Promise<ChangeResult> {
  // The server sets it on every workflow a schedule starts; the start time stands in for a manual start.
  const scheduledAt = workflowInfo().typedSearchAttributes.get(scheduledStartTime) ?? workflowInfo().startTime;
  const changeId = scheduledChangeId(input.scheduleId, scheduledAt);
  return applyScheduledChange({ serviceId: input.serviceId, changeId, speed: input.speed });
}
