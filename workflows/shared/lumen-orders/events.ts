// What Lumen's webhooks said about orders (the lumenNotification signal). At-least-once, out of order,
// sometimes before the order's own answer: events are deduplicated by id, kept per order, and the
// first final state of an order wins whatever arrives after it.
import { log } from '@temporalio/workflow';
import { orderEndOf, type OrderEnd } from '../../../domain/order-states';
import { parseNotification } from '../parsers';

export interface HeardState {
  orderId: string;
  externalId: string;
  state: string;
  serviceId?: string;
  reason?: string;
  /** Workflow time the event arrived. */
  at: string;
}

export interface OrderEnding {
  end: OrderEnd;
  serviceId?: string;
  reason?: string;
  at: string;
}

const REMEMBERED_EVENT_IDS = 1_000;

export class OrderEvents {
  private readonly seenIds: string[] = [];
  private readonly seen = new Set<string>();
  private readonly byOrder = new Map<string, HeardState[]>();
  /** Changes with every new event, so a condition() on events wakes up. */
  version = 0;

  /**
   * @param ours which events belong to this workflow (by externalId or service id)
   * @param onHeard called once per new event of ours, e.g. to write it in the history
   */
  constructor(
    private readonly ours: (order: { externalId: string; serviceId?: string }) => boolean,
    private readonly onHeard: (heard: HeardState) => void = () => undefined,
  ) {}

  receive(payload: unknown): void {
    const parsed = parseNotification(payload);
    if (!parsed.success) {
      log.warn('Ignored a malformed lumenNotification', { problems: parsed.error.issues.length });
      return;
    }
    const { eventId, event } = parsed.data;
    if (this.seen.has(eventId)) return;
    this.remember(eventId);
    const order = event.productOrder;
    if (!this.ours(order)) {
      log.info('Ignored a notification for another request', { externalId: order.externalId, eventId });
      return;
    }
    const heard: HeardState = {
      orderId: order.id,
      externalId: order.externalId,
      state: order.state,
      ...(order.serviceId ? { serviceId: order.serviceId } : {}),
      ...(order.stateReason ? { reason: order.stateReason } : {}),
      at: new Date().toISOString(),
    };
    const states = this.byOrder.get(order.id) ?? [];
    states.push(heard);
    this.byOrder.set(order.id, states);
    this.version += 1;
    this.onHeard(heard);
  }

  /** An order Lumen has named under this externalId, other than those listed: proof that it exists. */
  orderNamed(externalId: string, excluding: readonly string[] = []): HeardState | undefined {
    for (const [orderId, states] of this.byOrder) {
      if (excluding.includes(orderId)) continue;
      const named = states.find((state) => state.externalId === externalId);
      if (named) return { ...named, serviceId: this.serviceIdOf(orderId) };
    }
    return undefined;
  }

  /** How the order ended by Lumen's word, if it said so: the first final state wins. */
  endOf(orderId: string): OrderEnding | undefined {
    const final = this.byOrder.get(orderId)?.find((state) => orderEndOf(state.state) !== undefined);
    if (!final) return undefined;
    return {
      end: orderEndOf(final.state) as OrderEnd,
      serviceId: this.serviceIdOf(orderId),
      ...(final.reason ? { reason: final.reason } : {}),
      at: final.at,
    };
  }

  /** The latest state Lumen reported for the order. */
  lastState(orderId: string): string | undefined {
    return this.byOrder.get(orderId)?.at(-1)?.state;
  }

  serviceIdOf(orderId: string): string | undefined {
    return this.byOrder.get(orderId)?.find((state) => state.serviceId)?.serviceId;
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    this.seenIds.push(eventId);
    if (this.seenIds.length > REMEMBERED_EVENT_IDS) this.seen.delete(this.seenIds.shift() as string);
  }
}
