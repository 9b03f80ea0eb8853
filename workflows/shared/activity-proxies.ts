// Activity stubs with the retry policy each kind of Lumen call deserves. The types make the wrong call
// impossible: an order can only be sent through the one-attempt stub.
import { proxyActivities, proxyLocalActivities, type RetryPolicy } from '@temporalio/workflow';
import type { ProvisioningActivities } from '../../activities';

/** Calls that may create or change a service: sent once per attempt, never repeated by a retry policy. */
type OrderCalls = Pick<ProvisioningActivities, 'placeOrder' | 'modifyBandwidth' | 'disconnectService'>;
type Recorded = Pick<ProvisioningActivities, 'acceptRequest' | 'readSettings'>;
type TemporalCalls = Pick<
  ProvisioningActivities,
  'applyBandwidthChange' | 'startServiceManagement' | 'removeServiceSchedules'
>;
/** Notifications: handed to their delivery workflow (workflows/notifications/), never a Lumen read. */
type NotificationCalls = Pick<ProvisioningActivities, 'startNotification' | 'sendNotification'>;
/** Long passes over many services at once (the reconciliation sweep, adopt --all), run by their own short workflows. */
type Sweeps = Pick<ProvisioningActivities, 'sweepInventory' | 'adoptAllServices'>;
type Reads = Omit<
  ProvisioningActivities,
  keyof OrderCalls | keyof Recorded | keyof TemporalCalls | keyof NotificationCalls | keyof Sweeps
>;

const READ_TIMEOUT = '2 minutes';

/**
 * Reads and quote requests: safe to repeat, so back off and retry (Retry-After wins when Lumen sends it).
 * Attempts are capped so the workflow hears about an outage within minutes and shows it as lastError.
 */
export const lumenReads = proxyActivities<Reads>({
  startToCloseTimeout: READ_TIMEOUT,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * The same reads run first as local activities: answered within the workflow task that asked, so the
 * steps before the order cost one workflow task and no activity tasks. A few quick attempts only; when
 * Lumen stays unwell the read goes on as a regular activity with the policy above, whose attempts and
 * lastError show in the history and the UI. Reads are safe to repeat, which a local activity may do
 * when its worker dies before the task completes.
 */
export const localReads = proxyLocalActivities<Reads>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '90 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '4 seconds', maximumAttempts: 3 },
});

/**
 * The same reads once an outage has been reported: rounds of an hour keep the history small (a few
 * events an hour), and no more than 5 minutes between attempts notices the end of the outage soon.
 */
export const patientReads = proxyActivities<Reads>({
  startToCloseTimeout: READ_TIMEOUT,
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 1.5, maximumInterval: '5 minutes' },
});

/**
 * Orders (add, modify, delete): one attempt each. Whether to send again is the workflow's decision, made
 * after reconciling, because a repeated order could create a second service. The heartbeat timeout
 * notices a worker that died mid-call long before the start-to-close timeout would.
 */
export const lumenOrders = proxyActivities<OrderCalls>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumAttempts: 1 },
});

/** Answers that must not change on replay (the request as accepted, the worker's settings), recorded by local activities. */
export const recordedLocally = proxyLocalActivities<Recorded>({ startToCloseTimeout: '10 seconds' });

/**
 * Waiting for an order to end: one poll per attempt; the fixed retry interval is the polling interval,
 * and the schedule-to-close timeout is the deadline, so waiting adds no history events.
 */
export function orderPolling(pollIntervalMs: number, deadlineMs: number) {
  return proxyActivities<Pick<ProvisioningActivities, 'checkOrderSettled'>>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: Math.max(1_000, deadlineMs),
    retry: { initialInterval: pollIntervalMs, backoffCoefficient: 1, maximumInterval: pollIntervalMs },
  });
}

/** While Temporal is unreachable, a call to it is tried again, less and less often. */
export const TEMPORAL_UNREACHABLE_RETRY: RetryPolicy = {
  initialInterval: '5 seconds',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
};

/**
 * Calls to Temporal itself that may take long: a calendar's firing (which waits for its change to
 * finish, minutes) and removing a service's calendars. Safe to repeat; Temporal unreachable is retried.
 */
export const temporalCalls = proxyActivities<Omit<TemporalCalls, 'startServiceManagement'>>({
  startToCloseTimeout: '2 hours',
  retry: TEMPORAL_UNREACHABLE_RETRY,
});

/**
 * The hand-over as a local activity: answered within the workflow task that saw the service active, so a
 * provisioning ends in that task instead of in one more after an activity task. Starting the service's
 * workflow by its id is safe to repeat (a second start finds it running).
 */
export const temporalCallsLocally = proxyLocalActivities<Pick<TemporalCalls, 'startServiceManagement'>>({
  startToCloseTimeout: '1 minute',
  retry: TEMPORAL_UNREACHABLE_RETRY,
});

/**
 * A pass over many services: minutes for thousands, heartbeating as it goes. A few attempts; a sweep that
 * still fails is done again at the next interval, an adoption by running it again (it adopts only what is left).
 */
export const sweeps = proxyActivities<Sweeps>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});
