// OAuth client credentials: one token shared, refreshed ahead of expiry, and a 401 refreshed once.
import { LumenClient } from '../../lumen/client';
import { LumenApiError, LumenCredentialsRejected } from '../../lumen/errors';
import { CUSTOMER, providersExample } from './doc-examples';
import { manualClock, startStubLumen, STUB_BASIC, STUB_KEY, STUB_SECRET, type StubLumen } from './stub-lumen';

let stub: StubLumen;
let clock: ReturnType<typeof manualClock>;
let client: LumenClient;

beforeEach(async () => {
  stub = await startStubLumen();
  stub.on('GET /Network/v1/provider', { json: providersExample });
  clock = manualClock();
  client = new LumenClient({ baseUrl: stub.url, consumerKey: STUB_KEY, consumerSecret: STUB_SECRET, clock });
});

afterEach(async () => {
  await client.close();
  await stub.close();
});

const tokenRequests = () => stub.requestsTo('POST /oauth/v2/token');

it('asks for a token with Basic credentials and a form body, then sends it as a bearer token', async () => {
  await client.listPartners(CUSTOMER);
  const [tokenRequest] = tokenRequests();
  expect(tokenRequest.headers.authorization).toBe(STUB_BASIC);
  expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(tokenRequest.body).toBe('grant_type=client_credentials');
  const [call] = stub.requestsTo('GET /Network/v1/provider');
  expect(call.headers.authorization).toBe(`Bearer ${stub.tokens[0]}`);
  expect(call.headers['x-customer-number']).toBe(CUSTOMER);
});

it('reuses the token until shortly before it expires (expires_in as a string)', async () => {
  await client.listPartners(CUSTOMER);
  clock.advance(1799_000 - 61_000);
  await client.listPartners(CUSTOMER);
  expect(tokenRequests()).toHaveLength(1);
  clock.advance(2_000); // now inside the 60 s margin
  await client.listPartners(CUSTOMER);
  expect(tokenRequests()).toHaveLength(2);
  expect(stub.requestsTo('GET /Network/v1/provider')[2].headers.authorization).toBe(`Bearer ${stub.tokens[1]}`);
});

it('accepts numeric issued_at and expires_in, and refreshes short-lived tokens at half their life', async () => {
  let issued = 0;
  stub.on('POST /oauth/v2/token', () => {
    const token = `numeric-token-${++issued}-abcdef`;
    stub.tokens.push(token);
    return { json: { access_token: token, issued_at: Date.now(), expires_in: 30 } };
  });
  await client.listPartners(CUSTOMER);
  clock.advance(14_000);
  await client.listPartners(CUSTOMER);
  expect(issued).toBe(1);
  clock.advance(2_000);
  await client.listPartners(CUSTOMER);
  expect(issued).toBe(2);
});

it('lets concurrent callers share one token request', async () => {
  stub.on('POST /oauth/v2/token', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    stub.tokens.push('slow-token-123456');
    return { json: { access_token: 'slow-token-123456', expires_in: '1799' } };
  });
  await Promise.all(Array.from({ length: 10 }, () => client.listPartners(CUSTOMER)));
  expect(tokenRequests()).toHaveLength(1);
  expect(stub.requestsTo('GET /Network/v1/provider')).toHaveLength(10);
});

it('on a 401 refreshes the token once and repeats the call once', async () => {
  await client.listPartners(CUSTOMER);
  stub.revoke(stub.tokens[0]);
  expect(await client.listPartners(CUSTOMER)).toHaveLength(2);
  expect(tokenRequests()).toHaveLength(2);
  const calls = stub.requestsTo('GET /Network/v1/provider');
  expect(calls.map((call) => call.headers.authorization)).toEqual([
    `Bearer ${stub.tokens[0]}`,
    `Bearer ${stub.tokens[0]}`,
    `Bearer ${stub.tokens[1]}`,
  ]);
});

it('gives up after the one repeat when Lumen keeps refusing', async () => {
  stub.on('GET /Network/v1/provider', { status: 401, json: { code: '401', message: 'Invalid access token' } });
  const error = (await client.listPartners(CUSTOMER).catch((caught: unknown) => caught)) as LumenApiError;
  expect(error).toBeInstanceOf(LumenApiError);
  expect(error).toMatchObject({ endpoint: 'GET /Network/v1/provider', status: 401, retryable: false });
  expect(error.lumenMessage).toBe('Invalid access token');
  expect(tokenRequests()).toHaveLength(2);
  expect(stub.requestsTo('GET /Network/v1/provider')).toHaveLength(2);
});

it('reports refused credentials from the token endpoint in plain words, as safe to repeat', async () => {
  await client.close();
  const heard: string[] = [];
  const credentials = {
    rejected: (status: number) => heard.push(`rejected ${status}`),
    accepted: () => heard.push('accepted'),
  };
  client = new LumenClient({
    baseUrl: stub.url,
    consumerKey: STUB_KEY,
    consumerSecret: 'wrong-secret-value',
    credentials,
  });
  const error = (await client.listPartners(CUSTOMER).catch((caught: unknown) => caught)) as LumenApiError;
  expect(error).toBeInstanceOf(LumenCredentialsRejected);
  expect(error).toMatchObject({
    endpoint: 'POST /oauth/v2/token',
    status: 401,
    lumenMessage: 'Client authentication failed',
    // Nothing but the token request was sent: repeating is safe, even for an order.
    retryable: true,
    outcomeUnknown: false,
    message: 'Lumen refused the API credentials (401 from the token endpoint); nothing will move until they are fixed',
  });
  expect(error.message).not.toContain('wrong-secret-value');
  expect(heard).toEqual(['rejected 401']);

  await client.close();
  client = new LumenClient({
    baseUrl: stub.url,
    consumerKey: STUB_KEY,
    consumerSecret: STUB_SECRET,
    clock,
    credentials,
  });
  await client.listPartners(CUSTOMER);
  expect(heard).toEqual(['rejected 401', 'accepted']);
});

it('reads a 403 from the token endpoint as refused credentials too', async () => {
  stub.on('POST /oauth/v2/token', { status: 403, json: { code: '403', message: 'Key expired' } });
  const error = (await client.listPartners(CUSTOMER).catch((caught: unknown) => caught)) as LumenApiError;
  expect(error).toBeInstanceOf(LumenCredentialsRejected);
  expect(error.message).toBe(
    'Lumen refused the API credentials (403 from the token endpoint); nothing will move until they are fixed',
  );
});

it('keeps using a still-valid token when an early refresh fails', async () => {
  await client.listPartners(CUSTOMER);
  stub.on('POST /oauth/v2/token', { status: 503, json: { code: '503', message: 'down' } });
  clock.advance(1799_000 - 30_000);
  expect(await client.listPartners(CUSTOMER)).toHaveLength(2);
  expect(await client.listPartners(CUSTOMER)).toHaveLength(2);
  expect(tokenRequests()).toHaveLength(2); // the failed refresh is not repeated on every call
  clock.advance(31_000); // expired for real now
  const error = (await client.listPartners(CUSTOMER).catch((caught: unknown) => caught)) as LumenApiError;
  expect(error).toMatchObject({ endpoint: 'POST /oauth/v2/token', status: 503, retryable: true });
});

it('names a token response without access_token', async () => {
  stub.on('POST /oauth/v2/token', { json: { token_type: 'Bearer', expires_in: '1799' } });
  const error = (await client.listPartners(CUSTOMER).catch((caught: unknown) => caught)) as LumenApiError;
  expect(error.endpoint).toBe('POST /oauth/v2/token');
  expect(error.fieldErrors?.[0].field).toBe('access_token');
});

it('rejects configuration without echoing the secret', () => {
  const attempt = () => new LumenClient({ baseUrl: 'ftp://x', consumerKey: '', consumerSecret: 'super-secret-value' });
  expect(attempt).toThrow(/check baseUrl, consumerKey/);
  expect(attempt).not.toThrow(/super-secret-value/);
});
