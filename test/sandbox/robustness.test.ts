import { connect } from 'node:net';
import { API_ROUTES } from '../../sandbox/api';
import type { Sandbox } from '../../sandbox/server';
import { addOrderBody, LumenCaller, priceRequestBody, startSandboxWithCaller } from './harness';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const GARBAGE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000\uffff',
  true,
  [],
  [null],
  {},
  { nested: { deeper: [1, 'two'] } },
];

const GARBAGE_BODIES = [
  '',
  '{',
  'not json',
  '[]',
  'null',
  '"text"',
  '12',
  '{"__proto__": {"polluted": true}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  JSON.stringify({ productOrderItem: 'one', quote: { id: 1 }, billingAccount: [] }),
  Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('latin1'),
];

/** Sets a random leaf (or branch) of a JSON value to a random garbage value. */
function mutate(value: unknown, next: () => number): unknown {
  if (value === null || typeof value !== 'object' || next() < 0.25) {
    return GARBAGE_VALUES[Math.floor(next() * GARBAGE_VALUES.length)];
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  if (!keys.length) return GARBAGE_VALUES[Math.floor(next() * GARBAGE_VALUES.length)];
  const key = keys[Math.floor(next() * keys.length)];
  if (next() < 0.1) delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], next);
  return copy;
}

describe('sandbox robustness: bad input of any kind gets an answer, never a crash', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;

  beforeAll(async () => ({ sandbox, lumen } = await startSandboxWithCaller()));
  afterAll(() => sandbox.close());

  it('answers garbage bodies on every endpoint below 500', async () => {
    for (const route of API_ROUTES) {
      for (const body of GARBAGE_BODIES) {
        const response = await fetch(
          `${sandbox.url}${route.path}?pageSize=%ZZ&pageNumber=-3&partnerId=&masterSiteId=%00`,
          {
            method: route.method,
            headers: { ...(await lumen.headers()), 'content-type': 'text/plain' },
            body: route.method === 'POST' ? body : undefined,
          },
        );
        if (response.status >= 500)
          throw new Error(`${route.method} ${route.path} answered ${response.status} to ${body}`);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers randomly mutated price requests and orders below 500', async () => {
    const next = random(20_261_126);
    const statuses = new Set<number>();
    for (let i = 0; i < 150; i++) {
      const order = addOrderBody({ externalId: `FUZZ-${i}`, quoteId: await lumen.quote() });
      const priced = await lumen.post('/Product/v1/priceRequest', mutate(priceRequestBody(), next));
      const ordered = await lumen.order(mutate(order, next));
      for (const { status, text } of [priced, ordered]) {
        if (status >= 500) throw new Error(`got ${status}: ${text}`);
        statuses.add(status);
      }
    }
    // Some mutations leave the body valid (201); the rest are rule breaks (400) or malformed (422).
    expect([...statuses].sort()).toEqual([201, 400, 422]);
  });

  it('answers odd headers and queries below 500', async () => {
    const { authorization } = await lumen.headers();
    const odd: Record<string, string>[] = [
      { authorization: 'Bearer' },
      { authorization: 'Basic' },
      { authorization: `${authorization} extra`, 'x-customer-number': '1-SANDBOX' },
      { authorization, 'x-customer-number': ' ' },
      { authorization, 'x-customer-number': 'x'.repeat(4_000) },
    ];
    for (const headers of odd) {
      const response = await fetch(`${sandbox.url}/Network/v1/location?partnerId=43558&pageSize=1e3`, { headers });
      expect(response.status).toBeLessThan(500);
    }
    const pageSize = await lumen.get<{ pagination: { pageSize: number }[] }>('/Network/v1/location', {
      partnerId: '43558',
      pageSize: 5000,
    });
    expect(pageSize.body.pagination[0].pageSize).toBe(100);
    const token = await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { authorization: 'Basic %%%' },
    });
    expect(token.status).toBe(401);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await lumen.post('/Product/v1/priceRequest', JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
  });

  it('survives malformed HTTP on a raw socket and keeps serving', async () => {
    const port = new URL(sandbox.url).port;
    for (const raw of [
      'GARBAGE\r\n\r\n',
      'GET /Network/v1/provider HTTP/9.9\r\n\r\n',
      'POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab',
    ]) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(raw);
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('error', () => undefined);
        socket.on('close', () => resolve());
      });
    }
    expect((await lumen.get('/Network/v1/provider')).status).toBe(200);
  });

  it('answers bad admin input with 400 or 404', async () => {
    const call = (method: string, path: string, body?: string) =>
      fetch(`${sandbox.url}/_sandbox${path}`, { method, body, headers: { 'content-type': 'application/json' } });
    expect((await call('POST', '/seed', '{')).status).toBe(400);
    expect((await call('POST', '/seed', '{"locations": [{"masterSiteId": 5}]}')).status).toBe(400);
    expect((await call('PUT', '/webhook', '{"url": "nope", "secret": ""}')).status).toBe(400);
    expect((await call('PUT', '/outcomes/X', '{"outcome": "maybe"}')).status).toBe(400);
    expect((await call('PATCH', '/settings', '{"quoteValidityMs": -5}')).status).toBe(400);
    expect((await call('PUT', '/services/1/status', '{"status": "Active"}')).status).toBe(404);
    expect((await call('PUT', '/services/1/status', '{"status": "Exploded"}')).status).toBe(400);
    expect((await call('POST', '/quotes/%E0%A4%A/expire')).status).toBe(400);
    expect((await call('GET', '/nothing')).status).toBe(404);
    expect((await call('DELETE', '/quotes')).status).toBe(405);
  });

  it('logged no 5xx apart from what the tests asked for', async () => {
    const log = await sandbox.admin.requests();
    expect(log.length).toBeGreaterThan(100);
    expect(log.filter((entry) => entry.status >= 500)).toEqual([]);
  });
});
