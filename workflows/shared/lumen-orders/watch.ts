// Watching an order to its end. Lumen's webhook (the lumenNotification signal) usually decides;
// inventory polling is the fallback and stops as soon as anything decides; the deadline is the
// polling activity's own schedule-to-close timeout, so polling adds no history events while it waits.
import { RetryState } from '@temporalio/common';
import { ActivityFailure, CancellationScope, condition, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import type { SettleCheckInput } from '../../../activities';
import { orderPolling } from '../activity-proxies';
import { describeFailure } from '../failures';
import type { OrderEvents } from './events';

export interface WatchPlan extends SettleCheckInput {
  pollIntervalMs: number;
  /** Epoch milliseconds (workflow time) after which the wait ends as timed out. */
  deadline: number;
  /** The order was sent just now: its first poll waits one interval, as Lumen is unlikely to settle it sooner. */
  justPlaced?: boolean;
}

export interface OrderOutcome {
  outcome: 'completed' | 'failed' | 'timedOut';
  serviceId?: string;
  /** Lumen's words: the event's stateReason or the inventory status. */
  reason?: string;
  /** Workflow time when it was decided. */
  at: string;
  source: 'webhook' | 'inventory' | 'deadline';
}

export async function watchOrder(
  plan: WatchPlan,
  events: OrderEvents,
  onPollingProblem: (message: string) => void = () => undefined,
): Promise<OrderOutcome> {
  const heard = () => fromEvent(plan.orderId === undefined ? undefined : events.endOf(plan.orderId));
  const early = heard();
  if (early) return early;
  // For an order just placed, the first poll waits one interval on a timer: a poll at once almost never
  // finds it settled, and the webhook that usually comes first cancels a timer within its own workflow
  // task, where cancelling a polling activity would cost the run one more.
  const waitFirst = plan.justPlaced === true && plan.orderId !== undefined;
  if (waitFirst && plan.pollIntervalMs < plan.deadline - Date.now()) {
    const decided = await condition(() => heard() !== undefined, plan.pollIntervalMs, { summary: 'first poll' });
    if (decided) return heard()!;
  }
  let polled: OrderOutcome | undefined;
  let pollingStopped = false;

  const polling = new CancellationScope();
  const { checkOrderSettled } = orderPolling(plan.pollIntervalMs, plan.deadline - Date.now());
  const { pollIntervalMs: _interval, deadline: _deadline, justPlaced: _justPlaced, ...check } = plan;
  void polling
    .run(() => checkOrderSettled(check))
    .then(
      (settled) => {
        polled = {
          outcome: settled.outcome,
          serviceId: settled.serviceId,
          reason: settled.status,
          at: new Date().toISOString(),
          source: 'inventory',
        };
      },
      (error: unknown) => {
        if (isCancellation(error)) return;
        // The deadline came, or the next poll would come after it: only an event can still decide.
        const outOfTime =
          error instanceof ActivityFailure &&
          (error.cause instanceof TimeoutFailure || error.retryState === RetryState.TIMEOUT);
        if (!outOfTime) onPollingProblem(`Inventory polling stopped: ${describeFailure(error)}`);
        pollingStopped = true;
      },
    );
  try {
    await condition(() => polled !== undefined || pollingStopped || heard() !== undefined);
  } finally {
    polling.cancel();
  }
  // Lumen's own word wins over a poll that happened to land in the same workflow task.
  const decided = heard() ?? polled;
  if (decided) return decided;
  const remaining = plan.deadline - Date.now();
  if (remaining > 0) await condition(() => heard() !== undefined, remaining, { summary: 'order deadline' });
  return heard() ?? { outcome: 'timedOut', at: new Date().toISOString(), source: 'deadline' };
}

function fromEvent(ending: ReturnType<OrderEvents['endOf']>): OrderOutcome | undefined {
  if (!ending) return undefined;
  return {
    outcome: ending.end,
    serviceId: ending.serviceId,
    reason: ending.reason,
    at: ending.at,
    source: 'webhook',
  };
}
