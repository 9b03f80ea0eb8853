// Counts a history's billable actions the way Temporal Cloud bills them: the start, each activity
// scheduled, each workflow task's local activities (one action for all of them), each timer, each
// signal, each search-attribute upsert (the versioning marker's TemporalChangeVersion excepted), each
// child workflow started and each update.
import type { temporal } from '@temporalio/proto';
import { temporal as proto } from '@temporalio/proto';

const { EventType } = proto.api.enums.v1;

export interface ActionCount {
  total: number;
  byKind: Record<string, number>;
  workflowTasks: number;
  events: number;
}

export function billableActions(history: temporal.api.history.v1.IHistory): ActionCount {
  const byKind: Record<string, number> = {};
  const add = (kind: string) => (byKind[kind] = (byKind[kind] ?? 0) + 1);
  let workflowTasks = 0;
  let localActivitiesInTask = false;
  for (const event of history.events ?? []) {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        add('workflow started');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        workflowTasks += 1;
        localActivitiesInTask = false;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        add('activity');
        break;
      case EventType.EVENT_TYPE_MARKER_RECORDED:
        if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity' && !localActivitiesInTask) {
          localActivitiesInTask = true;
          add('local activities of one workflow task');
        }
        break;
      case EventType.EVENT_TYPE_TIMER_STARTED:
        add('timer');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        add('signal');
        break;
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const fields = Object.keys(
          event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
        );
        if (fields.some((name) => name !== 'TemporalChangeVersion')) add('search-attribute upsert');
        break;
      }
      case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
        add('child workflow');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        add('update');
        break;
      default:
        break;
    }
  }
  const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  return { total, byKind, workflowTasks, events: history.events?.length ?? 0 };
}
