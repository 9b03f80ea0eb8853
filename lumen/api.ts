// What the rest of the project needs from Lumen, in the project's own words. The HTTP client in
// client.ts implements it; tests may pass a fake. Speeds are compared in megabits, prices kept in cents.

export interface Partner {
  id: string;
  name: string;
  partnerType?: string;
}

export interface SiteLocation {
  masterSiteId: string;
  streetAddress?: string;
  city?: string;
  stateOrProvince?: string;
  postCode?: string;
  country?: string;
  /** "ON_NET" or "OFF_NET" as Lumen reports it (upper-cased); undefined when Lumen omits it. */
  networkStatus?: string;
  naasEnabled?: boolean;
  partner?: string;
  market?: string;
  /** Access speeds the site advertises, in Mbps. */
  speedsMbps: number[];
}

export interface SpeedOffer {
  /** As Lumen wrote it in the price list; send this form back. */
  speed: string;
  mbps: number;
  /** Price per term, in integer cents. */
  priceCents: number;
  term: string;
}

export interface QuoteRequest {
  masterSiteId: string;
  partnerId: string;
  /** As the price list wrote it. */
  speed: string;
  purchaseOrderNumber?: string;
  description?: string;
}

export interface Quote {
  id: string;
  speed: string;
  mbps: number;
  hourlyCents: number;
  monthlyCents: number;
  /** ISO time after which Lumen refuses the quote: 15 minutes from when it was requested. */
  expiresAt?: string;
}

export interface BillingAccount {
  id: string;
  name: string;
  hqCountry?: string;
  currency?: string;
  countryCode?: string;
}

export interface OrderContact {
  name: string;
  email: string;
  /** E.164 US number, "+16157691234". */
  phone: string;
  organization: string;
  role: string;
  phoneExtension?: string;
}

export interface NewOrder {
  /** The caller's reference (≤ 20 characters): the provisioning's request id. */
  externalId: string;
  /** The caller's order-line id; stable across retries of the same order. */
  orderItemId: string;
  billingAccount: { id: string; name: string };
  quoteId: string;
  customerServiceName: string;
  ipv4BlockSize: '/28' | '/29' | '/30';
  contact: OrderContact;
  note?: string;
}

export interface PlacedOrder {
  /** Lumen's order reference (a UUID). */
  id: string;
  externalId?: string;
}

/** How a read waits for its turn under the ceiling on requests to Lumen. */
export interface ReadOptions {
  /**
   * A poll whose answer can wait for its next turn: it leaves only when no other request waits, and a
   * short wait refuses it unsent (see lumen/rate-limiter.ts).
   */
  background?: boolean;
}

export interface InventoryQuery {
  externalId?: string;
  serviceId?: string;
  serviceType?: 'Internet' | 'Port';
}

export interface InventoryService {
  serviceId: string;
  /** Lumen's words, e.g. "Pending Activate", "Active", "Connection Unsuccessful". */
  status: string;
  externalId?: string;
  orderId?: string;
  bandwidthMbps?: number;
  masterSiteId?: string;
  billingAccountId?: string;
  billingAccountName?: string;
  /** The data-center partner (locationProfile.relatedParty.id). */
  partnerId?: string;
}

export interface ServiceChange {
  serviceId: string;
  /** The caller's reference for the change order (≤ 20 characters). */
  externalId: string;
  orderItemId: string;
  billingAccount: { id: string; name: string };
  /** Sent as relatedContactInformation when given. */
  contact?: OrderContact;
  note?: string;
}

export interface LumenApi {
  listPartners(customerNumber: string): Promise<Partner[]>;
  listLocations(customerNumber: string, partnerId: string): Promise<SiteLocation[]>;
  listSpeedOffers(customerNumber: string, masterSiteId: string): Promise<SpeedOffer[]>;
  requestQuote(customerNumber: string, request: QuoteRequest): Promise<Quote>;
  listBillingAccounts(customerNumber: string): Promise<BillingAccount[]>;
  placeOrder(customerNumber: string, order: NewOrder): Promise<PlacedOrder>;
  listInventory(customerNumber: string, query: InventoryQuery, options?: ReadOptions): Promise<InventoryService[]>;
  modifyBandwidth(customerNumber: string, change: ServiceChange & { quoteId: string }): Promise<PlacedOrder>;
  disconnectService(customerNumber: string, change: ServiceChange): Promise<PlacedOrder>;
}
