// The activities a history shows: scheduled ones by their events, local ones by the markers that record
// their results (core writes a marker's data as JSON naming the activity type).
import type { temporal } from '@temporalio/proto';

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
