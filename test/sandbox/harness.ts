// A sandbox per test file, and a plain fetch-based caller that speaks Lumen's API the way a client would.
import { createSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export const KEY = 'sandbox-key';
export const SECRET = 'sandbox-secret';
export const CUSTOMER = '1-SANDBOX';
export const EQUINIX = '43558';
export const MONROE = 'PL0001247634';
export const US_ACCOUNT = { id: '5-RHQBGCGK', name: 'Company or account name' };

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return createSandbox({ port: 0, activationDelayMs: 50, ...options });
}

/** A sandbox and a caller of its API as customer 1-SANDBOX. */
export async function startSandboxWithCaller(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; lumen: LumenCaller }> {
  const sandbox = await startSandbox(options);
  return { sandbox, lumen: new LumenCaller(sandbox.url) };
}

export function basic(key = KEY, secret = SECRET): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

async function answer<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

/** Calls Lumen's API on a sandbox: fetches a token once, sends x-customer-number on every call. */
export class LumenCaller {
  private token: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly customerNumber = CUSTOMER,
  ) {}

  async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const response = await fetch(`${this.baseUrl}/oauth/v2/token`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
    const { access_token } = (await response.json()) as { access_token: string };
    this.token = access_token;
    return access_token;
  }

  async headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return {
      authorization: `Bearer ${await this.accessToken()}`,
      'x-customer-number': this.customerNumber,
      ...extra,
    };
  }

  async get<T = Record<string, unknown>>(
    path: string,
    query: Record<string, string | number> = {},
  ): Promise<Answer<T>> {
    const search = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const response = await fetch(`${this.baseUrl}${path}${search ? `?${search}` : ''}`, {
      headers: await this.headers(),
    });
    return answer<T>(response);
  }

  async post<T = Record<string, unknown>>(path: string, body: unknown): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: await this.headers({ 'content-type': 'application/json' }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return answer<T>(response);
  }

  /** A quote for a new connection; returns its id. */
  async quote(speed = '100 Mbps', masterSiteId = MONROE, partnerId = EQUINIX): Promise<string> {
    const response = await this.post<{ id: string }>(
      '/Product/v1/priceRequest',
      priceRequestBody({ speed, masterSiteId, partnerId }, this.customerNumber),
    );
    if (response.status !== 201) throw new Error(`priceRequest failed: ${response.status} ${response.text}`);
    return response.body.id;
  }

  async order(body: unknown): Promise<Answer> {
    return this.post('/Customer/v3/Ordering/orderRequest', body);
  }

  /** Quotes and orders a new connection; returns the order id. */
  async connect(externalId: string, speed = '100 Mbps'): Promise<string> {
    const quoteId = await this.quote(speed);
    const response = await this.order(addOrderBody({ externalId, quoteId }));
    if (response.status !== 201) throw new Error(`orderRequest failed: ${response.status} ${response.text}`);
    return response.body.id as string;
  }

  async inventory(query: Record<string, string | number>): Promise<InventoryPage> {
    const response = await this.get<InventoryPage>('/ProductInventory/v1/inventory', query);
    if (response.status !== 200) throw new Error(`inventory failed: ${response.status} ${response.text}`);
    return response.body;
  }
}

export interface InventoryService {
  serviceId: string;
  status: string;
  externalId: string;
  orderId: string;
  product: { status: string; productCharacteristic: { name: string; value: string }[] };
  location: { masterSiteid: string };
  billingAccount: { id: string; name: string };
  locationProfile: { dataCenter: boolean; relatedParty: { id: string } };
}

export interface InventoryPage {
  serviceInventory: InventoryService[];
  pageNumber: number;
  pageSize: number;
  totalRecords: number;
}

export function priceRequestBody(overrides: Record<string, unknown> = {}, customerNumber = CUSTOMER) {
  return {
    sourceSystem: 'NaaS ExternalAPI',
    customerPriceRequestDescription: 'NaaS Price Request',
    customerPurchaseOrderNumber: 'PO-12345',
    customerNumber,
    currencyCode: 'USD',
    masterSiteId: MONROE,
    productCode: '718',
    partnerId: EQUINIX,
    productName: 'Internet On-Demand',
    speed: '100 Mbps',
    ...overrides,
  };
}

/** The documented order body, field for field; characteristics can be overridden by name. */
export function addOrderBody(options: {
  externalId: string;
  quoteId: string;
  characteristics?: Record<string, string>;
  phone?: string;
  billingAccount?: { id: string; name: string };
}) {
  const characteristics: Record<string, string> = {
    'Customer Service Name': 'My First NaaS',
    'VLAN Assignment': 'Auto Assign',
    'IPV4 Block Size': '/29',
    'Routing Options': 'Static',
    ...options.characteristics,
  };
  return {
    externalId: options.externalId,
    billingAccount: options.billingAccount ?? US_ACCOUNT,
    channel: [{ id: '99', name: 'NaaS ExternalAPI' }],
    note: [{ text: 'This is your reference note for tracking purposes.' }],
    productOrderItem: [
      {
        id: 'line-1',
        quantity: 1,
        action: 'add',
        product: {
          productCharacteristic: Object.entries(characteristics).map(([name, value]) => ({
            name,
            valueType: 'String',
            value,
          })),
          productSpecification: { id: '5001', name: 'NaaS Internet' },
        },
        productOffering: { id: '718', name: 'NaaS Internet' },
      },
    ],
    quote: [{ id: options.quoteId, name: 'quoteId' }],
    relatedContactInformation: [
      {
        number: options.phone ?? '+16157691234',
        emailAddress: 'first.lastname@domain.com',
        role: 'Order Contact',
        organization: 'Org Name',
        name: 'FirstName LastName',
        numberExtension: '',
      },
    ],
  };
}

/** A modify (with a quote) or delete order on an existing service. */
export function changeOrderBody(options: {
  action: 'modify' | 'delete';
  externalId: string;
  serviceId: string;
  quoteId?: string;
}) {
  return {
    externalId: options.externalId,
    billingAccount: US_ACCOUNT,
    channel: [{ id: '99', name: 'NaaS ExternalAPI' }],
    productOrderItem: [
      {
        id: options.serviceId,
        quantity: 1,
        action: options.action,
        product: { id: options.serviceId, productCharacteristic: [] },
        productOffering: { id: '718', name: 'NaaS Internet' },
      },
    ],
    ...(options.quoteId ? { quote: [{ id: options.quoteId, name: 'quoteId' }] } : {}),
  };
}

/** Polls until check() returns a value, or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function errorPointers(body: unknown): string[] {
  return ((body as { errors?: { pointer: string }[] }).errors ?? []).map((error) => error.pointer);
}
