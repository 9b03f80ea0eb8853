// Activity stubs with the retry policy each kind of Lumen call deserves.
import { proxyActivities } from '@temporalio/workflow';
import type { ProvisioningActivities } from '../../../activities';

/**
 * Reads and quote requests: safe to repeat, so back off and retry (Retry-After wins when Lumen sends it).
 * Attempts are capped so the workflow hears about a long outage and shows it as lastError; it then
 * tries again (see keep-trying.ts).
 */
export const lumenReads = proxyActivities<ProvisioningActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * Orders (add and delete): one attempt each. Whether to send again is the workflow's decision, made
 * after reconciling, because a repeated order could create a second service. The heartbeat timeout
 * notices a worker that died mid-call long before the start-to-close timeout would.
 */
export const lumenOrders = proxyActivities<ProvisioningActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumAttempts: 1 },
});

/** Inventory polling: one poll per attempt; the retry policy's fixed interval is the polling interval. */
export function inventoryPolling(pollIntervalMs: number) {
  return proxyActivities<ProvisioningActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: pollIntervalMs, backoffCoefficient: 1, maximumInterval: pollIntervalMs },
  });
}
