// The project's one door to Lumen Internet On-Demand: the seven steps plus modify and disconnect.
import { z } from 'zod';
import { speedToMbps } from '../domain/speed';
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
  ReadOptions,
  ServiceChange,
  SiteLocation,
  SpeedOffer,
} from './api';
import { INVENTORY_EXTERNAL_ID_PARAM, QUOTE_VALIDITY_MS } from './assumptions';
import { TokenSource } from './auth';
import { resolveLumenConfig, type Clock, type LumenClientConfig, type LumenLogger } from './config';
import { COUNTRY_CODE, CURRENCY_CODE, CUSTOMER_NUMBER_HEADER, ENDPOINTS, PRODUCT_CODE } from './documented-values';
import { errorFromResponse } from './error-response';
import { addOrderBody, deleteOrderBody, modifyOrderBody, priceRequestBody } from './order-bodies';
import { checkOutgoing } from './outgoing';
import { collectPages, type Page } from './pagination';
import { SecretRedactor } from './redaction';
import { readJson } from './response-reading';
import { billingAccountsPageSchema, billingAccountsQuerySchema, toBillingAccount } from './schemas/account';
import { inventoryPageSchema, inventoryQuerySchema, toInventoryService } from './schemas/inventory';
import {
  locationsPageSchema,
  locationsQuerySchema,
  partnersPageSchema,
  partnersQuerySchema,
  toPartner,
  toSiteLocation,
} from './schemas/network';
import { orderRequestBodySchema, orderResponseSchema, type OrderRequestBody } from './schemas/order';
import { pageInfoOf, pageQuery } from './schemas/paging';
import {
  priceLineFor,
  priceListQuerySchema,
  priceListSchema,
  priceRequestBodySchema,
  quoteResponseSchema,
} from './schemas/product';
import { endpointOf, LumenTransport, type OutgoingRequest } from './transport';

interface CallSpec<Schema extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  customerNumber: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: Schema;
  background?: boolean;
}

const customerHeaderSchema = z.strictObject({ [CUSTOMER_NUMBER_HEADER]: z.string().trim().min(1) });

export class LumenClient implements LumenApi {
  private readonly transport: LumenTransport;
  private readonly tokens: TokenSource;
  private readonly redactor = new SecretRedactor();
  private readonly clock: Clock;
  private readonly logger: LumenLogger;

  constructor(config: LumenClientConfig) {
    const resolved = resolveLumenConfig(config);
    this.clock = resolved.clock;
    this.logger = resolved.logger;
    const redact = (text: string) => this.redactor.redact(text);
    this.transport = new LumenTransport({ ...resolved, redact });
    this.tokens = new TokenSource({ ...resolved, transport: this.transport, redactor: this.redactor });
  }

  listPartners(customerNumber: string): Promise<Partner[]> {
    const path = ENDPOINTS.providers;
    return this.allPages(path, async (pageNumber, pageSize) => {
      const query = checkOutgoing(
        partnersQuerySchema,
        pageQuery(pageNumber, pageSize),
        endpointOf({ method: 'GET', path }),
      );
      const page = await this.call({ method: 'GET', path, customerNumber, query, schema: partnersPageSchema });
      return { items: page.listPartners.map(toPartner), ...pageInfoOf(page) };
    });
  }

  listLocations(customerNumber: string, partnerId: string): Promise<SiteLocation[]> {
    const path = ENDPOINTS.locations;
    return this.allPages(path, async (pageNumber, pageSize) => {
      const query = checkOutgoing(
        locationsQuerySchema,
        { partnerId, ...pageQuery(pageNumber, pageSize) },
        endpointOf({ method: 'GET', path }),
      );
      const page = await this.call({ method: 'GET', path, customerNumber, query, schema: locationsPageSchema });
      return { items: page.location.map((site) => toSiteLocation(site, page)), ...pageInfoOf(page) };
    });
  }

  async listSpeedOffers(customerNumber: string, masterSiteId: string): Promise<SpeedOffer[]> {
    const path = ENDPOINTS.prices;
    const query = checkOutgoing(
      priceListQuerySchema,
      { masterSiteId, productCode: PRODUCT_CODE },
      endpointOf({ method: 'GET', path }),
    );
    const list = await this.call({ method: 'GET', path, customerNumber, query, schema: priceListSchema });
    return list.pricePerSpeed;
  }

  async requestQuote(customerNumber: string, request: QuoteRequest): Promise<Quote> {
    const path = ENDPOINTS.priceRequest;
    const endpoint = endpointOf({ method: 'POST', path });
    const body = checkOutgoing(priceRequestBodySchema, priceRequestBody(customerNumber, request), endpoint);
    const requestedAt = this.clock.now();
    const quote = await this.call({ method: 'POST', path, customerNumber, body, schema: quoteResponseSchema });
    // The schema has checked that both lines exist.
    const hourly = priceLineFor(quote.price, 'hour') as SpeedOffer;
    const monthly = priceLineFor(quote.price, 'month') as SpeedOffer;
    const speed = quote.priceRequest?.speed ?? hourly.speed;
    return {
      id: quote.id,
      speed,
      mbps: speedToMbps(speed) ?? hourly.mbps,
      hourlyCents: hourly.priceCents,
      monthlyCents: monthly.priceCents,
      expiresAt: new Date(requestedAt + QUOTE_VALIDITY_MS).toISOString(),
    };
  }

  listBillingAccounts(customerNumber: string): Promise<BillingAccount[]> {
    const path = ENDPOINTS.billingAccounts;
    return this.allPages(path, async (pageNumber, pageSize) => {
      const query = checkOutgoing(
        billingAccountsQuerySchema,
        {
          entitled: 'true',
          countryCode: COUNTRY_CODE,
          currencyCode: CURRENCY_CODE,
          ...pageQuery(pageNumber, pageSize),
        },
        endpointOf({ method: 'GET', path }),
      );
      const page = await this.call({ method: 'GET', path, customerNumber, query, schema: billingAccountsPageSchema });
      return { items: page.billingAccount.map(toBillingAccount), ...pageInfoOf(page) };
    });
  }

  placeOrder(customerNumber: string, order: NewOrder): Promise<PlacedOrder> {
    return this.submitOrder(customerNumber, addOrderBody(order));
  }

  async listInventory(
    customerNumber: string,
    query: InventoryQuery,
    options: ReadOptions = {},
  ): Promise<InventoryService[]> {
    const path = ENDPOINTS.inventory;
    const services = await this.allPages(path, async (pageNumber, pageSize) => {
      const params = checkOutgoing(
        inventoryQuerySchema,
        {
          [INVENTORY_EXTERNAL_ID_PARAM]: query.externalId,
          serviceId: query.serviceId,
          serviceType: query.serviceType,
          ...pageQuery(pageNumber, pageSize),
        },
        endpointOf({ method: 'GET', path }),
      );
      const page = await this.call({
        method: 'GET',
        path,
        customerNumber,
        query: params,
        schema: inventoryPageSchema,
        background: options.background,
      });
      return { items: page.serviceInventory.map(toInventoryService), ...pageInfoOf(page) };
    });
    // A serviceId names one service, so re-checking it is safe; externalId is not re-checked because a
    // service echoes the externalId of the order that created it, not of a later change order.
    return services.filter((service) => query.serviceId === undefined || service.serviceId === query.serviceId);
  }

  modifyBandwidth(customerNumber: string, change: ServiceChange & { quoteId: string }): Promise<PlacedOrder> {
    return this.submitOrder(customerNumber, modifyOrderBody(change));
  }

  disconnectService(customerNumber: string, change: ServiceChange): Promise<PlacedOrder> {
    return this.submitOrder(customerNumber, deleteOrderBody(change));
  }

  /** Waits for requests in flight, then closes the keep-alive connections. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async submitOrder(customerNumber: string, draft: OrderRequestBody): Promise<PlacedOrder> {
    const path = ENDPOINTS.orderRequest;
    const body = checkOutgoing(orderRequestBodySchema, draft, endpointOf({ method: 'POST', path }));
    const placed = await this.call({ method: 'POST', path, customerNumber, body, schema: orderResponseSchema });
    return { id: placed.id, externalId: placed.externalId ?? body.externalId };
  }

  private allPages<Item>(
    path: string,
    fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<Item>>,
  ): Promise<Item[]> {
    return collectPages(fetchPage, { endpoint: endpointOf({ method: 'GET', path }) });
  }

  /** One authenticated exchange: a 401 refreshes the token once and repeats the call once. */
  private async call<Schema extends z.ZodType>(spec: CallSpec<Schema>): Promise<z.output<Schema>> {
    const endpoint = endpointOf(spec);
    const customer = checkOutgoing(customerHeaderSchema, { [CUSTOMER_NUMBER_HEADER]: spec.customerNumber }, endpoint);
    const customerNumber = customer[CUSTOMER_NUMBER_HEADER];
    const idempotent = spec.method === 'GET';
    const request: OutgoingRequest = {
      method: spec.method,
      path: spec.path,
      query: spec.query,
      headers: {},
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      idempotent,
      ...(spec.background ? { background: true } : {}),
    };
    const token = await this.tokens.token();
    let response = await this.transport.send({ ...request, headers: headersFor(token, customerNumber, spec.method) });
    if (response.status === 401) {
      this.logger.debug({ endpoint }, 'lumen refused the token; refreshing once');
      this.tokens.invalidate(token);
      const fresh = await this.tokens.token();
      response = await this.transport.send({ ...request, headers: headersFor(fresh, customerNumber, spec.method) });
    }
    if (response.status >= 200 && response.status < 300) {
      return readJson(response.text, spec.schema, { endpoint, status: response.status, idempotent });
    }
    const error = errorFromResponse(response, {
      endpoint,
      idempotent,
      isOrder: spec.path === ENDPOINTS.orderRequest,
      now: this.clock.now(),
      redact: (text) => this.redactor.redact(text),
    });
    this.logger.warn(
      { endpoint, status: error.status, retryable: error.retryable, outcomeUnknown: error.outcomeUnknown },
      error.message,
    );
    throw error;
  }
}

function headersFor(token: string, customerNumber: string, method: 'GET' | 'POST'): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    [CUSTOMER_NUMBER_HEADER]: customerNumber,
  };
  if (method === 'POST') headers['content-type'] = 'application/json';
  return headers;
}

export function createLumenClient(config: LumenClientConfig): LumenClient {
  return new LumenClient(config);
}
