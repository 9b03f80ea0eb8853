// Strict sending: exactly the documented bodies, the customer number on every call, nothing malformed leaves.
import pino from 'pino';
import { LumenClient } from '../../lumen/client';
import { LumenApiError } from '../../lumen/errors';
import {
  billingExample,
  CUSTOMER,
  inventoryExample,
  locationsExample,
  newOrderExample,
  orderRequestExample,
  orderResponseExample,
  priceListExample,
  priceRequestExample,
  providersExample,
  quoteExample,
} from './doc-examples';
import { startStubLumen, STUB_KEY, STUB_SECRET, type StubLumen } from './stub-lumen';

let stub: StubLumen;
let client: LumenClient;

beforeEach(async () => {
  stub = await startStubLumen();
  stub.on('GET /Network/v1/provider', { json: providersExample });
  stub.on('GET /Network/v1/location', { json: locationsExample });
  stub.on('GET /Product/v1/price', { json: priceListExample });
  stub.on('POST /Product/v1/priceRequest', { json: quoteExample });
  stub.on('GET /Account/v1/billingAccount', { json: billingExample });
  stub.on('POST /Customer/v3/Ordering/orderRequest', { status: 201, json: orderResponseExample });
  stub.on('GET /ProductInventory/v1/inventory', { json: inventoryExample });
  client = new LumenClient({ baseUrl: stub.url, consumerKey: STUB_KEY, consumerSecret: STUB_SECRET });
});

afterEach(async () => {
  await client.close();
  await stub.close();
});

const lastBody = (route: string) => JSON.parse(stub.requestsTo(route).at(-1)?.body ?? 'null') as unknown;

it('sends the documented priceRequest body', async () => {
  await client.requestQuote(CUSTOMER, {
    masterSiteId: 'PL0001247634',
    partnerId: '43558',
    speed: '100 Mbps',
    purchaseOrderNumber: 'PO-12345',
  });
  const request = stub.requestsTo('POST /Product/v1/priceRequest')[0];
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.body).toBe(JSON.stringify(priceRequestExample));
});

it('sends the documented orderRequest body field for field and returns the order id', async () => {
  const placed = await client.placeOrder(CUSTOMER, newOrderExample);
  expect(placed).toEqual({ id: '1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76', externalId: 'EXT-000027740' });
  const request = stub.requestsTo('POST /Customer/v3/Ordering/orderRequest')[0];
  expect(request.body).toBe(JSON.stringify(orderRequestExample));
});

it('sends a modify as action "modify" naming the service twice, no characteristics, the new quote', async () => {
  await client.modifyBandwidth(CUSTOMER, {
    serviceId: '77133831778',
    externalId: 'EXT-MOD-1',
    orderItemId: 'line-2',
    billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
    quoteId: 'NaaS-2000',
  });
  expect(lastBody('POST /Customer/v3/Ordering/orderRequest')).toEqual({
    externalId: 'EXT-MOD-1',
    billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
    channel: [{ id: '99', name: 'NaaS ExternalAPI' }],
    productOrderItem: [
      {
        id: '77133831778',
        quantity: 1,
        action: 'modify',
        product: {
          id: '77133831778',
          productCharacteristic: [],
          productSpecification: { id: '5001', name: 'NaaS Internet' },
        },
        productOffering: { id: '718', name: 'NaaS Internet' },
      },
    ],
    quote: [{ id: 'NaaS-2000', name: 'quoteId' }],
  });
});

it('sends a delete as action "delete" naming the service, with no quote', async () => {
  await client.disconnectService(CUSTOMER, {
    serviceId: '77133831778',
    externalId: 'EXT-DEL-1',
    orderItemId: 'line-3',
    billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
    contact: newOrderExample.contact,
  });
  const body = lastBody('POST /Customer/v3/Ordering/orderRequest') as Record<string, unknown>;
  expect(body).not.toHaveProperty('quote');
  expect(body.productOrderItem).toEqual([
    {
      id: 'line-3',
      quantity: 1,
      action: 'delete',
      product: {
        id: '77133831778',
        productCharacteristic: [],
        productSpecification: { id: '5001', name: 'NaaS Internet' },
      },
      productOffering: { id: '718', name: 'NaaS Internet' },
    },
  ]);
  expect(body.relatedContactInformation).toEqual(orderRequestExample.relatedContactInformation);
});

it('leaves out the optional purchase order number and note rather than sending them empty', async () => {
  await client.requestQuote(CUSTOMER, { masterSiteId: 'PL0001247634', partnerId: '43558', speed: '100 Mbps' });
  expect(lastBody('POST /Product/v1/priceRequest')).not.toHaveProperty('customerPurchaseOrderNumber');
  await client.placeOrder(CUSTOMER, { ...newOrderExample, note: undefined });
  expect(lastBody('POST /Customer/v3/Ordering/orderRequest')).not.toHaveProperty('note');
});

it('sends x-customer-number, a bearer token and Accept on every call', async () => {
  await client.listPartners(CUSTOMER);
  await client.listLocations(CUSTOMER, '43558');
  await client.listSpeedOffers(CUSTOMER, 'PL0001247634');
  await client.requestQuote(CUSTOMER, { masterSiteId: 'PL0001247634', partnerId: '43558', speed: '100 Mbps' });
  await client.listBillingAccounts(CUSTOMER);
  await client.placeOrder(CUSTOMER, newOrderExample);
  await client.listInventory(CUSTOMER, { externalId: 'EXT-000027740' });
  const calls = stub.requests.filter((request) => request.path !== '/oauth/v2/token');
  expect(calls).toHaveLength(7);
  for (const call of calls) {
    expect(call.headers['x-customer-number']).toBe(CUSTOMER);
    expect(call.headers.authorization).toMatch(/^Bearer stub-token-/);
    expect(call.headers.accept).toBe('application/json');
  }
});

it('keeps a path prefix of the base URL', async () => {
  await client.close();
  stub.on('GET /prefix/Network/v1/provider', { json: providersExample });
  stub.on('POST /prefix/oauth/v2/token', { json: { access_token: 'prefixed-token-1', expires_in: '1799' } });
  stub.tokens.push('prefixed-token-1');
  client = new LumenClient({ baseUrl: `${stub.url}/prefix/`, consumerKey: STUB_KEY, consumerSecret: STUB_SECRET });
  expect(await client.listPartners(CUSTOMER)).toHaveLength(2);
});

it('refuses to send a malformed request, naming the field, and sends nothing', async () => {
  const error = (await client.listPartners(' ').catch((caught: unknown) => caught)) as LumenApiError;
  expect(error).toBeInstanceOf(LumenApiError);
  expect(error.fieldErrors?.[0].field).toBe('x-customer-number');
  expect(error.status).toBeUndefined();
  const orderError = (await client
    .placeOrder(CUSTOMER, { ...newOrderExample, billingAccount: { id: '', name: 'x' } })
    .catch((caught: unknown) => caught)) as LumenApiError;
  expect(orderError.fieldErrors?.[0].field).toBe('billingAccount.id');
  expect(orderError.retryable).toBe(false);
  expect(stub.requests.filter((request) => request.path !== '/oauth/v2/token')).toHaveLength(0);
});

it('writes to an injected pino logger, never a credential', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  await client.close();
  client = new LumenClient({ baseUrl: stub.url, consumerKey: STUB_KEY, consumerSecret: STUB_SECRET, logger });
  await client.listPartners(CUSTOMER);
  expect(lines.some((line) => line.includes('GET /Network/v1/provider'))).toBe(true);
  expect(lines.join('\n')).not.toMatch(new RegExp([STUB_SECRET, ...stub.tokens].join('|')));
});

it('asks the ceiling for a background turn for a background inventory read, a foreground one otherwise', async () => {
  const asked: (string | undefined)[] = [];
  const spied = new LumenClient({
    baseUrl: stub.url,
    consumerKey: STUB_KEY,
    consumerSecret: STUB_SECRET,
    limiter: {
      acquire: (priority) => {
        asked.push(priority);
        return Promise.resolve(() => undefined);
      },
    },
  });
  try {
    await spied.listInventory(CUSTOMER, { externalId: 'EXT-000027740' }, { background: true });
    const polled = asked.splice(0);
    await spied.listInventory(CUSTOMER, { externalId: 'EXT-000027740' });
    // The token request (first call only) is never background: the poll's own request is.
    expect(polled.at(-1)).toBe('background');
    expect(asked).toEqual(['foreground']);
  } finally {
    await spied.close();
  }
});
