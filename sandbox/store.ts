// The sandbox's whole state in one place: catalog, tokens, quotes, orders, services and what it saw.
import { catalogSchema, type CatalogInput, type Customer, type Partner, type Site } from './catalog';
import type { SandboxIds } from './ids';
import type {
  LumenEvent,
  OrderAction,
  OrderRecord,
  Outcome,
  QuoteRecord,
  RequestLogEntry,
  ServiceRecord,
  TokenRecord,
} from './records';
import { SEED } from './seed';
import type { SandboxClock } from './time';

export interface SandboxSettings {
  consumerKey: string;
  consumerSecret: string;
  quoteValidityMs: number;
  tokenTtlSeconds: number;
  /** Delay before a pending service settles (activation, change or disconnection). */
  activationDelayMs: number;
  /** Per order action, in place of activationDelayMs; null: such an order never settles by itself. */
  settleDelayMs: Partial<Record<OrderAction, number | null>>;
  /** Orders a customer may place per rolling day before 429; unlimited when undefined. */
  dailyOrderLimit?: number;
  /** Modify and delete orders a customer may place since midnight GMT before 429; unlimited when undefined. */
  dailyChangeLimit?: number;
  /** A new service shows in inventory only this long after its order was accepted (default 0). */
  inventoryLagMs: number;
  /** Inventory lists every service of the customer whatever externalId asks for (default false). */
  inventoryIgnoresExternalId: boolean;
  /** An ordered quote past its validity answers "expired" instead of naming its order (default false). */
  usedQuotesAnswerExpired: boolean;
  /** Order states announced when an order is accepted, before inProgress (e.g. acknowledged, held). */
  announcedStates: string[];
  /** Every hourly price served (price lists and quotes) is multiplied by this, so a demo's money moves fast. */
  priceScale: number;
  /** The request log keeps the latest this many (default 5,000). */
  requestLogLimit?: number;
}

const REQUEST_LOG_LIMIT = 5_000;

export class SandboxStore {
  settings: SandboxSettings;
  readonly partners = new Map<string, Partner>();
  /** Insertion order is the order locations are listed and paged in. */
  readonly sites = new Map<string, Site>();
  readonly customers = new Map<string, Customer>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly quotes = new Map<string, QuoteRecord>();
  readonly orders = new Map<string, OrderRecord>();
  readonly services = new Map<string, ServiceRecord>();
  /** How orders end, by externalId. */
  readonly outcomes = new Map<string, Outcome>();
  events: LumenEvent[] = [];
  requestLog: RequestLogEntry[] = [];
  tokensIssued = 0;
  // Never reset, so a quote id from before a reset cannot name a new quote.
  quoteNumber: number;

  constructor(
    private readonly initialSettings: SandboxSettings,
    readonly clock: SandboxClock,
    readonly ids: SandboxIds,
  ) {
    this.settings = { ...initialSettings };
    this.quoteNumber = ids.firstQuoteNumber;
    this.reset();
  }

  /** Back to the seed and the options the sandbox was created with. */
  reset(): void {
    this.settings = { ...this.initialSettings, settleDelayMs: { ...this.initialSettings.settleDelayMs } };
    const maps = [this.partners, this.sites, this.customers, this.tokens, this.quotes, this.orders, this.services];
    for (const map of maps) map.clear();
    this.outcomes.clear();
    this.events = [];
    this.requestLog = [];
    this.tokensIssued = 0;
    this.addCatalog(SEED);
  }

  /** Adds or replaces partners, locations, customers and billing accounts. Throws on invalid input. */
  addCatalog(input: CatalogInput): void {
    const catalog = catalogSchema.parse(input);
    for (const partner of catalog.partners) this.partners.set(partner.id, partner);
    for (const site of catalog.locations) this.sites.set(site.masterSiteId, site);
    for (const customer of catalog.customers) this.customers.set(customer.customerNumber, customer);
    for (const { customerNumber, ...account } of catalog.billingAccounts) {
      const customer = this.customers.get(customerNumber) ?? { customerNumber, name: '', billingAccounts: [] };
      customer.billingAccounts = [...customer.billingAccounts.filter((a) => a.id !== account.id), account];
      this.customers.set(customerNumber, customer);
    }
  }

  sitesOfPartner(partnerId: string): Site[] {
    return [...this.sites.values()].filter((site) => site.partnerId === partnerId);
  }

  nextQuoteId(): string {
    return `NaaS-${this.quoteNumber++}`;
  }

  /** A fresh 11-digit service id, like Lumen's "77133831778". */
  newServiceId(): string {
    return this.ids.serviceId((id) => this.services.has(id));
  }

  /** How long after it is accepted an order of this action settles; undefined: never by itself. */
  settleDelayOf(action: OrderAction): number | undefined {
    const delay = this.settings.settleDelayMs[action];
    if (delay === null) return undefined;
    return delay ?? this.settings.activationDelayMs;
  }

  ordersOf(customerNumber: string, sinceMs: number): OrderRecord[] {
    return [...this.orders.values()].filter(
      (order) => order.customerNumber === customerNumber && Date.parse(order.createdAt) >= sinceMs,
    );
  }

  /** The customer's modify and delete orders since midnight GMT: what Lumen's daily change cap counts. */
  changesToday(customerNumber: string, now = new Date(this.clock.now())): number {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return this.ordersOf(customerNumber, midnight).filter((order) => order.action !== 'add').length;
  }

  clearRequestLog(): void {
    this.requestLog = [];
  }

  logRequest(entry: RequestLogEntry): void {
    this.requestLog.push(entry);
    const limit = this.settings.requestLogLimit ?? REQUEST_LOG_LIMIT;
    if (this.requestLog.length > limit) this.requestLog.splice(0, this.requestLog.length - limit);
  }
}
