// No error and no log line ever carries the consumer secret, the Basic header or a token — even when the
// server echoes them back.
import { LumenClient } from '../../lumen/client';
import { LumenApiError } from '../../lumen/errors';
import { CUSTOMER, newOrderExample } from './doc-examples';
import {
  recordingLogger,
  startStubLumen,
  STUB_BASIC,
  STUB_KEY,
  STUB_SECRET,
  type RecordedRequest,
  type StubLumen,
  type StubReply,
} from './stub-lumen';
import { stubClient } from './stub-session';

const ORDER = 'POST /Customer/v3/Ordering/orderRequest';
const PRICES = 'GET /Product/v1/price';

let stub: StubLumen;
let client: LumenClient;
let logger: ReturnType<typeof recordingLogger>;

beforeEach(async () => {
  stub = await startStubLumen();
  logger = recordingLogger();
  client = newClient(1_000);
});

/** A token in hand first, so every failure below happens on an authenticated call. */
async function withToken(): Promise<void> {
  stub.on('GET /Network/v1/provider', { json: { listPartners: [] } });
  await client.listPartners(CUSTOMER);
  expect(stub.tokens).toHaveLength(1);
}

afterEach(async () => {
  await client.close();
  await stub.close();
});

function newClient(requestTimeoutMs: number, consumerSecret = STUB_SECRET): LumenClient {
  return new LumenClient({ baseUrl: stub.url, consumerKey: STUB_KEY, consumerSecret, requestTimeoutMs, logger });
}

/** What a careless server might say: everything it was sent. */
function echo(request: RecordedRequest): string {
  const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
  return `rejected ${request.headers.authorization} token=${token} secret=${STUB_SECRET} body=${request.body}`;
}

const envelopes: [string, (request: RecordedRequest) => StubReply][] = [
  [
    'v2 400',
    (r) => ({ status: 400, json: { code: '400', reason: echo(r), message: echo(r), referenceError: echo(r) } }),
  ],
  ['v1 403', (r) => ({ status: 403, json: { ErrorCode: echo(r), Error: echo(r) } })],
  [
    'RFC 9457 422',
    (r) => ({
      status: 422,
      json: { title: echo(r), detail: echo(r), errors: [{ detail: echo(r), pointer: '/externalId' }] },
    }),
  ],
  ['409', (r) => ({ status: 409, json: { message: echo(r), existingOrderId: 'order-123456' } })],
  ['expired quote 400', (r) => ({ status: 400, json: { detail: `quote expired; ${echo(r)}` } })],
  ['429', (r) => ({ status: 429, headers: { 'retry-after': '3' }, json: { message: echo(r) } })],
  ['500', (r) => ({ status: 500, json: { message: echo(r) } })],
  ['502 text', (r) => ({ status: 502, text: `<html>${echo(r)}</html>` })],
  ['401 twice', (r) => ({ status: 401, json: { message: echo(r) } })],
  ['2xx missing field', () => ({ status: 201, json: { note: 'no id' } })],
  ['2xx not JSON', (r) => ({ status: 201, text: echo(r) })],
  ['reset after send', () => 'reset'],
  ['timeout after send', () => 'hang'],
];

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(LumenApiError);
  const serialised = [JSON.stringify(error), (error as Error).message, (error as Error).stack ?? ''].join('\n');
  const secrets = [STUB_SECRET, STUB_BASIC, STUB_BASIC.replace('Basic ', ''), ...stub.tokens];
  for (const secret of secrets) expect(serialised).not.toContain(secret);
  for (const line of logger.lines) for (const secret of secrets) expect(line).not.toContain(secret);
}

it.each(envelopes)('an order failing with %s carries no secret', async (_name, reply) => {
  await withToken();
  stub.on(ORDER, reply);
  expectNoSecret(await client.placeOrder(CUSTOMER, newOrderExample).catch((caught: unknown) => caught));
});

it.each(envelopes)('a read failing with %s carries no secret', async (_name, reply) => {
  await withToken();
  stub.on(PRICES, reply);
  expectNoSecret(await client.listSpeedOffers(CUSTOMER, 'PL1').catch((caught: unknown) => caught));
});

it('a token endpoint that echoes the credentials carries no secret', async () => {
  stub.on('POST /oauth/v2/token', (r) => ({ status: 401, json: { error: echo(r), error_description: echo(r) } }));
  expectNoSecret(await client.listPartners(CUSTOMER).catch((caught: unknown) => caught));
  stub.on('POST /oauth/v2/token', (r) => ({ status: 200, text: echo(r) }));
  expectNoSecret(await client.listPartners(CUSTOMER).catch((caught: unknown) => caught));
  stub.on('POST /oauth/v2/token', { json: { access_token: 12345, expires_in: STUB_SECRET } });
  expectNoSecret(await client.listPartners(CUSTOMER).catch((caught: unknown) => caught));
});

it('refused credentials carry no secret', async () => {
  await client.close();
  client = newClient(1_000, 'a-wrong-consumer-secret');
  const error = await client.listPartners(CUSTOMER).catch((caught: unknown) => caught);
  expectNoSecret(error);
  expect(JSON.stringify(error)).not.toContain('a-wrong-consumer-secret');
});

it('a refused connection and a request that never left carry no secret', async () => {
  stub.on(ORDER, 'hang');
  stub.on(PRICES, { json: { pricePerSpeed: [] } });
  await client.close();
  client = stubClient(stub, { requestTimeoutMs: 500, connections: 1, logger });
  await client.listSpeedOffers(CUSTOMER, 'PL1');
  const [sent, queued] = await Promise.all([
    client.placeOrder(CUSTOMER, newOrderExample).catch((caught: unknown) => caught),
    client.placeOrder(CUSTOMER, newOrderExample).catch((caught: unknown) => caught),
  ]);
  expectNoSecret(sent);
  expectNoSecret(queued);

  const url = stub.url;
  await stub.close();
  const offline = new LumenClient({ baseUrl: url, consumerKey: STUB_KEY, consumerSecret: STUB_SECRET, logger });
  expectNoSecret(await offline.listPartners(CUSTOMER).catch((caught: unknown) => caught));
  await offline.close();
});

it('a request refused before sending carries no secret', async () => {
  expectNoSecret(await client.placeOrder('', newOrderExample).catch((caught: unknown) => caught));
});
