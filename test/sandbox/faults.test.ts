import type { Sandbox } from '../../sandbox/server';
import { FaultBook } from '../../sandbox/faults';
import { addOrderBody, LumenCaller, startSandboxWithCaller } from './harness';

const ORDER = '/Customer/v3/Ordering/orderRequest';
const PROVIDERS = '/Network/v1/provider';

describe('sandbox fault injection', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;

  beforeAll(async () => ({ sandbox, lumen } = await startSandboxWithCaller()));
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.admin.clearFaults());

  it('answers an injected status with the gateway envelope, once by default', async () => {
    await sandbox.admin.injectFault({ method: 'GET', path: PROVIDERS, kind: 'status', status: 503 });
    const faulted = await lumen.get(PROVIDERS);
    expect(faulted.status).toBe(503);
    expect(faulted.body).toMatchObject({ code: '503', reason: 'Service Unavailable' });
    expect((await lumen.get(PROVIDERS)).status).toBe(200);
    const [fault] = await sandbox.admin.faults();
    expect(fault.remaining).toBe(0);
  });

  it('answers an injected status with a given body, such as the v1 envelope, as many times as asked', async () => {
    const body = { ErrorCode: 'steps.oauth.v2.FailedToResolveAccessToken', Error: 'Unable to resolve' };
    await sandbox.admin.injectFault({ path: PROVIDERS, kind: 'status', status: 502, body, times: 2 });
    expect((await lumen.get(PROVIDERS)).body).toEqual(body);
    expect((await lumen.get(PROVIDERS)).status).toBe(502);
    expect((await lumen.get(PROVIDERS)).status).toBe(200);
  });

  it('rate-limits with 429 and Retry-After', async () => {
    await sandbox.admin.injectFault({ path: PROVIDERS, kind: 'rate-limit', retryAfterSeconds: 7 });
    const response = await lumen.get(PROVIDERS);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('adds latency and then serves normally', async () => {
    await sandbox.admin.injectFault({ path: PROVIDERS, kind: 'latency', latencyMs: 300 });
    const started = Date.now();
    expect((await lumen.get(PROVIDERS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('matches the method: a POST fault leaves GETs alone', async () => {
    await sandbox.admin.injectFault({ method: 'POST', path: PROVIDERS, kind: 'status', status: 500 });
    expect((await lumen.get(PROVIDERS)).status).toBe(200);
  });

  it('reset-before drops the connection without applying the request', async () => {
    const body = addOrderBody({ externalId: 'RESET-B', quoteId: await lumen.quote() });
    await sandbox.admin.injectFault({ method: 'POST', path: ORDER, kind: 'reset-before' });
    await expect(lumen.order(body)).rejects.toThrow();
    expect(await sandbox.admin.orders({ externalId: 'RESET-B' })).toEqual([]);
    expect((await lumen.order(body)).status).toBe(201);
  });

  it('reset-after applies the order, then drops the connection; the retry learns the order id from the 409', async () => {
    const body = addOrderBody({ externalId: 'RESET-A', quoteId: await lumen.quote() });
    await sandbox.admin.injectFault({ method: 'POST', path: ORDER, kind: 'reset-after' });
    await expect(lumen.order(body)).rejects.toThrow();
    const [order] = await sandbox.admin.orders({ externalId: 'RESET-A' });
    expect(order.state).toBe('inProgress');
    const retry = await lumen.order(body);
    expect(retry.status).toBe(409);
    expect(retry.body.existingOrderId).toBe(order.id);
    expect((await lumen.inventory({ externalId: 'RESET-A' })).totalRecords).toBe(1);
  });

  it("status-after applies the order and answers the gateway's 504; the order exists all the same", async () => {
    const body = addOrderBody({ externalId: 'AFTER-504', quoteId: await lumen.quote() });
    await sandbox.admin.injectFault({ method: 'POST', path: ORDER, kind: 'status-after' });
    const lost = await lumen.order(body);
    expect(lost.status).toBe(504);
    expect(lost.body).toMatchObject({ code: '504' });
    const orders = await sandbox.admin.orders({ externalId: 'AFTER-504' });
    expect(orders).toHaveLength(1);
    expect((await lumen.order(body)).body.existingOrderId).toBe(orders[0].id);
  });

  it('a fault armed for a window hits every matching request until it closes', async () => {
    await sandbox.admin.injectFault({ path: PROVIDERS, kind: 'status', status: 503, forMs: 400 });
    expect((await lumen.get(PROVIDERS)).status).toBe(503);
    expect((await lumen.get(PROVIDERS)).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await lumen.get(PROVIDERS)).status).toBe(200);
  });

  it('faults the token endpoint too, and logs faulted requests', async () => {
    await sandbox.admin.injectFault({ path: '/oauth/v2/token', kind: 'status', status: 500 });
    const fresh = new LumenCaller(sandbox.url);
    await expect(fresh.get(PROVIDERS)).rejects.toThrow(/500/);
    const log = await sandbox.admin.requests();
    expect(log).toContainEqual(expect.objectContaining({ path: '/oauth/v2/token', status: 500, fault: 'status' }));
    expect(log).toContainEqual(expect.objectContaining({ path: ORDER, status: 0, fault: 'reset-after' }));
  });

  it('refuses a malformed fault with 400', async () => {
    await expect(sandbox.admin.injectFault({ path: 'no-slash', kind: 'status' })).rejects.toThrow(/400/);
    await expect(sandbox.admin.injectFault({ path: '/x', kind: 'explode' as 'status' })).rejects.toThrow(/kind/);
  });
});

describe('the fault book', () => {
  it('spares requests by chance without using the fault up, and closes its window on time', () => {
    let now = 1_000;
    const rolls = [0.9, 0.1, 0.5];
    const book = new FaultBook(
      () => now,
      () => rolls.shift() ?? 0,
    );
    book.add({ path: '/x', kind: 'status', probability: 0.3, times: 1 });
    expect(book.take('GET', '/x')).toBeUndefined(); // 0.9: spared
    expect(book.take('GET', '/x')?.kind).toBe('status'); // 0.1: hit, and used up
    expect(book.take('GET', '/x')).toBeUndefined();

    book.add({ path: '/y', kind: 'status', forMs: 50 });
    expect(book.take('GET', '/y')).toBeDefined();
    expect(book.take('GET', '/y')).toBeDefined();
    now += 50;
    expect(book.take('GET', '/y')).toBeUndefined();
  });
});
