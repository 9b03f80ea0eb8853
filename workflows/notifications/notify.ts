// notify(): a workflow tells people of an event that needs them. The event and its id are this
// workflow's decision (replays and retries send the same one); delivery runs in its own workflow,
// started here through a local activity, so a slow or dead endpoint never holds this workflow up.
import { isCancellation, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { ProvisioningActivities } from '../../activities';
import { notificationIdFor, type Notification, type NotificationType } from '../../notifications/events';
import { TEMPORAL_UNREACHABLE_RETRY } from '../shared/activity-proxies';
import { describeFailure } from '../shared/failures';

/** What a workflow emits; the id and the time are added here. */
export interface NotificationEvent {
  type: Exclude<NotificationType, 'lumen.credentialsRejected'>;
  /** Tells apart several events of one type in one workflow (a quote id, a change id); omit when there is one. */
  key?: string;
  /** Always given, except by a refused request that named none. */
  customerNumber?: string;
  requestId?: string;
  serviceId?: string;
  summary: string;
  /** Money as decimal strings ("331.20"); never the order contact or a secret. */
  details: Record<string, unknown>;
}

/** The worker's settings as the workflow recorded them (acceptRequest, readSettings, or the hand-over). */
export interface NotificationSwitch {
  notifications?: boolean;
}

const { startNotification } = proxyLocalActivities<Pick<ProvisioningActivities, 'startNotification'>>({
  startToCloseTimeout: '1 minute',
  // Temporal unreachable for this long means the workflow cannot complete anyway; the event is noted instead.
  scheduleToCloseTimeout: '10 minutes',
  retry: TEMPORAL_UNREACHABLE_RETRY,
});

/**
 * Hands the event to its delivery workflow when the settings say notifications are on; otherwise does
 * nothing (no command, no history event). Never fails the caller: a hand-over that fails is written to
 * `journal` (a cancellation still cancels).
 */
export async function notify(
  settings: NotificationSwitch,
  event: NotificationEvent,
  journal?: { record(detail: string): void },
): Promise<void> {
  if (settings.notifications !== true) return;
  const { key, ...rest } = event;
  const notification: Notification = {
    id: notificationIdFor(workflowInfo().workflowId, event.type, key),
    at: new Date().toISOString(),
    ...rest,
  };
  try {
    await startNotification(notification);
  } catch (error) {
    if (isCancellation(error)) throw error;
    journal?.record(`The ${event.type} notification could not be handed to delivery: ${describeFailure(error)}`);
  }
}
