// deliverNotification: one notification POSTed beside the work that emitted it, and outliving it. Its
// one activity is retried with backoff (capped at 10 minutes) for at least a day; retries add no history
// events, so the history stays a dozen events however long the endpoint is down. A permanent refusal
// ends it at once, recorded in its result.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ProvisioningActivities } from '../../activities';
import type { Notification } from '../../notifications/events';
import { activityFailureType, describeFailure } from '../shared/failures';

export type DeliveryResult =
  | { status: 'DELIVERED'; to: 'endpoint' | 'log'; httpStatus?: number }
  /** The endpoint refused it (a 4xx other than 408 and 429): dropped. */
  | { status: 'REFUSED'; httpStatus?: number; reason: string }
  /** The worker that ran it had notifications off. */
  | { status: 'NOT_SENT'; reason: string };

const { sendNotification } = proxyActivities<Pick<ProvisioningActivities, 'sendNotification'>>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '25 hours',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['NotificationRefused'],
  },
});

export async function deliverNotification(notification: Notification): Promise<DeliveryResult> {
  try {
    const answer = await sendNotification(notification);
    if (answer.to === 'nowhere')
      return { status: 'NOT_SENT', reason: 'notifications are off on the worker that ran it' };
    return answer.to === 'log'
      ? { status: 'DELIVERED', to: 'log' }
      : { status: 'DELIVERED', to: 'endpoint', httpStatus: answer.status };
  } catch (error) {
    if (activityFailureType(error) === 'NotificationRefused') {
      const cause = (error as ActivityFailure).cause as ApplicationFailure;
      const { status } = (cause.details?.[0] ?? {}) as { status?: number };
      return { status: 'REFUSED', ...(status === undefined ? {} : { httpStatus: status }), reason: cause.message };
    }
    // A day of attempts without an answer: fail visibly, so the lost notification can be listed and read.
    throw ApplicationFailure.create({
      type: 'NotificationUndelivered',
      message: `Notification ${notification.id} (${notification.type}) was not delivered within a day: ${describeFailure(error)}`,
      nonRetryable: true,
    });
  }
}
