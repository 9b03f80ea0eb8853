// An in-memory LumenApi for time-skipping tests. It keeps time by the Temporal test server (the
// activity's scheduled time), so quote expiry and activation follow workflow time, not wall time.
import { Context } from '@temporalio/activity';
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
import { LumenApiError } from '../../lumen/errors';
import type { Clock } from '../../activities';

/** Server time of the running activity attempt: skips along with the test server. */
export const testServerClock: Clock = { now: () => Context.current().info.currentAttemptScheduledTimestampMs };

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
}

export class FakeLumen implements LumenApi {
  readonly calls: string[] = [];
  readonly quotes: FakeQuote[] = [];
  readonly orders: FakeOrder[] = [];
  readonly disconnects: ServiceChange[] = [];
  /** Monthly price of the next quotes, in cents (hourly × 720). */
  monthlyCents = 33_120;
  /** Billing answers 503 for this long from its first call. */
  billingOutageMs = 0;
  private billingDownUntil?: number;
  /** After an order, the service turns Active this long later; undefined: never. */
  activateAfterMs: number | undefined = 60_000;
  /** What the next order calls suffer, in turn: applied but the answer lost, or lost before applying. */
  orderFaults: ('applied-then-lost' | 'lost-before-applied')[] = [];
  /** A service shows in inventory only this long after its order. */
  inventoryLagMs = 0;
  /** Inventory answers 503 for this long after an order call went wrong. */
  inventoryOutageAfterOrderFaultMs = 0;
  private inventoryDownUntil = 0;

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
      mbps: 100,
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
    const endpoint = 'POST /Customer/v3/Ordering/orderRequest';
    const quote = this.quotes.find((q) => q.id === order.quoteId);
    if (quote?.orderId) {
      throw new LumenApiError({
        endpoint,
        status: 409,
        lumenMessage: `quote already ordered by ${quote.orderId}`,
        existingOrderId: quote.orderId,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    if (!quote || this.clock.now() > quote.issuedAt + QUOTE_VALIDITY_MS) {
      throw new LumenApiError({
        endpoint,
        status: 400,
        lumenMessage: `quote ${order.quoteId} expired`,
        quoteExpired: true,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    const fault = this.orderFaults.shift();
    if (fault) this.inventoryDownUntil = this.clock.now() + this.inventoryOutageAfterOrderFaultMs;
    const lost = () =>
      new LumenApiError({
        endpoint,
        lumenMessage: 'connection reset after the request was sent',
        retryable: false,
        outcomeUnknown: true,
      });
    if (fault === 'lost-before-applied') throw lost();
    const placed = { id: `order-${this.orders.length + 1}`, at: this.clock.now(), order };
    quote.orderId = placed.id;
    this.orders.push(placed);
    if (fault === 'applied-then-lost') throw lost();
    return { id: placed.id, externalId: order.externalId };
  }

  async listInventory(_customer: string, query: InventoryQuery): Promise<InventoryService[]> {
    this.calls.push('listInventory');
    if (this.clock.now() < this.inventoryDownUntil) {
      throw new LumenApiError({
        endpoint: 'GET /ProductInventory/v1/inventory',
        status: 503,
        lumenMessage: 'Service Unavailable',
        retryable: true,
        outcomeUnknown: false,
      });
    }
    return this.orders
      .filter((o) => o.order.externalId === query.externalId && this.clock.now() >= o.at + this.inventoryLagMs)
      .map((o, i) => ({
        serviceId: `7713383177${i}`,
        externalId: o.order.externalId,
        orderId: o.id,
        status:
          this.activateAfterMs !== undefined && this.clock.now() >= o.at + this.activateAfterMs
            ? 'Active'
            : 'Pending Activate',
      }));
  }

  async modifyBandwidth(): Promise<PlacedOrder> {
    throw new Error('not used by provisioning');
  }

  async disconnectService(_customer: string, change: ServiceChange): Promise<PlacedOrder> {
    this.calls.push('disconnectService');
    this.disconnects.push(change);
    return { id: `disconnect-${this.disconnects.length}` };
  }

  count(call: string): number {
    return this.calls.filter((c) => c === call).length;
  }
}
