// The service's names, ids and the few pure rules about them, without zod: workflow code imports these
// eagerly, and each workflow in the worker's cache evaluates what it imports for itself (see
// workflows/schemas.ts). Re-exported by domain/service.ts, where the public shapes and schemas are.

export const SERVICE_WORKFLOW_TYPE = 'manageInternetOnDemandService';
export const SERVICE_WORKFLOW_ID_PREFIX = 'iod-service-';
export const UPDATE_CHANGE_BANDWIDTH = 'changeBandwidth';
export const UPDATE_DISCONNECT = 'disconnect';
export const QUERY_SERVICE = 'service';

/** One service, one workflow: the id derives from Lumen's service id. */
export function serviceWorkflowIdFor(serviceId: string): string {
  return `${SERVICE_WORKFLOW_ID_PREFIX}${serviceId}`;
}

/** The inverse of serviceWorkflowIdFor; undefined for other ids. */
export function serviceIdOf(workflowId: string): string | undefined {
  return workflowId.startsWith(SERVICE_WORKFLOW_ID_PREFIX)
    ? workflowId.slice(SERVICE_WORKFLOW_ID_PREFIX.length)
    : undefined;
}

/** Where a service stands; also its LumenStep search attribute. */
export const SERVICE_STATUSES = ['PENDING_ACTIVATION', 'ACTIVE', 'CHANGING', 'DISCONNECTING', 'DISCONNECTED'] as const;
export type ServiceStatusName = (typeof SERVICE_STATUSES)[number];

/** A change as the workflow keeps it: speed in megabits, durations in milliseconds. */
export interface ChangeRequest {
  changeId: string;
  mbps: number;
  maxMonthlyCents?: number;
  revertAfterMs?: number;
}

/** Two requests under one changeId must ask for the same thing. */
export function sameChange(a: ChangeRequest, b: ChangeRequest): boolean {
  return a.mbps === b.mbps && a.maxMonthlyCents === b.maxMonthlyCents && a.revertAfterMs === b.revertAfterMs;
}

// ---- Bandwidth calendars (Temporal Schedules) ------------------------------------------------------

export const SCHEDULED_CHANGE_WORKFLOW_TYPE = 'applyScheduledBandwidth';
export const SCHEDULE_ID_PREFIX = 'iod-schedule-';

const SCHEDULE_NAME = /^[A-Za-z0-9_-]{1,40}$/;

export function isScheduleName(name: string): boolean {
  return SCHEDULE_NAME.test(name);
}

/** iod-schedule-<serviceId>-<name> */
export function scheduleIdFor(serviceId: string, name: string): string {
  return `${SCHEDULE_ID_PREFIX}${serviceId}-${name}`;
}

/** The change a firing applies: the same for a retried or caught-up firing of the same scheduled time. */
export function scheduledChangeId(scheduleId: string, scheduledAt: Date): string {
  return `${scheduleId}@${scheduledAt.toISOString()}`;
}
