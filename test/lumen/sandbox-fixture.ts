// One sandbox per test file, a fresh client per test, and the order a happy customer would place.
import type { InventoryService, NewOrder, Quote } from '../../lumen/api';
import { LumenClient } from '../../lumen/client';
import { createSandbox, type Sandbox } from '../../sandbox/server';

export const SANDBOX_CUSTOMER = '1-SANDBOX';
export const EQUINIX = '43558';
export const MONROE = 'PL0001247634';
export const US_ACCOUNT = { id: '5-RHQBGCGK', name: 'Company or account name' };

export interface SandboxFixture {
  sandbox: () => Sandbox;
  client: () => LumenClient;
  /** A client with other settings, closed after the test. */
  newClient: (options?: { requestTimeoutMs?: number; connections?: number }) => LumenClient;
}

/** Registers the jest hooks; the sandbox settles orders after `activationDelayMs`. */
export function useSandbox(activationDelayMs = 1_000): SandboxFixture {
  let sandbox: Sandbox | undefined;
  let clients: LumenClient[] = [];
  const newClient = (options: { requestTimeoutMs?: number; connections?: number } = {}) => {
    const client = new LumenClient({
      baseUrl: sandboxOf().url,
      consumerKey: 'sandbox-key',
      consumerSecret: 'sandbox-secret',
      ...options,
    });
    clients.push(client);
    return client;
  };
  const sandboxOf = () => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox;
  };

  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, activationDelayMs });
  });
  beforeEach(async () => {
    await sandboxOf().admin.reset();
    newClient();
  });
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()));
    clients = [];
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  return { sandbox: sandboxOf, client: () => clients[0], newClient };
}

export function orderFor(quote: Quote, externalId: string, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    externalId,
    orderItemId: `${externalId}-line-1`,
    billingAccount: US_ACCOUNT,
    quoteId: quote.id,
    customerServiceName: 'Client test',
    ipv4BlockSize: '/29',
    contact: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+16157691234',
      organization: 'Sandbox Networks',
      role: 'Order Contact',
    },
    ...overrides,
  };
}

export function quoteAtMonroe(client: LumenClient, speed = '100 Mbps'): Promise<Quote> {
  return client.requestQuote(SANDBOX_CUSTOMER, { masterSiteId: MONROE, partnerId: EQUINIX, speed });
}

/** Polls inventory until the service of this order reaches a status the predicate accepts. */
export async function awaitService(
  client: LumenClient,
  externalId: string,
  done: (service: InventoryService) => boolean,
  timeoutMs = 5_000,
): Promise<InventoryService> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [service] = await client.listInventory(SANDBOX_CUSTOMER, { externalId });
    if (service && done(service)) return service;
    if (Date.now() > deadline) throw new Error(`service of ${externalId} still ${service?.status ?? 'absent'}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
