// Waiting for the service to come up. Lumen's webhook (the lumenNotification signal) usually decides;
// inventory polling is the fallback, and stops as soon as anything decides. Events are deduplicated by
// id, events for other orders are ignored, and the first final state wins, so order does not matter.
import { CancellationScope, condition, isCancellation, log, sleep } from '@temporalio/workflow';
import { formatDuration } from '../../../domain/duration';
import type { LumenNotification } from '../../../domain/notification';
import { parseNotification } from '../../schemas';
import { inventoryPolling, lumenReads } from './activity-proxies';
import { describeFailure, provisioningFailure } from './failures';
import { keepTrying } from './keep-trying';
import type { Progress } from './progress';

export interface ActivationDecision {
  outcome: 'active' | 'failed';
  serviceId?: string;
  /** Lumen's words: the event's stateReason or the inventory status. */
  reason?: string;
  /** Workflow time when it was decided. */
  at: string;
  source: 'webhook' | 'inventory';
}

export interface ActivationWait {
  customerNumber: string;
  externalId: string;
  orderId: string;
  pollIntervalMs: number;
  timeoutMs: number;
}

export interface ActivationPlan extends ActivationWait {
  /** From reconciliation, when the order was adopted through inventory. */
  knownServiceId?: string;
  /** "100 Mbps at site … (…)" — for messages. */
  description: string;
}

export interface ActiveService {
  serviceId: string;
  /** ISO workflow time when activation was decided. */
  at: string;
}

export class ActivationWatch {
  private orderId?: string;
  private readonly seenEventIds = new Set<string>();
  /** Events for our request that arrived before we knew the order id (webhooks can beat the order response). */
  private readonly early: LumenNotification[] = [];
  private decision?: ActivationDecision;
  private lastReported?: string;

  constructor(
    private readonly requestId: string,
    private readonly progress: Progress,
  ) {}

  receive(payload: unknown): void {
    const parsed = parseNotification(payload);
    if (!parsed.success) {
      log.warn('Ignored a malformed lumenNotification', { problems: parsed.error.issues.length });
      return;
    }
    const event = parsed.data;
    if (this.seenEventIds.has(event.eventId)) return;
    this.seenEventIds.add(event.eventId);
    const order = event.event.productOrder;
    if (order.externalId !== this.requestId) {
      log.info('Ignored a notification for another request', { externalId: order.externalId, eventId: event.eventId });
      return;
    }
    if (this.orderId === undefined) this.early.push(event);
    else this.apply(event);
  }

  orderPlaced(orderId: string): void {
    this.orderId = orderId;
    for (const event of this.early.splice(0)) this.apply(event);
  }

  /** The active service; otherwise fails as ActivationFailed or ActivationTimedOut, in the user's words. */
  async untilActive(plan: ActivationPlan): Promise<ActiveService> {
    const decision = await this.wait(plan);
    const serviceId = decision?.serviceId ?? plan.knownServiceId;
    const service = serviceId ? `, service ${serviceId}` : '';
    if (!decision) {
      const last = this.lastReported ? `Lumen last reported "${this.lastReported}"` : 'no word from Lumen';
      throw provisioningFailure(
        'ActivationTimedOut',
        `Order ${plan.orderId}${service} (${plan.description}) was not active ${formatDuration(plan.timeoutMs)} ` +
          `after it was placed (${last}); the order was left in place`,
        { orderId: plan.orderId, serviceId },
      );
    }
    if (decision.outcome === 'failed') {
      throw provisioningFailure(
        'ActivationFailed',
        `Lumen could not activate order ${plan.orderId}${service} (${plan.description}): ` +
          (decision.reason ?? 'no reason given'),
        { orderId: plan.orderId, serviceId, reason: decision.reason },
      );
    }
    const activeId = serviceId ?? (await this.serviceIdFromInventory(plan));
    this.progress.serviceKnown(activeId);
    this.progress.enter('ACTIVE', `Service ${activeId} is active (${decision.source})`);
    return { serviceId: activeId, at: decision.at };
  }

  /** The decision, or undefined when the timeout passed first. */
  private async wait(plan: ActivationWait): Promise<ActivationDecision | undefined> {
    if (this.decision) return this.decision;
    const polling = new CancellationScope();
    const { checkActivation } = inventoryPolling(plan.pollIntervalMs);
    void polling
      .run(() =>
        checkActivation({ customerNumber: plan.customerNumber, externalId: plan.externalId, orderId: plan.orderId }),
      )
      .then(
        (found) => {
          this.progress.serviceKnown(found.serviceId);
          this.decide({
            outcome: found.outcome,
            serviceId: found.serviceId,
            reason: found.status,
            source: 'inventory',
          });
        },
        (error: unknown) => {
          if (!isCancellation(error)) this.progress.error(`Inventory polling stopped: ${describeFailure(error)}`);
        },
      );
    try {
      await condition(() => this.decision !== undefined, plan.timeoutMs, { summary: 'activation timeout' });
    } finally {
      polling.cancel();
    }
    return this.decision;
  }

  // A completed event that did not name the service: inventory does, possibly after a short lag.
  private async serviceIdFromInventory(plan: ActivationPlan): Promise<string> {
    for (;;) {
      const service = await keepTrying(this.progress, 'inventory check', () =>
        lumenReads.findOrderedService({
          customerNumber: plan.customerNumber,
          externalId: plan.externalId,
          orderId: plan.orderId,
        }),
      );
      if (service) return service.serviceId;
      this.progress.error(`Order ${plan.orderId} completed but inventory does not show its service yet`);
      await sleep(plan.pollIntervalMs);
    }
  }

  private apply(event: LumenNotification): void {
    const order = event.event.productOrder;
    if (order.id !== this.orderId) {
      log.info('Ignored a notification for another order', { orderId: order.id, eventId: event.eventId });
      return;
    }
    if (order.serviceId) this.progress.serviceKnown(order.serviceId);
    const reason = order.stateReason ? ` (${order.stateReason})` : '';
    this.progress.record(`Lumen reports order ${order.id} ${order.state}${reason}`);
    if (this.decision) return;
    this.lastReported = order.state;
    if (order.state === 'completed') {
      this.decide({ outcome: 'active', serviceId: order.serviceId, source: 'webhook' });
    } else if (order.state === 'failed') {
      this.decide({ outcome: 'failed', serviceId: order.serviceId, reason: order.stateReason, source: 'webhook' });
    }
  }

  private decide(decision: Omit<ActivationDecision, 'at'>): void {
    if (this.decision) return;
    this.decision = { ...decision, at: new Date().toISOString() };
  }
}
