import { SandboxAdmin, SandboxAdminError } from '../../sandbox/admin-client';
import type { Sandbox } from '../../sandbox/server';
import { CUSTOMER, EQUINIX, LumenCaller, MONROE, startSandbox, US_ACCOUNT } from './harness';

describe('sandbox admin surface', () => {
  let sandbox: Sandbox;
  let admin: SandboxAdmin;
  let lumen: LumenCaller;

  beforeAll(async () => {
    sandbox = await startSandbox();
    admin = new SandboxAdmin(`${sandbox.url}/`);
    lumen = new LumenCaller(sandbox.url);
  });
  afterAll(() => sandbox.close());

  it('seeds a partner, its site with a price list, and a customer with a billing account', async () => {
    await admin.seed({
      partners: [{ id: '999001', name: 'Test Colo' }],
      locations: [
        {
          masterSiteId: 'PL9999999999',
          partnerId: '999001',
          city: 'Tulsa',
          stateOrProvince: 'OK',
          accessSpeeds: [{ speed: '300 mbps', displayValue: '300 mbps' }],
          prices: [{ speed: '300 Mbps', hourlyUsd: 0.8 }],
        },
      ],
      billingAccounts: [{ customerNumber: '1-TESTCO', id: '5-TESTCO01', name: 'TestCo', hqCountry: 'US' }],
    });
    const partners = await lumen.get<{ listPartners: { id: string }[] }>('/Network/v1/provider');
    expect(partners.body.listPartners.map((p) => p.id)).toContain('999001');
    const sites = await lumen.get<{ location: { masterSiteId: string; networkStatus: string }[] }>(
      '/Network/v1/location',
      {
        partnerId: '999001',
      },
    );
    expect(sites.body.location).toEqual([
      expect.objectContaining({ masterSiteId: 'PL9999999999', networkStatus: 'ON_NET' }),
    ]);
    const testco = new LumenCaller(sandbox.url, '1-TESTCO');
    const quoteId = await testco.quote('300 Mbps', 'PL9999999999', '999001');
    expect(quoteId).toMatch(/^NaaS-/);
    const accounts = await testco.get<{ billingAccount: { id: string }[] }>('/Account/v1/billingAccount');
    expect(accounts.body.billingAccount.map((a) => a.id)).toEqual(['5-TESTCO01']);
  });

  it('reads and changes settings without showing the credentials', async () => {
    const settings = await admin.settings();
    expect(settings).toEqual({
      quoteValidityMs: 900_000,
      tokenTtlSeconds: 1799,
      activationDelayMs: 50,
      settleDelayMs: {},
      dailyOrderLimit: null,
      dailyChangeLimit: null,
      inventoryLagMs: 0,
      inventoryIgnoresExternalId: false,
      usedQuotesAnswerExpired: false,
      announcedStates: [],
      priceScale: 1,
    });
    await admin.setActivationDelay(75);
    expect((await admin.settings()).activationDelayMs).toBe(75);
    expect(JSON.stringify(settings)).not.toContain('sandbox-secret');
  });

  it('scales the hourly prices it serves, so a demo shows money move', async () => {
    type PriceList = { pricePerSpeed: { speed: string; price: string }[] };
    const listed = async () =>
      (await lumen.get<PriceList>('/Product/v1/price', { masterSiteId: MONROE, productCode: '718' })).body
        .pricePerSpeed;
    const before = await listed();
    await admin.updateSettings({ priceScale: 3_600 });
    try {
      const after = await listed();
      for (const [i, line] of before.entries()) {
        const scaled = Number(after[i].price.replace('$', ''));
        expect(scaled).toBeCloseTo(Number(line.price.replace('$', '')) * 3_600, 6);
      }
    } finally {
      await admin.updateSettings({ priceScale: 1 });
    }
    expect(await listed()).toEqual(before);
    await expect(admin.updateSettings({ priceScale: 0 })).rejects.toThrow(SandboxAdminError);
  });

  it('counts tokens, logs requests and clears the log', async () => {
    const before = await admin.tokensIssued();
    await new LumenCaller(sandbox.url).get('/Network/v1/provider', { pageSize: 2 });
    expect(await admin.tokensIssued()).toBe(before + 1);
    const log = await admin.requests();
    expect(log.at(-1)).toEqual(
      expect.objectContaining({ method: 'GET', path: '/Network/v1/provider', query: '?pageSize=2', status: 200 }),
    );
    await admin.clearRequests();
    expect(await admin.requests()).toEqual([]);
  });

  it('seeds active services in one call, each with its completed add order, and no event', async () => {
    const events = (await admin.events()).length;
    const seeded = await admin.seedServices({
      customerNumber: CUSTOMER,
      masterSiteId: MONROE,
      speed: '100 Mbps',
      count: 3,
    });
    expect(seeded).toHaveLength(3);
    expect(new Set(seeded.map((s) => s.serviceId)).size).toBe(3);
    const [first] = seeded;
    expect(first).toMatchObject({
      status: 'Active',
      mbps: 100,
      masterSiteId: MONROE,
      partnerId: EQUINIX,
      billingAccount: US_ACCOUNT,
    });
    const inventory = await lumen.get<{ serviceInventory: { serviceId: string; status: string }[] }>(
      '/ProductInventory/v1/inventory',
      { serviceId: first.serviceId, serviceType: 'Internet' },
    );
    expect(inventory.body.serviceInventory).toEqual([
      expect.objectContaining({ serviceId: first.serviceId, status: 'Active' }),
    ]);
    const [order] = (await admin.orders()).filter((o) => o.serviceId === first.serviceId);
    expect(order).toMatchObject({ action: 'add', state: 'completed', id: first.orderId });
    expect(await admin.events()).toHaveLength(events);
  });

  it('refuses to seed services at an unknown site or for a customer without a US account, naming the field', async () => {
    await expect(
      admin.seedServices({ customerNumber: CUSTOMER, masterSiteId: 'PL0000000000', speed: '100 Mbps' }),
    ).rejects.toThrow('POST /_sandbox/services failed (HTTP 400): masterSiteId: no site PL0000000000 in the catalog');
    await expect(
      admin.seedServices({ customerNumber: '1-NOBODY', masterSiteId: MONROE, speed: '100 Mbps' }),
    ).rejects.toThrow('customerNumber: 1-NOBODY has no US billing account in the catalog');
    await expect(admin.seedServices({ customerNumber: CUSTOMER, masterSiteId: MONROE, speed: 'fast' })).rejects.toThrow(
      /HTTP 400\): speed: must be a speed/,
    );
  });

  it('gives direct access to the state in-process', async () => {
    await lumen.connect('STATE-1');
    const [order] = [...sandbox.store.orders.values()].filter((o) => o.externalId === 'STATE-1');
    expect(sandbox.store.services.get(order.serviceId)?.externalId).toBe('STATE-1');
    expect((await admin.orders({ externalId: 'STATE-1' }))[0].id).toBe(order.id);
    expect((await admin.services()).some((s) => s.serviceId === order.serviceId)).toBe(true);
  });

  it('reports admin errors with the endpoint and status', async () => {
    const failure = admin.expireQuote('NaaS-0');
    await expect(failure).rejects.toBeInstanceOf(SandboxAdminError);
    await expect(failure).rejects.toThrow('POST /_sandbox/quotes/NaaS-0/expire failed (HTTP 404)');
  });

  it('resets to the seed: forgets orders, tokens, faults, outcomes, webhook and added data', async () => {
    await admin.setWebhook({ url: 'http://127.0.0.1:9/hook', secret: 's' });
    await admin.setOutcome('X-1', { outcome: 'never' });
    await admin.injectFault({ path: '/Network/v1/provider', kind: 'status', status: 500 });
    await admin.reset();
    expect(await admin.orders()).toEqual([]);
    expect(await admin.quotes()).toEqual([]);
    expect(await admin.faults()).toEqual([]);
    expect(await admin.tokensIssued()).toBe(0);
    expect(sandbox.store.outcomes.size).toBe(0);
    expect(sandbox.webhooks.webhook).toBeUndefined();
    expect(sandbox.store.partners.has('999001')).toBe(false);
    expect((await admin.settings()).activationDelayMs).toBe(50);
    // Tokens issued before the reset are gone too.
    expect((await lumen.get('/Network/v1/provider')).status).toBe(401);
    await admin.clearOutcomes();
  });
});
