// The sandbox's engine in process, for the time-skipping tests: the real Lumen client talks to it
// through an in-process dispatcher, on the test server's clock, with ids numbered so a test can name
// them. Faults and settings are the sandbox's own (FaultSpec, SettingsPatch); what the activities
// called and what Lumen holds are read back in the words of the tests.
import type { InventoryQuery, LumenApi, NewOrder, ServiceChange } from '../../lumen/api';
import { LumenClient } from '../../lumen/client';
import { ENDPOINTS } from '../../lumen/documented-values';
import { speedToMbps } from '../../domain/speed';
import { SandboxEngine } from '../../sandbox/engine';
import type { Fault, FaultSpec } from '../../sandbox/faults';
import { numberedIds } from '../../sandbox/ids';
import { EngineDispatcher } from '../../sandbox/in-process';
import type { OrderRecord } from '../../sandbox/records';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET, initialSettings } from '../../sandbox/server';
import { MONROE_SITE } from '../../sandbox/seed';
import { seedServices } from '../../sandbox/service-seed';
import { updateSettings, type SettingsPatch } from '../../sandbox/settings';
import { ReadTime } from '../../sandbox/time';
import { testServerClock } from './server-clock';

export const MONROE = MONROE_SITE;
export const CUSTOMER = '1-ABCDE';
/** Paths to aim a fault at. */
export const ORDERING = ENDPOINTS.orderRequest;
export const INVENTORY = ENDPOINTS.inventory;
export const BILLING = ENDPOINTS.billingAccounts;

export interface InProcessLumenOptions {
  /** Service ids are this and a number counted from 0: tests that keep services running pick their own. */
  servicePrefix?: string;
}

/** An add order placed through the API. */
export interface PlacedAdd {
  id: string;
  /** When Lumen accepted it (the test server's time). */
  at: number;
  serviceId: string;
  /** What was ordered: the request's id and the quote. */
  order: { externalId: string; quoteId?: string };
  /** When a disconnect order was accepted for its service. */
  disconnectedAt?: number;
}

/** A modify order on a service, placed through the API or in the portal. */
export interface PlacedChange {
  id: string;
  at: number;
  serviceId: string;
  externalId: string;
  quoteId?: string;
  mbps: number;
}

const at = (order: OrderRecord) => Date.parse(order.createdAt);

export class InProcessLumen {
  readonly engine: SandboxEngine;
  /** What the activities are given: the real client over the engine, each call recorded. */
  readonly api: LumenApi;
  /** Every LumenApi call, by method name, in order. */
  readonly calls: string[] = [];
  /** Each inventory read: when (the test server's time), and what it asked for. */
  readonly inventoryCalls: { at: number; query: InventoryQuery }[] = [];
  /** Every order and modify call: when, and with which quote. */
  readonly orderCalls: { at: number; quoteId: string }[] = [];
  private readonly time = new ReadTime(() => testServerClock.now());

  constructor(options: InProcessLumenOptions = {}) {
    this.engine = new SandboxEngine({
      // What these tests were written against: a minute to settle any order.
      settings: initialSettings({ activationDelayMs: 60_000 }),
      time: this.time,
      ids: numberedIds(options.servicePrefix ?? '7713383177'),
    });
    this.engine.store.addCatalog({
      customers: [
        {
          customerNumber: CUSTOMER,
          name: 'Org',
          billingAccounts: [
            { id: '5-CA', name: 'Org Canada', hqCountry: 'CA' },
            { id: '5-US', name: 'Org US', hqCountry: 'US' },
          ],
        },
      ],
    });
    const client = new LumenClient({
      baseUrl: 'http://lumen.in-process',
      consumerKey: DEFAULT_CONSUMER_KEY,
      consumerSecret: DEFAULT_CONSUMER_SECRET,
      clock: testServerClock,
      dispatcher: new EngineDispatcher(this.engine),
    });
    this.api = this.recording(client);
  }

  /** The sandbox's settings, as PATCH /_sandbox/settings changes them. */
  updateSettings(patch: SettingsPatch): void {
    updateSettings(this.engine.store, patch);
  }

  /** A fault, as POST /_sandbox/faults injects it. */
  injectFault(spec: FaultSpec): Fault {
    return this.engine.faults.add(spec);
  }

  /** Monroe's hourly list price of `speed`, for the quotes that follow. */
  setHourlyPrice(speed: string, hourlyUsd: number): void {
    const site = this.engine.store.sites.get(MONROE);
    if (!site) throw new Error(`no site ${MONROE}`);
    const mbps = speedToMbps(speed);
    const prices = site.prices.map((line) => (speedToMbps(line.speed) === mbps ? { ...line, hourlyUsd } : line));
    this.engine.store.addCatalog({ locations: [{ ...site, prices }] });
  }

  /** An Active service at Monroe ordered earlier (elsewhere), to manage or adopt. */
  existingService(mbps = 100, serviceId?: string): { serviceId: string } {
    const [service] = seedServices(this.engine.store, {
      customerNumber: CUSTOMER,
      masterSiteId: MONROE,
      speed: `${mbps} Mbps`,
      ...(serviceId ? { serviceId } : {}),
    });
    return { serviceId: service.serviceId };
  }

  /**
   * A bandwidth change made in Lumen's portal (not through this API client), accepted at `atMs` (the test
   * server's time), with no event: Change Pending until `settleAfterMs` later, then Active at `mbps`.
   */
  changeOutside(serviceId: string, mbps: number, atMs: number, settleAfterMs = 0): PlacedChange {
    const placed = this.time.at(atMs, () => {
      this.time.runDue(); // what settled by then has settled
      return this.engine.lifecycle.outside(
        serviceId,
        { action: 'modify', mbps },
        { event: false, delayMs: settleAfterMs },
      );
    });
    if ('refused' in placed) throw new Error(placed.message);
    return this.changeOf(placed.order);
  }

  /** Lumen no longer lists the service (dropped a while after it became Inactive). */
  removeService(serviceId: string): void {
    this.engine.store.services.delete(serviceId);
  }

  /** Add orders placed through the API, oldest first. */
  get orders(): PlacedAdd[] {
    const deletes = this.ordersOf('delete');
    return this.ordersOf('add')
      .filter((order) => !this.isSeeded(order))
      .map((order) => {
        const disconnect = deletes.find((d) => d.serviceId === order.serviceId);
        return {
          id: order.id,
          at: at(order),
          serviceId: order.serviceId,
          order: { externalId: order.externalId, quoteId: order.quoteId },
          ...(disconnect ? { disconnectedAt: at(disconnect) } : {}),
        };
      });
  }

  /** Modify orders, the portal's included, oldest first. */
  get changes(): PlacedChange[] {
    return this.ordersOf('modify').map((order) => this.changeOf(order));
  }

  /** Disconnect orders, oldest first. */
  get disconnects(): { id: string; at: number; serviceId: string }[] {
    return this.ordersOf('delete').map((order) => ({ id: order.id, at: at(order), serviceId: order.serviceId }));
  }

  get quotes(): { id: string; issuedAt: number }[] {
    return [...this.engine.store.quotes.values()].map((quote) => ({
      id: quote.id,
      issuedAt: Date.parse(quote.createdAt),
    }));
  }

  /** Every service it has held, removed ones included: their workflows are ended after each test. */
  get serviceIds(): string[] {
    return [...new Set([...this.engine.store.orders.values()].map((order) => order.serviceId))];
  }

  count(call: string): number {
    return this.calls.filter((c) => c === call).length;
  }

  private ordersOf(action: OrderRecord['action']): OrderRecord[] {
    return [...this.engine.store.orders.values()].filter((order) => order.action === action);
  }

  private isSeeded(order: OrderRecord): boolean {
    return (order.request as { seeded?: boolean }).seeded === true;
  }

  private changeOf(order: OrderRecord): PlacedChange {
    return {
      id: order.id,
      at: at(order),
      serviceId: order.serviceId,
      externalId: order.externalId,
      quoteId: order.quoteId,
      mbps: order.targetMbps ?? 0,
    };
  }

  private recording(client: LumenApi): LumenApi {
    const record = <T>(name: string, call: () => Promise<T>): Promise<T> => {
      this.calls.push(name);
      return call();
    };
    const orderCall = (quoteId: string) => this.orderCalls.push({ at: testServerClock.now(), quoteId });
    return {
      listPartners: (customer) => record('listPartners', () => client.listPartners(customer)),
      listLocations: (customer, partnerId) => record('listLocations', () => client.listLocations(customer, partnerId)),
      listSpeedOffers: (customer, site) => record('listSpeedOffers', () => client.listSpeedOffers(customer, site)),
      requestQuote: (customer, request) => record('requestQuote', () => client.requestQuote(customer, request)),
      listBillingAccounts: (customer) => record('listBillingAccounts', () => client.listBillingAccounts(customer)),
      placeOrder: (customer, order: NewOrder) => {
        orderCall(order.quoteId);
        return record('placeOrder', () => client.placeOrder(customer, order));
      },
      listInventory: (customer, query, options) => {
        this.inventoryCalls.push({ at: testServerClock.now(), query });
        return record('listInventory', () => client.listInventory(customer, query, options));
      },
      modifyBandwidth: (customer, change: ServiceChange & { quoteId: string }) => {
        orderCall(change.quoteId);
        return record('modifyBandwidth', () => client.modifyBandwidth(customer, change));
      },
      disconnectService: (customer, change) =>
        record('disconnectService', () => client.disconnectService(customer, change)),
    };
  }
}
