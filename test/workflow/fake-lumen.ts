// An in-memory LumenApi for time-skipping tests. It keeps time by the Temporal test server (the
// activity's scheduled time, or the server's clock when a local activity began), so quote expiry and activation follow workflow time, not wall time.
import { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type {
  BillingAccount,
  InventoryQuery,
  InventoryService,
  LumenApi,
  NewOrder,
  Partner,
  PlacedOrder,
  Quote,
  QuoteRequest,
  ServiceChange,
  SiteLocation,
  SpeedOffer,
} from '../../lumen/api';
import { speedToMbps } from '../../domain/speed';
import { LumenApiError } from '../../lumen/errors';
import type { Clock } from '../../activities';

/**
 * The test server's time when each local activity began, set by the worker's interceptor
 * (serverTimeForLocalActivities): a local activity's own scheduled time is the worker's wall clock.
 */
const localActivityServerTime = new WeakMap<Context, number>();

/** Server time of the running activity attempt: skips along with the test server. */
export const testServerClock: Clock = {
  now: () => {
    const context = Context.current();
    return localActivityServerTime.get(context) ?? context.info.currentAttemptScheduledTimestampMs;
  },
};

/** Activity interceptors that give local activities the test server's time, as testServerClock reads it. */
export function serverTimeForLocalActivities(serverTimeMs: () => Promise<number>): ActivityInterceptorsFactory {
  return (context) => ({
    inbound: {
      async execute(input, next) {
        if (context.info.isLocal) localActivityServerTime.set(context, await serverTimeMs());
        return next(input);
      },
    },
  });
}

export const MONROE = 'PL0001247634';
const QUOTE_VALIDITY_MS = 15 * 60_000;

interface FakeQuote extends Quote {
  issuedAt: number;
  orderId?: string;
}

export interface FakeOrder {
  id: string;
  at: number;
  order: NewOrder;
  serviceId: string;
  /** The service's bandwidth once its changes so far have settled. */
  mbps: number;
  /** When a disconnect order was accepted for its service. */
  disconnectedAt?: number;
}

/** A modify order on a service: Change Pending until `settlesAt`, then Active at `mbps`. */
export interface FakeChange {
  id: string;
  at: number;
  serviceId: string;
  externalId: string;
  quoteId: string;
  mbps: number;
  settlesAt: number;
}

/**
 * What an order call suffers: applied with its answer lost (a reset, or a gateway 504), lost before
 * applying behind a 504, refused as unavailable (503), or refused for good (400).
 */
export type OrderFault = 'applied-then-lost' | 'applied-then-504' | 'lost-before-applied' | 'unavailable' | 'refused';

const ORDER_ENDPOINT = 'POST /Customer/v3/Ordering/orderRequest';

export class FakeLumen implements LumenApi {
  readonly calls: string[] = [];
  readonly quotes: FakeQuote[] = [];
  readonly orders: FakeOrder[] = [];
  readonly disconnects: ServiceChange[] = [];
  readonly changes: FakeChange[] = [];
  /** Service ids are this and the order's number: tests that keep services running pick their own. */
  serviceIdPrefix = '7713383177';
  /** A modify order settles this long after it is accepted. */
  changeAfterMs = 60_000;
  /** Modify and delete orders a customer may place per GMT day before 429 (without Retry-After). */
  dailyChangeLimit: number | undefined;
  /** Every order call: when, and with which quote. */
  readonly orderCalls: { at: number; quoteId: string }[] = [];
  /** Each inventory read: when (the test server's time), and what it asked for. */
  readonly inventoryCalls: { at: number; query: InventoryQuery }[] = [];
  /** How long Lumen honours a quote (the worker plans with its own setting). */
  quoteValidityMs = QUOTE_VALIDITY_MS;
  /** Monthly price of the next quotes, in cents (hourly × 720). */
  monthlyCents = 33_120;
  /** Billing answers 503 for this long from its first call. */
  billingOutageMs = 0;
  private billingDownUntil?: number;
  /** After an order, the service turns Active this long later; undefined: never. */
  activateAfterMs: number | undefined = 60_000;
  /** After a disconnect order, the service turns Inactive this long later; undefined: never. */
  disconnectAfterMs: number | undefined = 60_000;
  /** What the next order calls suffer, in turn. */
  orderFaults: OrderFault[] = [];
  /** Until this time (epoch ms), every order is lost behind the gateway before it is applied (504). */
  ordersLostUntil = 0;
  /** After an order fault, ordering answers 503 for this long. */
  orderOutageAfterFaultMs = 0;
  private ordersDownUntil = 0;
  /** An ordered quote past its validity answers "expired" instead of naming its order. */
  usedQuotesAnswerExpired = false;
  /** A service shows in inventory only this long after its order. */
  inventoryLagMs = 0;
  /** Inventory answers 503 for this long after an order call went wrong. */
  inventoryOutageAfterOrderFaultMs = 0;
  private inventoryDownUntil = 0;
  /** Rows inventory returns whatever is asked, as a Lumen that ignores the externalId filter would. */
  unfilteredRows: InventoryService[] = [];
  /** Services inventory no longer lists (dropped out a while after they became Inactive). */
  readonly unlisted = new Set<string>();
  /** Lumen's own word for a service, over what its orders say (e.g. Suspended). */
  readonly statusOverrides = new Map<string, string>();
  partners: Partner[] = [{ id: '43558', name: 'Equinix', partnerType: 'CLOUD_PARTNER' }];
  sites: SiteLocation[] = [
    {
      masterSiteId: MONROE,
      city: 'Monroe',
      stateOrProvince: 'LA',
      networkStatus: 'ON_NET',
      naasEnabled: true,
      partner: 'Equinix Ethernet Exchange - Monroe IBX',
      speedsMbps: [50, 100, 1000],
    },
  ];
  offers: SpeedOffer[] = [
    { speed: '100 Mbps', mbps: 100, priceCents: 46, term: 'Hourly Rate' },
    { speed: '1 Gbps', mbps: 1000, priceCents: 184, term: 'Hourly Rate' },
  ];
  accounts: BillingAccount[] = [
    { id: '5-CA', name: 'Org Canada', hqCountry: 'CA' },
    { id: '5-US', name: 'Org US', hqCountry: 'US' },
  ];

  constructor(private readonly clock: Clock = testServerClock) {}

  async listPartners(): Promise<Partner[]> {
    this.calls.push('listPartners');
    return this.partners;
  }

  async listLocations(): Promise<SiteLocation[]> {
    this.calls.push('listLocations');
    return this.sites;
  }

  async listSpeedOffers(): Promise<SpeedOffer[]> {
    this.calls.push('listSpeedOffers');
    return this.offers;
  }

  async requestQuote(_customer: string, request: QuoteRequest): Promise<Quote> {
    this.calls.push('requestQuote');
    const quote: FakeQuote = {
      id: `NaaS-${this.quotes.length + 1}`,
      speed: request.speed,
      mbps: speedToMbps(request.speed) ?? 100,
      hourlyCents: Math.round(this.monthlyCents / 720),
      monthlyCents: this.monthlyCents,
      issuedAt: this.clock.now(),
    };
    this.quotes.push(quote);
    return quote;
  }

  async listBillingAccounts(): Promise<BillingAccount[]> {
    this.calls.push('listBillingAccounts');
    this.billingDownUntil ??= this.clock.now() + this.billingOutageMs;
    if (this.clock.now() < this.billingDownUntil) {
      throw new LumenApiError({
        endpoint: 'GET /Account/v1/billingAccount',
        status: 503,
        lumenMessage: 'Service Unavailable',
        retryable: true,
        outcomeUnknown: false,
      });
    }
    return this.accounts;
  }

  async placeOrder(_customer: string, order: NewOrder): Promise<PlacedOrder> {
    this.calls.push('placeOrder');
    const now = this.clock.now();
    this.orderCalls.push({ at: now, quoteId: order.quoteId });
    if (now < this.ordersDownUntil) throw unavailable(ORDER_ENDPOINT);
    const fault = this.orderFaults.shift();
    if (fault) {
      this.inventoryDownUntil = now + this.inventoryOutageAfterOrderFaultMs;
      this.ordersDownUntil = now + this.orderOutageAfterFaultMs;
    }
    // The gateway refuses before anything looks at the quote.
    if (fault === 'unavailable') throw unavailable(ORDER_ENDPOINT);
    if (fault === 'refused') {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 400,
        lumenMessage: 'billing account is on hold',
        retryable: false,
        outcomeUnknown: false,
      });
    }
    const quote = this.quotes.find((q) => q.id === order.quoteId);
    const expired = !quote || now > quote.issuedAt + this.quoteValidityMs;
    if (quote?.orderId && !(expired && this.usedQuotesAnswerExpired)) {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 409,
        lumenMessage: `quote already ordered by ${quote.orderId}`,
        existingOrderId: quote.orderId,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    if (!quote || expired) {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 400,
        lumenMessage: `quote ${order.quoteId} expired`,
        quoteExpired: true,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    if (fault === 'lost-before-applied' || now < this.ordersLostUntil) throw gateway504();
    const placed: FakeOrder = {
      id: `order-${this.orders.length + 1}`,
      at: now,
      order,
      serviceId: `${this.serviceIdPrefix}${this.orders.length}`,
      mbps: quote.mbps,
    };
    quote.orderId = placed.id;
    this.orders.push(placed);
    if (fault === 'applied-then-lost') throw lostAnswer();
    if (fault === 'applied-then-504') throw gateway504();
    return { id: placed.id, externalId: order.externalId };
  }

  async listInventory(_customer: string, query: InventoryQuery): Promise<InventoryService[]> {
    this.calls.push('listInventory');
    const now = this.clock.now();
    this.inventoryCalls.push({ at: now, query });
    if (now < this.inventoryDownUntil) throw unavailable('GET /ProductInventory/v1/inventory');
    const rows = this.orders
      .filter((o) => now >= o.at + this.inventoryLagMs)
      .filter((o) => query.externalId === undefined || o.order.externalId === query.externalId)
      .filter((o) => query.serviceId === undefined || o.serviceId === query.serviceId)
      .filter((o) => !this.unlisted.has(o.serviceId))
      .map((o) => ({
        serviceId: o.serviceId,
        externalId: o.order.externalId,
        orderId: o.id,
        status: this.statusOf(o, now),
        bandwidthMbps: this.bandwidthOf(o, now),
        masterSiteId: MONROE,
        partnerId: '43558',
        billingAccountId: o.order.billingAccount.id,
        billingAccountName: o.order.billingAccount.name,
      }));
    return [...this.unfilteredRows, ...rows];
  }

  /** An Active service ordered earlier (elsewhere), to manage or adopt. */
  existingService(mbps = 100): FakeOrder {
    const index = this.orders.length;
    const service: FakeOrder = {
      id: `order-${index + 1}`,
      at: -1e15,
      serviceId: `${this.serviceIdPrefix}${index}`,
      mbps,
      order: {
        externalId: `EARLIER-${index}`,
        orderItemId: 'x',
        billingAccount: { id: '5-US', name: 'Org US' },
        quoteId: 'NaaS-0',
        customerServiceName: 'Earlier',
        ipv4BlockSize: '/29',
        contact: {
          name: 'First Last',
          email: 'f@example.com',
          phone: '+16157691234',
          organization: 'Org',
          role: 'Order Contact',
        },
      },
    };
    this.orders.push(service);
    return service;
  }

  private bandwidthOf(order: FakeOrder, now: number): number {
    const settled = this.changes.filter((c) => c.serviceId === order.serviceId && now >= c.settlesAt);
    return settled.at(-1)?.mbps ?? order.mbps;
  }

  /**
   * A bandwidth change made in Lumen's portal (not through this API client), accepted at `at` (the test
   * server's time): Change Pending until `settleAfterMs` later, then Active at `mbps`. Returns its order.
   */
  changeOutside(serviceId: string, mbps: number, at: number, settleAfterMs = 0): FakeChange {
    const change: FakeChange = {
      id: `portal-change-${this.changes.length + 1}`,
      at,
      serviceId,
      externalId: `PORTAL-${this.changes.length + 1}`,
      quoteId: 'portal',
      mbps,
      settlesAt: at + settleAfterMs,
    };
    this.changes.push(change);
    return change;
  }

  /** A disconnect made outside this API client at `at`: Disconnect Pending, then Inactive after disconnectAfterMs. */
  disconnectOutside(serviceId: string, at: number): void {
    const service = this.orders.find((o) => o.serviceId === serviceId);
    if (!service) throw new Error(`no service ${serviceId} in the fake Lumen`);
    service.disconnectedAt = at;
  }

  private statusOf(order: FakeOrder, now: number): string {
    const override = this.statusOverrides.get(order.serviceId);
    if (override) return override;
    if (this.changes.some((c) => c.serviceId === order.serviceId && now < c.settlesAt)) return 'Change Pending';
    if (order.disconnectedAt !== undefined) {
      const after = this.disconnectAfterMs;
      return after !== undefined && now >= order.disconnectedAt + after ? 'Inactive' : 'Disconnect Pending';
    }
    const after = this.activateAfterMs;
    return after !== undefined && now >= order.at + after ? 'Active' : 'Pending Activate';
  }

  async modifyBandwidth(_customer: string, change: ServiceChange & { quoteId: string }): Promise<PlacedOrder> {
    this.calls.push('modifyBandwidth');
    const now = this.clock.now();
    this.orderCalls.push({ at: now, quoteId: change.quoteId });
    if (now < this.ordersDownUntil) throw unavailable(ORDER_ENDPOINT);
    const fault = this.orderFaults.shift();
    if (fault) this.ordersDownUntil = now + this.orderOutageAfterFaultMs;
    if (fault === 'unavailable') throw unavailable(ORDER_ENDPOINT);
    this.checkDailyLimit(now);
    const quote = this.quotes.find((q) => q.id === change.quoteId);
    if (quote?.orderId) {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 409,
        lumenMessage: `quote already ordered by ${quote.orderId}`,
        existingOrderId: quote.orderId,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    if (!quote || now > quote.issuedAt + this.quoteValidityMs) {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 400,
        lumenMessage: `quote ${change.quoteId} expired`,
        quoteExpired: true,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    const service = this.orders.find((o) => o.serviceId === change.serviceId);
    if (!service || this.statusOf(service, now) !== 'Active') {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 409,
        lumenMessage: `service ${change.serviceId} already has an order in flight`,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    if (fault === 'lost-before-applied') throw gateway504();
    const placed: FakeChange = {
      id: `change-${this.changes.length + 1}`,
      at: now,
      serviceId: change.serviceId,
      externalId: change.externalId,
      quoteId: quote.id,
      mbps: quote.mbps,
      settlesAt: now + this.changeAfterMs,
    };
    quote.orderId = placed.id;
    this.changes.push(placed);
    if (fault === 'applied-then-lost') throw lostAnswer();
    if (fault === 'applied-then-504') throw gateway504();
    return { id: placed.id, externalId: change.externalId };
  }

  private checkDailyLimit(now: number): void {
    if (this.dailyChangeLimit === undefined) return;
    const midnight = new Date(now).setUTCHours(0, 0, 0, 0);
    const today = this.changes.filter((c) => c.at >= midnight).length;
    if (today >= this.dailyChangeLimit) {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 429,
        lumenMessage: `daily change limit of ${this.dailyChangeLimit} reached`,
        retryable: true,
        outcomeUnknown: false,
      });
    }
  }

  async disconnectService(_customer: string, change: ServiceChange): Promise<PlacedOrder> {
    this.calls.push('disconnectService');
    const now = this.clock.now();
    const service = this.orders.find((o) => o.serviceId === change.serviceId);
    if (service && this.statusOf(service, now) !== 'Active') {
      throw new LumenApiError({
        endpoint: ORDER_ENDPOINT,
        status: 409,
        lumenMessage: `service ${change.serviceId} already has an order in flight`,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    if (service) service.disconnectedAt = now;
    this.disconnects.push(change);
    return { id: `disconnect-${this.disconnects.length}` };
  }

  count(call: string): number {
    return this.calls.filter((c) => c === call).length;
  }
}

function unavailable(endpoint: string): LumenApiError {
  return new LumenApiError({
    endpoint,
    status: 503,
    lumenMessage: 'Service Unavailable',
    retryable: true,
    outcomeUnknown: false,
  });
}

function lostAnswer(): LumenApiError {
  return new LumenApiError({
    endpoint: ORDER_ENDPOINT,
    lumenMessage: 'connection reset after the request was sent',
    retryable: false,
    outcomeUnknown: true,
  });
}

function gateway504(): LumenApiError {
  return new LumenApiError({
    endpoint: ORDER_ENDPOINT,
    status: 504,
    lumenMessage: 'Gateway Timeout',
    retryable: false,
    outcomeUnknown: true,
  });
}
