// The service's names, ids and the few pure rules about them, without zod: workflow code imports these
// eagerly, and each workflow in the worker's cache evaluates what it imports for itself (see
// workflows/shared/parsers.ts). Re-exported by domain/service.ts, where the public shapes and schemas are.

export const SERVICE_WORKFLOW_TYPE = 'manageInternetOnDemandService';
export const SERVICE_WORKFLOW_ID_PREFIX = 'iod-service-';
export const UPDATE_CHANGE_BANDWIDTH = 'changeBandwidth';
export const UPDATE_DISCONNECT = 'disconnect';
export const UPDATE_SET_BUDGET = 'setBudget';
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

/** The externalId of the service workflow's `seq`th order (change or disconnect): Lumen allows 20 characters. */
export function serviceOrderExternalId(serviceId: string, seq: number): string {
  const suffix = `-${seq}`;
  return `${serviceId.slice(-(20 - suffix.length))}${suffix}`;
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

// ---- Reconciliation with Lumen's inventory ---------------------------------------------------------

/** The sweep a Temporal Schedule starts every LUMEN_RECONCILE_INTERVAL, and the schedule's id. */
export const RECONCILE_WORKFLOW_TYPE = 'reconcileManagedServices';
export const RECONCILE_SCHEDULE_ID = 'iod-reconcile';

/** One schedule per task queue: iod-reconcile for the default queue, iod-reconcile-<queue> for others. */
export function reconcileScheduleIdFor(taskQueue: string, defaultTaskQueue: string): string {
  return taskQueue === defaultTaskQueue ? RECONCILE_SCHEDULE_ID : `${RECONCILE_SCHEDULE_ID}-${taskQueue}`;
}

/** The signal the sweep sends a service whose inventory row differs from what it last published. */
export const SIGNAL_RECONCILE = 'reconcileWithInventory';

/** Memo key under which a service's workflow publishes what it last learned of Lumen's inventory. */
export const INVENTORY_MEMO_KEY = 'lumenInventory';

/** What the memo holds: Lumen's status word and speed, as the workflow last learned them. */
export interface InventoryMemo {
  status: string;
  mbps: number | null;
}

/** Where a service stands in the flow's terms, from Lumen's status word (the words are in lumen/assumptions.ts). */
export type ServicePhase =
  | 'pending'
  | 'changing'
  | 'active'
  | 'activationFailed'
  | 'disconnecting'
  | 'disconnected'
  | 'disconnectionFailed'
  | 'unknown';

/** What the sweep read of one service: its row, or that the customer's inventory no longer lists it. */
export interface InventoryNotice {
  /** When the sweep read it (ISO): a notice older than what the workflow learned since is ignored. */
  readAt: string;
  /** null: the customer's whole inventory was read and the service is not in it. */
  row: { status: string; phase: ServicePhase; mbps: number | null } | null;
}

/** Lumen's status words compare case- and spacing-insensitively. */
export function sameLumenStatus(a: string, b: string): boolean {
  const normal = (status: string) => status.trim().replace(/\s+/g, ' ').toLowerCase();
  return normal(a) === normal(b);
}

/** The short workflow behind `lumen-iod adopt --all`: Lumen's credentials live only in the worker. */
export const ADOPT_ALL_WORKFLOW_TYPE = 'adoptCustomerServices';
