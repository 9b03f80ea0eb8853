// The ceiling on requests per second sits at the client's one door: every request Lumen receives asked
// it first, the token, each page and the repeat after a 401 included.
import { LumenClient } from '../../lumen/client';
import type { RequestLimiter } from '../../lumen/rate-limiter';
import { CUSTOMER, providersExample } from './doc-examples';
import { failure } from './lumen-failure';
import { startStubLumen, STUB_KEY, STUB_SECRET, type StubLumen } from './stub-lumen';

let stub: StubLumen;
let client: LumenClient;
let asked: number;
let refuseNext = false;

const countingLimiter: RequestLimiter = {
  acquire() {
    asked++;
    if (!refuseNext) return Promise.resolve(() => undefined);
    refuseNext = false;
    return Promise.reject(Object.assign(new Error('held back'), { code: 'LUMEN_RATE_CEILING', retryAfterMs: 300 }));
  },
};

beforeEach(async () => {
  asked = 0;
  stub = await startStubLumen();
  client = new LumenClient({
    baseUrl: stub.url,
    consumerKey: STUB_KEY,
    consumerSecret: STUB_SECRET,
    limiter: countingLimiter,
  });
});

afterEach(async () => {
  await client.close();
  await stub.close();
});

it('asks the ceiling for the token and for every page of a listing', async () => {
  stub.on('GET /Network/v1/provider', (request) => {
    const page = Number(request.query.get('pageNumber'));
    return {
      json: {
        pagination: [{ pageNumber: page, pageSize: 1, totalRecords: 2 }],
        listPartners: [providersExample.listPartners[page - 1]],
      },
    };
  });
  await client.listPartners(CUSTOMER);
  expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /oauth/v2/token',
    'GET /Network/v1/provider',
    'GET /Network/v1/provider',
  ]);
  expect(asked).toBe(3);
});

it('asks again for the new token and the repeated call after a 401', async () => {
  stub.on('GET /Network/v1/provider', { json: providersExample });
  await client.listPartners(CUSTOMER);
  stub.revoke(stub.tokens[0]);
  await client.listPartners(CUSTOMER);
  // token, call; then the refused call, a new token, the call again
  expect(stub.requests).toHaveLength(5);
  expect(asked).toBe(5);
});

it('reports a call the ceiling held back as not sent, with when to ask again', async () => {
  stub.on('GET /Network/v1/provider', { json: providersExample });
  await client.listPartners(CUSTOMER);
  refuseNext = true;
  const refused = await failure(client.listPartners(CUSTOMER));
  expect(refused).toMatchObject({ transportCode: 'LUMEN_RATE_CEILING', retryable: true, outcomeUnknown: false });
  expect(refused.retryAfterMs).toBe(300);
  expect(stub.requestsTo('GET /Network/v1/provider')).toHaveLength(1);
});
