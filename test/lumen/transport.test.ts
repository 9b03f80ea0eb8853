// The transport's deadline: it covers queueing, and a request still queued when it passes is never sent;
// nor is one the ceiling on requests per second holds back.
import { RequestRateLimiter, UNLIMITED } from '../../lumen/rate-limiter';
import { LumenTransport, type OutgoingRequest } from '../../lumen/transport';
import { startStubLumen, type StubLumen } from './stub-lumen';
import { failure } from './lumen-failure';

const ORDER = 'POST /Customer/v3/Ordering/orderRequest';

let stub: StubLumen;
let transport: LumenTransport;

beforeEach(async () => {
  stub = await startStubLumen();
  stub.on(ORDER, 'hang');
  stub.tokens.push('transport-test-token');
  transport = new LumenTransport({
    origin: stub.url,
    pathPrefix: '',
    connections: 1,
    requestTimeoutMs: 1_000,
    limiter: UNLIMITED,
    logger: { debug: () => undefined, warn: () => undefined },
    redact: (text) => text,
  });
});

afterEach(async () => {
  await transport.close();
  await stub.close();
});

const order = (timeoutMs?: number): OutgoingRequest => ({
  method: 'POST',
  path: '/Customer/v3/Ordering/orderRequest',
  headers: { 'content-type': 'application/json', authorization: 'Bearer transport-test-token' },
  body: '{}',
  idempotent: false,
  timeoutMs,
});

it('fails a request still queued at its deadline as not sent, and never sends it', async () => {
  const holding = failure(transport.send(order())); // holds the only connection for 1 s
  const queued = await failure(transport.send(order(100)));
  expect(queued).toMatchObject({ transportCode: 'LUMEN_DEADLINE', retryable: true, outcomeUnknown: false });
  expect(queued.message).toContain('before the request was sent');

  const held = await holding;
  expect(held).toMatchObject({ transportCode: 'LUMEN_DEADLINE', retryable: false, outcomeUnknown: true });
  await new Promise((resolve) => setTimeout(resolve, 100)); // the freed connection must not carry the cancelled one
  expect(stub.requestsTo(ORDER)).toHaveLength(1);
});

it('holds a request back by the ceiling as not sent, even an order, with when to ask again', async () => {
  stub.on('GET /Network/v1/provider', { json: { listPartners: [] } });
  const ceiling = new RequestRateLimiter({ perSecond: 1, maxWaitMs: 0, setting: 'LUMEN_MAX_REQUESTS_PER_SECOND' });
  const limited = new LumenTransport({
    origin: stub.url,
    pathPrefix: '',
    connections: 1,
    requestTimeoutMs: 1_000,
    limiter: ceiling,
    logger: { debug: () => undefined, warn: () => undefined },
    redact: (text) => text,
  });
  try {
    const read = await limited.send({
      method: 'GET',
      path: '/Network/v1/provider',
      headers: { authorization: 'Bearer transport-test-token' },
      idempotent: true,
    });
    expect(read.status).toBe(200);
    const refused = await failure(limited.send(order()));
    expect(refused).toMatchObject({
      transportCode: 'LUMEN_RATE_CEILING',
      retryable: true,
      outcomeUnknown: false,
      status: undefined,
    });
    expect(refused.retryAfterMs).toBeGreaterThan(900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect(refused.message).toMatch(
      /^POST \/Customer\/v3\/Ordering\/orderRequest failed \(no response\): held back by the ceiling on requests per second before the request was sent \(LUMEN_RATE_CEILING: the ceiling on requests to Lumen \(LUMEN_MAX_REQUESTS_PER_SECOND=1\) would keep it waiting/,
    );
    expect(stub.requestsTo(ORDER)).toHaveLength(0);
  } finally {
    await limited.close();
  }
});
