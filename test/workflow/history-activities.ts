// The activities a history shows: scheduled ones by their events, local ones by the markers that record
// their results (core writes a marker's data as JSON naming the activity type); and its upserts.
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export function scheduledActivities(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
    return type ? [type] : [];
  });
}

export function localActivities(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const type = localActivityOf(event);
    return type ? [type] : [];
  });
}

/** The activity type a local activity's marker records, if the event is one. */
export function localActivityOf(event: temporal.api.history.v1.IHistoryEvent): string | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  if (!data) return undefined;
  return String((JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type);
}

const { EventType } = temporal.api.enums.v1;

/** Search-attribute and memo upserts, in history order. */
export function upserts(history: History): ('search attributes' | 'memo')[] {
  return (history.events ?? []).flatMap((event) => {
    if (event.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
      return ['search attributes' as const];
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED) return ['memo' as const];
    return [];
  });
}

/** Workflow tasks the history shows completed. */
export function completedWorkflowTasks(history: History): number {
  return (history.events ?? []).filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
    .length;
}
