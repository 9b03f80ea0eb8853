// Lumen answered in the worker's own process, for telling the engine ratio's parts apart: each read is
// asked of the sandbox once and then answered from memory, quotes are made up fresh (a new id, a new
// 15-minute expiry), inventory shows nothing yet, and an order is "placed" by having the bench's client
// signal the provisioning Lumen's two events, as the bare shape's order does. No HTTP to Lumen and no
// webhook receiver: what is left is the project's workflow and activity code on the engine.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { workflowIdFor, SIGNAL_LUMEN_NOTIFICATION } from '../domain/names';
import type { LumenNotification } from '../domain/notification';
import type { LumenApi } from '../lumen/api';
import { QUOTE_VALIDITY_MS } from '../lumen/assumptions';

export interface CannedLumen {
  api: LumenApi;
  /** Orders placed with an externalId starting with `prefix`. */
  ordersStartingWith(prefix: string): number;
}

/** Remembers the first answer to each question; every caller gets its own copy. */
function remembered<A extends unknown[], T>(ask: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return async (...args) => {
    const key = JSON.stringify(args);
    if (!answers.has(key)) answers.set(key, ask(...args));
    return structuredClone(await (answers.get(key) as Promise<T>));
  };
}

export function cannedLumen(real: LumenApi, client: Client): CannedLumen {
  const externalIds: string[] = [];
  const firstQuote = remembered(real.requestQuote.bind(real));
  let services = 0;
  const api: LumenApi = {
    listPartners: remembered(real.listPartners.bind(real)),
    listLocations: remembered(real.listLocations.bind(real)),
    listSpeedOffers: remembered(real.listSpeedOffers.bind(real)),
    listBillingAccounts: remembered(real.listBillingAccounts.bind(real)),
    async requestQuote(customerNumber, request) {
      const quote = await firstQuote(customerNumber, request);
      return { ...quote, id: randomUUID(), expiresAt: new Date(Date.now() + QUOTE_VALIDITY_MS).toISOString() };
    },
    listInventory: () => Promise.resolve([]),
    placeOrder(_customerNumber, order) {
      const id = randomUUID();
      const serviceId = String(90_000_000_000 + services++);
      externalIds.push(order.externalId);
      const event = (state: 'inProgress' | 'completed'): LumenNotification => ({
        eventId: randomUUID(),
        eventTime: new Date().toISOString(),
        eventType: 'ProductOrderStateChangeEvent',
        event: {
          productOrder: { id, externalId: order.externalId, state, ...(state === 'completed' ? { serviceId } : {}) },
        },
      });
      const handle = client.workflow.getHandle(workflowIdFor(order.externalId));
      setImmediate(
        () =>
          void handle
            .signal(SIGNAL_LUMEN_NOTIFICATION, event('inProgress'))
            .then(() => handle.signal(SIGNAL_LUMEN_NOTIFICATION, event('completed')))
            .catch(() => undefined),
      );
      return Promise.resolve({ id, externalId: order.externalId });
    },
    modifyBandwidth: () => Promise.reject(new Error('the canned Lumen takes no changes')),
    disconnectService: () => Promise.reject(new Error('the canned Lumen takes no disconnects')),
  };
  return { api, ordersStartingWith: (prefix) => externalIds.filter((id) => id.startsWith(prefix)).length };
}
