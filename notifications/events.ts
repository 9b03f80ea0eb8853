// What a notification is: its types, its shape on the wire and its stable id. Pure: imported by workflow
// code (which decides each event) as well as by the sender.

export const NOTIFICATION_TYPES = [
  'approval.required',
  'provisioning.failed',
  'activation.timedOut',
  'change.failed',
  'service.changedOutside',
  'service.disconnectedOutside',
  'budget.exceeded',
  'lumen.credentialsRejected',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** One POST of NOTIFY_FORMAT=json. Money in `details` is a decimal string with two decimals ("331.20"). */
export interface Notification {
  /** Stable for the event: the same on every retry and replay, so the receiver can drop duplicates. */
  id: string;
  type: NotificationType;
  /** ISO time the event was decided (workflow time for a workflow's event). */
  at: string;
  requestId?: string;
  serviceId?: string;
  /** Absent only for the worker's own lumen.credentialsRejected. */
  customerNumber?: string;
  /** One line a person can act on. */
  summary: string;
  details: Record<string, unknown>;
}

/** The workflow that POSTs one notification, retrying for a day; its workflow id is the notification's id. */
export const DELIVER_NOTIFICATION_WORKFLOW_TYPE = 'deliverNotification';

/** `iod-notify-<workflowId>-<type>[-<key>]`: derived from the emitting workflow and the event, never from time. */
export function notificationIdFor(workflowId: string, type: NotificationType, key?: string): string {
  return `iod-notify-${workflowId}-${type}${key === undefined ? '' : `-${key}`}`;
}
