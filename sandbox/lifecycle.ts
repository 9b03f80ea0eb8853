// How an accepted order plays out: the service goes pending at once, settles after a delay (or as the
// outcome set for its externalId says), and every state change is announced as a TMF622 order event.
import { randomUUID } from 'node:crypto';
import type { LumenEvent, OrderAction, OrderRecord, OrderState, Outcome, ServiceStatus } from './records';
import type { SandboxStore } from './store';
import type { SandboxTime } from './time';
import type { WebhookSender } from './webhook-sender';

const PENDING: Record<OrderAction, ServiceStatus> = {
  add: 'Pending Activate',
  modify: 'Change Pending',
  delete: 'Disconnect Pending',
};
const DONE: Record<OrderAction, ServiceStatus> = { add: 'Active', modify: 'Active', delete: 'Inactive' };
// A failed change leaves the service as it was, at its old bandwidth.
const FAILED: Record<OrderAction, ServiceStatus> = {
  add: 'Connection Unsuccessful',
  modify: 'Active',
  delete: 'Disconnection Unsuccessful',
};
const DEFAULT_FAILURE_REASON: Record<OrderAction, string> = {
  add: 'Connection could not be established at the partner site',
  modify: 'Bandwidth change could not be applied',
  delete: 'Disconnection could not be completed',
};
export type OutsideOrder = { order: OrderRecord } | { refused: 404 | 409; message: string };

const TERMINAL_STATUSES: readonly ServiceStatus[] = [
  'Active',
  'Inactive',
  'Connection Unsuccessful',
  'Disconnection Unsuccessful',
];

export class Lifecycle {
  constructor(
    private readonly store: SandboxStore,
    private readonly time: SandboxTime,
    private readonly webhooks: WebhookSender,
  ) {}

  /** Starts an accepted order: the service is pending from now until the order settles. */
  start(order: OrderRecord): void {
    const service = this.store.services.get(order.serviceId);
    if (!service) return;
    service.status = PENDING[order.action];
    service.pendingOrderId = order.id;
    for (const state of this.store.settings.announcedStates) this.announce(order, state);
    this.announce(order);
    this.scheduleSettling(order);
  }

  /** After a restart from a saved state: orders still in progress settle as if nothing had happened. */
  resume(): void {
    for (const order of this.store.orders.values()) {
      const service = this.store.services.get(order.serviceId);
      if (order.state === 'inProgress' && service?.pendingOrderId === order.id) this.scheduleSettling(order);
    }
  }

  private scheduleSettling(order: OrderRecord): void {
    const outcome = this.store.outcomes.get(order.externalId) ?? { outcome: 'active' };
    if (outcome.outcome === 'never') return;
    const delayMs = outcome.delayMs ?? order.settleDelayMs ?? this.store.settleDelayOf(order.action);
    if (delayMs === undefined) return;
    const failure = outcome.outcome === 'failed' ? this.failureOf(order, outcome) : undefined;
    this.time.after(delayMs, () => this.settle(order.id, failure));
  }

  /**
   * Settles every order still in progress now, as its outcome says (a "never" one included: asked by
   * hand, it ends), announcing each; returns how many. Lets a test park many orders, then end them at once.
   */
  settleAll(): number {
    let settled = 0;
    for (const order of [...this.store.orders.values()]) {
      const service = this.store.services.get(order.serviceId);
      if (order.state !== 'inProgress' || service?.pendingOrderId !== order.id) continue;
      const outcome = this.store.outcomes.get(order.externalId) ?? { outcome: 'active' };
      this.settle(order.id, outcome.outcome === 'failed' ? this.failureOf(order, outcome) : undefined);
      settled++;
    }
    return settled;
  }

  /**
   * A change or disconnect made as Lumen's portal (or another tool, or Lumen itself) would make it: an
   * order with an externalId no API client sent, through Change Pending or Disconnect Pending like any
   * other, announced by events unless `event` is false. Refused (409) while another order is in flight.
   */
  outside(
    serviceId: string,
    change: { action: 'modify'; mbps: number } | { action: 'delete' },
    { event, delayMs }: { event: boolean; delayMs?: number },
  ): OutsideOrder {
    const service = this.store.services.get(serviceId);
    if (!service) return { refused: 404, message: `service ${serviceId} not found` };
    if (service.pendingOrderId || service.status !== 'Active') {
      return { refused: 409, message: `service ${serviceId} is "${service.status}": another order is in flight` };
    }
    const order: OrderRecord = {
      id: this.store.ids.orderId(change.action),
      externalId: `PORTAL-${randomUUID().slice(0, 8).toUpperCase()}`,
      customerNumber: service.customerNumber,
      action: change.action,
      state: 'inProgress',
      serviceId,
      ...(change.action === 'modify' ? { targetMbps: change.mbps } : {}),
      billingAccountId: service.billingAccount.id,
      createdAt: new Date(this.time.now()).toISOString(),
      request: { placedBy: 'portal' },
      ...(event ? {} : { silent: true }),
      ...(delayMs === undefined ? {} : { settleDelayMs: delayMs }),
    };
    this.store.orders.set(order.id, order);
    service.orderIds.push(order.id);
    this.start(order);
    return { order };
  }

  /** Sets a service's status by hand; a pending order on it is settled silently (no event). */
  force(serviceId: string, status: ServiceStatus): boolean {
    const service = this.store.services.get(serviceId);
    if (!service) return false;
    service.status = status;
    const order = service.pendingOrderId ? this.store.orders.get(service.pendingOrderId) : undefined;
    if (order && TERMINAL_STATUSES.includes(status)) {
      order.state = status === DONE[order.action] ? 'completed' : 'failed';
      if (order.state === 'completed' && order.targetMbps) service.mbps = order.targetMbps;
      service.pendingOrderId = undefined;
    }
    return true;
  }

  private failureOf(order: OrderRecord, outcome: Outcome & { outcome: 'failed' }) {
    return { reason: outcome.reason ?? DEFAULT_FAILURE_REASON[order.action], state: outcome.state ?? 'failed' };
  }

  private settle(orderId: string, failure: { reason: string; state: OrderState } | undefined): void {
    const order = this.store.orders.get(orderId);
    const service = order && this.store.services.get(order.serviceId);
    // Reset or forced meanwhile: nothing left to settle.
    if (!order || !service || order.state !== 'inProgress' || service.pendingOrderId !== order.id) return;
    service.pendingOrderId = undefined;
    if (failure === undefined) {
      service.status = DONE[order.action];
      if (order.targetMbps) service.mbps = order.targetMbps;
      order.state = 'completed';
    } else {
      service.status = FAILED[order.action];
      order.state = failure.state;
      order.stateReason = failure.reason;
    }
    this.announce(order);
  }

  private announce(order: OrderRecord, state: string = order.state): void {
    if (order.silent) return;
    const event: LumenEvent = {
      eventId: randomUUID(),
      eventTime: new Date(this.time.now()).toISOString(),
      eventType: 'ProductOrderStateChangeEvent',
      event: {
        productOrder: {
          id: order.id,
          externalId: order.externalId,
          state,
          ...(order.stateReason ? { stateReason: order.stateReason } : {}),
          serviceId: order.serviceId,
        },
      },
    };
    this.store.events.push(event);
    this.webhooks.send(event);
  }
}
