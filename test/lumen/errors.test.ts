// Every way a call can fail becomes one LumenApiError saying whether repeating it is safe.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LumenClient } from '../../lumen/client';
import { LumenApiError } from '../../lumen/errors';
import { CUSTOMER, newOrderExample, priceListExample } from './doc-examples';
import { manualClock, STUB_KEY, STUB_SECRET, type StubReply } from './stub-lumen';
import { useStubLumen } from './stub-session';
import { failure } from './lumen-failure';

const ORDER = 'POST /Customer/v3/Ordering/orderRequest';
const PRICES = 'GET /Product/v1/price';

const clock = manualClock();
const lumen = useStubLumen({ clock });

const order = () => lumen.client.placeOrder(CUSTOMER, newOrderExample);
const prices = () => lumen.client.listSpeedOffers(CUSTOMER, 'PL0001247634');

async function orderFailsWith(reply: StubReply): Promise<LumenApiError> {
  lumen.stub.on(ORDER, reply);
  return failure(order());
}

describe('envelopes', () => {
  it('reads the gateway v2 envelope', async () => {
    const error = await orderFailsWith({
      status: 400,
      json: { code: 'ERR-400', reason: 'Bad Request', message: 'externalId too long', referenceError: 'ref-1' },
    });
    expect(error).toMatchObject({
      endpoint: ORDER,
      status: 400,
      lumenMessage: 'externalId too long',
      lumenCode: 'ERR-400',
    });
    expect(error.message).toBe(`${ORDER} failed (HTTP 400): externalId too long`);
    expect(error).toMatchObject({ retryable: false, outcomeUnknown: false });
  });

  it('reads the gateway v1 envelope, in either letter case', async () => {
    let error = await orderFailsWith({ status: 403, json: { ErrorCode: '4031', Error: 'Not entitled' } });
    expect(error).toMatchObject({ status: 403, lumenMessage: 'Not entitled', lumenCode: '4031' });
    error = await orderFailsWith({ status: 403, json: { errorCode: 4032, error: 'Customer not entitled' } });
    expect(error).toMatchObject({ lumenMessage: 'Customer not entitled', lumenCode: '4032' });
  });

  it('reads RFC 9457 problem details into field errors', async () => {
    const error = await orderFailsWith({
      status: 422,
      headers: { 'content-type': 'application/problem+json' },
      json: {
        type: 'about:blank',
        title: 'Validation failed',
        status: 422,
        detail: 'The order is invalid',
        instance: '/Customer/v3/Ordering/orderRequest',
        errors: [
          { detail: 'must be at most 20 characters', pointer: '/externalId' },
          { detail: 'must be 1', pointer: '#/productOrderItem/0/quantity' },
        ],
      },
    });
    expect(error.fieldErrors).toEqual([
      { field: 'externalId', message: 'must be at most 20 characters' },
      { field: 'productOrderItem[0].quantity', message: 'must be 1' },
    ]);
    expect(error.lumenMessage).toBe(
      'The order is invalid (externalId: must be at most 20 characters; productOrderItem[0].quantity: must be 1)',
    );
  });

  it('keeps a short excerpt of a body that is not JSON', async () => {
    const error = await orderFailsWith({ status: 418, text: `<html><body>${'teapot '.repeat(100)}</body></html>` });
    expect(error.lumenMessage.startsWith('<html><body>teapot')).toBe(true);
    expect(error.lumenMessage.length).toBeLessThanOrEqual(201);
  });
});

describe('statuses', () => {
  it('429 is retryable and honours Retry-After in seconds', async () => {
    lumen.stub.on(PRICES, { status: 429, headers: { 'retry-after': '7' }, json: { code: '429', message: 'Too many' } });
    expect(await failure(prices())).toMatchObject({
      status: 429,
      retryable: true,
      outcomeUnknown: false,
      retryAfterMs: 7000,
    });
  });

  it('429 honours Retry-After as an HTTP date', async () => {
    const at = new Date(clock.now() + 90_000).toUTCString();
    const error = await orderFailsWith({ status: 429, headers: { 'retry-after': at }, json: { message: 'Daily cap' } });
    expect(error).toMatchObject({ retryable: true, outcomeUnknown: false, retryAfterMs: 90_000 });
  });

  // A gateway or server fault says nothing about whether the order was applied behind it.
  it.each([408, 500, 502, 504])('%i on an order leaves the outcome unknown', async (status) => {
    const error = await orderFailsWith({ status, json: { code: String(status), message: 'gateway trouble' } });
    expect(error).toMatchObject({ status, retryable: false, outcomeUnknown: true });
  });

  // Only Lumen saying it did not process the request makes repeating an order safe.
  it.each([429, 503])('%i on an order means it was not processed: retryable', async (status) => {
    const error = await orderFailsWith({ status, json: { code: String(status), message: 'not now' } });
    expect(error).toMatchObject({ status, retryable: true, outcomeUnknown: false });
  });

  it.each([408, 500, 502, 503, 504])('%i on a read is simply retryable', async (status) => {
    lumen.stub.on(PRICES, { status, json: { code: String(status), message: 'Internal error' } });
    expect(await failure(prices())).toMatchObject({ status, retryable: true, outcomeUnknown: false });
  });

  it.each([400, 403, 404, 422])(
    '%i on an order is a refusal: nothing was applied, repeating would not help',
    async (status) => {
      const error = await orderFailsWith({ status, json: { code: String(status), message: 'refused' } });
      expect(error).toMatchObject({ status, retryable: false, outcomeUnknown: false });
    },
  );

  it('409 on an order names the existing order from the body field', async () => {
    const error = await orderFailsWith({
      status: 409,
      json: { code: '409', message: 'Quote NaaS-7888 was already ordered', existingOrderId: 'abc-order-1' },
    });
    expect(error).toMatchObject({
      status: 409,
      existingOrderId: 'abc-order-1',
      retryable: false,
      outcomeUnknown: false,
    });
  });

  it('409 on an order names the existing order parsed from the message', async () => {
    const error = await orderFailsWith({
      status: 409,
      json: { title: 'Conflict', detail: 'Quote NaaS-7888 already used by order 1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76' },
    });
    expect(error.existingOrderId).toBe('1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76');
  });

  it('400 for an expired or unknown quote is flagged', async () => {
    let error = await orderFailsWith({ status: 400, json: { detail: 'Quote NaaS-7888 has expired' } });
    expect(error.quoteExpired).toBe(true);
    error = await orderFailsWith({ status: 400, json: { detail: 'quote NaaS-1 not found' } });
    expect(error.quoteExpired).toBe(true);
    error = await orderFailsWith({ status: 400, json: { detail: 'externalId too long' } });
    expect(error.quoteExpired).toBeUndefined();
  });
});

describe('transport failures', () => {
  it('a refused connection is retryable: nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = new LumenClient({
      baseUrl: `http://127.0.0.1:${port}`,
      consumerKey: STUB_KEY,
      consumerSecret: STUB_SECRET,
    });
    const error = await failure(offline.listPartners(CUSTOMER));
    await offline.close();
    expect(error).toMatchObject({
      endpoint: 'POST /oauth/v2/token',
      status: undefined,
      transportCode: 'ECONNREFUSED',
      retryable: true,
      outcomeUnknown: false,
    });
    expect(error.message).toContain('before the request was sent');
  });

  it('a timeout after an order was sent leaves the outcome unknown; one queued behind it is classed by what really left', async () => {
    await lumen.reconnect({
      requestTimeoutMs: 500,
      connections: 1,
    });
    lumen.stub.on(ORDER, 'hang');
    lumen.stub.on(PRICES, { json: priceListExample });
    await lumen.client.listSpeedOffers(CUSTOMER, 'PL1'); // token in hand, one connection open
    const [first, second] = await Promise.all([failure(order()), failure(order())]);
    expect(first).toMatchObject({ transportCode: 'LUMEN_DEADLINE', retryable: false, outcomeUnknown: true });
    expect(first.message).toContain('after the request was sent');
    // The second waits for the only connection. Its deadline usually passes before the freed connection can
    // carry it (never sent: retryable); on a loaded machine it may leave first. Either way, the class must be true.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secondLeft = lumen.stub.requestsTo(ORDER).length === 2;
    expect(second).toMatchObject({
      transportCode: 'LUMEN_DEADLINE',
      retryable: !secondLeft,
      outcomeUnknown: secondLeft,
    });
  });

  it('a timeout after a read was sent is retryable', async () => {
    await lumen.reconnect({
      requestTimeoutMs: 400,
    });
    lumen.stub.on(PRICES, 'hang');
    expect(await failure(prices())).toMatchObject({
      endpoint: PRICES,
      transportCode: 'LUMEN_DEADLINE',
      retryable: true,
      outcomeUnknown: false,
    });
  });

  it('slow headers and a stalled body count against the deadline too', async () => {
    await lumen.reconnect({
      requestTimeoutMs: 400,
    });
    lumen.stub.on(PRICES, { json: priceListExample, delayMs: 1_000 });
    const late = { endpoint: PRICES, transportCode: 'LUMEN_DEADLINE', retryable: true };
    expect(await failure(prices())).toMatchObject(late);
    lumen.stub.on(PRICES, { json: priceListExample, bodyDelayMs: 1_000 });
    expect(await failure(prices())).toMatchObject(late);
  });

  it('a socket reset after an order was sent leaves the outcome unknown', async () => {
    const error = await orderFailsWith('reset');
    expect(error).toMatchObject({ endpoint: ORDER, status: undefined, retryable: false, outcomeUnknown: true });
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(error.transportCode);
  });

  it('a socket reset during a read is retryable', async () => {
    lumen.stub.on(PRICES, 'reset');
    expect(await failure(prices())).toMatchObject({ retryable: true, outcomeUnknown: false });
  });

  it('an order whose success answer cannot be read is reported as possibly placed', async () => {
    const error = await orderFailsWith({ status: 201, text: 'not json' });
    expect(error).toMatchObject({ status: 201, retryable: false, outcomeUnknown: true });
  });
});
