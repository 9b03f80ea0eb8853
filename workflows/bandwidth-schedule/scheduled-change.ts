// applyScheduledBandwidth: what a bandwidth calendar's Temporal Schedule starts at each firing. It
// applies changeBandwidth to the service's workflow with a changeId made of the schedule id and the
// firing's scheduled time, so a firing that is retried or caught up changes the service once.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { log, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { ChangeResult, ScheduledChangeInput, ScheduledChangeSkipped } from '../../domain/service';
import { scheduledChangeId } from '../../domain/service-names';
import { temporalCalls } from '../shared/activity-proxies';

/** Set by the Schedule on every workflow it starts: the time the firing was due. */
const scheduledStartTimeKey = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export async function applyScheduledBandwidth(
  input: ScheduledChangeInput,
): Promise<ChangeResult | ScheduledChangeSkipped> {
  const info = workflowInfo();
  const scheduledAt = info.typedSearchAttributes.get(scheduledStartTimeKey) ?? info.startTime;
  const result = await temporalCalls.applyBandwidthChange({
    serviceId: input.serviceId,
    speed: input.speed,
    changeId: scheduledChangeId(input.scheduleId, scheduledAt),
  });
  if (result.status === 'SKIPPED') {
    // A service disconnected (outside the project, too) between the firing and its calendar's removal.
    log.info('Bandwidth calendar firing skipped', { scheduleId: input.scheduleId, reason: result.reason });
    setCurrentDetails(`**Skipped**: ${result.reason}`);
  }
  return result;
}
