import type { Sandbox } from '../../sandbox/server';
import { basic, CUSTOMER, LumenCaller, startSandbox } from './harness';

describe('sandbox authentication', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ tokenTtlSeconds: 1 });
  });
  afterAll(() => sandbox.close());

  const token = (authorization: string | undefined, body = 'grant_type=client_credentials') =>
    fetch(`${sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  const providers = (headers: Record<string, string>) => fetch(`${sandbox.url}/Network/v1/provider`, { headers });

  it('issues a bearer token with issued_at and expires_in as strings', async () => {
    const before = Date.now();
    const response = await token(basic());
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: '1' });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.issued_at).toBe('string');
    expect(Number(body.issued_at)).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ['a wrong secret', basic('sandbox-key', 'nope')],
    ['a wrong key', basic('someone', 'sandbox-secret')],
    ['no credentials', undefined],
    ['a bearer header', 'Bearer abc'],
  ])('refuses %s with 401 and the gateway envelope', async (_, authorization) => {
    const response = await token(authorization);
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: '401', reason: 'Unauthorized' });
    expect(typeof body.message).toBe('string');
    expect(typeof body.referenceError).toBe('string');
    expect(JSON.stringify(body)).not.toContain('sandbox-secret');
  });

  it('refuses a grant type other than client_credentials with 400', async () => {
    const response = await token(basic(), 'grant_type=password');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('client_credentials');
  });

  it('refuses API calls without a token, with an unknown token, or with an expired one', async () => {
    expect((await providers({ 'x-customer-number': CUSTOMER })).status).toBe(401);
    expect((await providers({ authorization: 'Bearer not-a-token', 'x-customer-number': CUSTOMER })).status).toBe(401);
    const caller = new LumenCaller(sandbox.url);
    expect((await caller.get('/Network/v1/provider')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await caller.get<{ message: string }>('/Network/v1/provider');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/i);
  });

  it('expires tokens on demand through the admin surface', async () => {
    await sandbox.admin.updateSettings({ tokenTtlSeconds: 1799 });
    const caller = new LumenCaller(sandbox.url);
    expect((await caller.get('/Network/v1/provider')).status).toBe(200);
    await sandbox.admin.expireTokens();
    expect((await caller.get('/Network/v1/provider')).status).toBe(401);
    expect(await sandbox.admin.tokensIssued()).toBeGreaterThan(0);
  });

  it('requires x-customer-number and knows only seeded customers', async () => {
    await sandbox.admin.updateSettings({ tokenTtlSeconds: 1799 });
    const caller = new LumenCaller(sandbox.url);
    const { authorization } = await caller.headers();
    const missing = await providers({ authorization });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toContain('x-customer-number');
    expect((await providers({ authorization, 'x-customer-number': '1-NOBODY' })).status).toBe(403);
    expect((await providers({ authorization, 'x-customer-number': '1-NONUS' })).status).toBe(200);
    await sandbox.admin.seed({ customers: [{ customerNumber: '1-NEWCO' }] });
    expect((await providers({ authorization, 'x-customer-number': '1-NEWCO' })).status).toBe(200);
  });

  it('answers unknown paths with 404 and wrong methods with 405, before asking for a token', async () => {
    const unknown = await fetch(`${sandbox.url}/Network/v9/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: '404' });
    const wrongMethod = await fetch(`${sandbox.url}/Network/v1/provider`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('never logs the Authorization header', async () => {
    const caller = new LumenCaller(sandbox.url);
    await caller.get('/Network/v1/provider');
    const log = await sandbox.admin.requests();
    expect(log.length).toBeGreaterThan(0);
    expect(log.at(-1)).toMatchObject({
      method: 'GET',
      path: '/Network/v1/provider',
      status: 200,
      customerNumber: CUSTOMER,
    });
    expect(JSON.stringify(log)).not.toMatch(/Bearer|Basic|authorization/i);
  });
});

describe('sandbox credentials', () => {
  it('uses the consumer key and secret it is given', async () => {
    const sandbox = await startSandbox({ consumerKey: 'k2', consumerSecret: 's2' });
    try {
      const post = (authorization: string) =>
        fetch(`${sandbox.url}/oauth/v2/token`, {
          method: 'POST',
          headers: { authorization },
          body: 'grant_type=client_credentials',
        });
      expect((await post(basic())).status).toBe(401);
      expect((await post(basic('k2', 's2'))).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
