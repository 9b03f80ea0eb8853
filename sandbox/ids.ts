// How the sandbox names what it creates: random like Lumen by default, or numbered in turn so that a
// test can name the order and the service before they exist.
import { randomInt, randomUUID } from 'node:crypto';
import type { OrderAction } from './records';

export interface SandboxIds {
  /** An 11-digit service id like Lumen's "77133831778", not one of `taken`. */
  serviceId(taken: (id: string) => boolean): string;
  /** The id of an order placed through the API or the portal. */
  orderId(action: OrderAction): string;
  /** Quotes are "NaaS-<n>" from this number on. */
  firstQuoteNumber: number;
}

export const randomIds: SandboxIds = {
  serviceId(taken) {
    for (;;) {
      const id = String(randomInt(10_000_000_000, 100_000_000_000));
      if (!taken(id)) return id;
    }
  },
  orderId: () => randomUUID(),
  firstQuoteNumber: 1466,
};

const ORDER_PREFIX: Record<OrderAction, string> = { add: 'order', modify: 'change', delete: 'disconnect' };

/** Services `${prefix}0`, `${prefix}1`…; orders order-1, change-1, disconnect-1…; quotes NaaS-1… */
export function numberedIds(servicePrefix: string): SandboxIds {
  let services = 0;
  const orders: Record<OrderAction, number> = { add: 0, modify: 0, delete: 0 };
  return {
    serviceId(taken) {
      for (;;) {
        const id = `${servicePrefix}${services++}`;
        if (!taken(id)) return id;
      }
    },
    orderId(action) {
      orders[action] += 1;
      return `${ORDER_PREFIX[action]}-${orders[action]}`;
    },
    firstQuoteNumber: 1,
  };
}
