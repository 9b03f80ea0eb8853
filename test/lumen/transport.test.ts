// The transport's deadline: it covers queueing, and a request still queued when it passes is never sent.
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
