// Notifications from a workflow's own decision: startNotification hands the event to its delivery
// workflow (a local activity of the emitting workflow, so nothing waits on the endpoint), and
// sendNotification is that delivery workflow's one activity, retried by its policy for a day.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { startDelivery } from '../notifications/delivery-start';
import type { Notification } from '../notifications/events';
import { NotificationRefused, type DeliveryAnswer, type NotificationSender } from '../notifications/sender';
import type { ActivityLogger } from './deps';

/** The failure type of a permanent refusal: the delivery workflow records it and stops. */
export const NOTIFICATION_REFUSED = 'NotificationRefused';

export function startNotificationActivity({ temporalClient }: { temporalClient: () => Promise<Client> }) {
  return async function startNotification(notification: Notification): Promise<{ started: boolean }> {
    return startDelivery(await temporalClient(), Context.current().info.taskQueue, notification);
  };
}

/** Failed attempts logged: the first, then one in ten, so a day of an endpoint down stays a few lines. */
const LOG_EVERY_NTH_ATTEMPT = 10;

export function sendNotificationActivity({
  notifications,
  logger,
}: {
  notifications?: NotificationSender;
  logger: ActivityLogger;
}) {
  return async function sendNotification(notification: Notification): Promise<DeliveryAnswer | { to: 'nowhere' }> {
    // Started while notifications were on, run by a worker where they are off: nowhere to send it.
    if (!notifications) return { to: 'nowhere' };
    const { attempt } = Context.current().info;
    const fields = { notificationId: notification.id, type: notification.type, attempt };
    try {
      const answer = await notifications.send(notification);
      if (attempt > 1) logger.info(fields, 'notification delivered');
      return answer;
    } catch (error) {
      if (error instanceof NotificationRefused) {
        logger.warn({ ...fields, status: error.status }, error.message);
        throw ApplicationFailure.create({
          type: NOTIFICATION_REFUSED,
          message: error.message,
          nonRetryable: true,
          details: [{ status: error.status }],
        });
      }
      const message = error instanceof Error ? error.message : String(error);
      if (attempt === 1 || attempt % LOG_EVERY_NTH_ATTEMPT === 0) {
        logger.warn(fields, `notification not delivered, trying again: ${message}`);
      }
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      throw ApplicationFailure.create({
        type: 'NotificationNotDelivered',
        message,
        nonRetryable: false,
        ...(retryAfterMs === undefined ? {} : { nextRetryDelay: Math.min(retryAfterMs, 10 * 60_000) }),
      });
    }
  };
}
