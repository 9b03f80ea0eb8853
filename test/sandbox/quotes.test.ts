import type { Sandbox } from '../../sandbox/server';
import { addOrderBody, errorPointers, LumenCaller, MONROE, priceRequestBody, startSandboxWithCaller } from './harness';

const PRICE_REQUEST = '/Product/v1/priceRequest';

interface QuoteAnswer {
  id: string;
  priceRequest: Record<string, unknown>;
  price: { speed: string; price: string; term: string }[];
}

describe('sandbox quotes (priceRequest)', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;

  beforeAll(async () => ({ sandbox, lumen } = await startSandboxWithCaller({ quoteValidityMs: 400 })));
  afterAll(() => sandbox.close());

  it('quotes the documented request with Lumen-style ids and float-noise monthly prices', async () => {
    const body = priceRequestBody();
    const { status, body: quote } = await lumen.post<QuoteAnswer>(PRICE_REQUEST, body);
    expect(status).toBe(201);
    expect(quote.id).toMatch(/^NaaS-\d+$/);
    expect(quote.priceRequest).toEqual(body);
    expect(quote.price).toEqual([
      { speed: '100 Mbps', price: '$0.46', term: 'Hourly Rate' },
      { speed: '100 Mbps', price: '$331.20000000000005', term: 'Monthly Rate' },
    ]);
    const stored = sandbox.store.quotes.get(quote.id);
    expect(stored).toMatchObject({ masterSiteId: MONROE, mbps: 100 });
    const validFor = Date.parse(stored?.expiresAt ?? '') - Date.parse(stored?.createdAt ?? '');
    expect(validFor).toBe(400);
  });

  it('accepts the speed written another way than the price list and the "NaaS ExternalApi" spelling', async () => {
    const { status, body } = await lumen.post<QuoteAnswer>(
      PRICE_REQUEST,
      priceRequestBody({ speed: '1 Gbps', sourceSystem: 'NaaS ExternalApi', currencyCode: 'usd' }),
    );
    expect(status).toBe(201);
    expect(body.price[0]).toEqual({ speed: '1 Gbps', price: '$1.84', term: 'Hourly Rate' });
  });

  it.each([
    ['a currency other than USD', { currencyCode: 'EUR' }, ['/currencyCode']],
    ['a product code other than 718', { productCode: '719' }, ['/productCode']],
    ['a speed the site does not offer', { speed: '10 Gbps' }, ['/speed']],
    ['an unreadable speed', { speed: 'fast' }, ['/speed']],
    ['an unknown site', { masterSiteId: 'PL0000000000' }, ['/masterSiteId']],
    ['a site of another partner', { partnerId: '362232' }, ['/partnerId']],
    ['an off-net site', { masterSiteId: 'PL0000104417' }, ['/masterSiteId']],
    ['a site that is not NaaS-enabled', { masterSiteId: 'PL0000117250' }, ['/masterSiteId']],
    ['another customer number', { customerNumber: '1-NONUS' }, ['/customerNumber']],
    ['another source system', { sourceSystem: 'Portal' }, ['/sourceSystem']],
  ])('refuses %s with 400 naming the field', async (_, overrides, pointers) => {
    const { status, body, headers } = await lumen.post(PRICE_REQUEST, priceRequestBody(overrides));
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({ status: 400, title: 'Bad Request', instance: PRICE_REQUEST });
    expect(errorPointers(body)).toEqual(pointers);
  });

  it('refuses malformed bodies with 422 naming each field', async () => {
    const { speed: _speed, ...withoutSpeed } = priceRequestBody();
    const missing = await lumen.post(PRICE_REQUEST, withoutSpeed);
    expect(missing.status).toBe(422);
    expect(errorPointers(missing.body)).toEqual(['/speed']);
    const wrongType = await lumen.post(PRICE_REQUEST, priceRequestBody({ currencyCode: 840, speed: 100 }));
    expect(wrongType.status).toBe(422);
    expect(errorPointers(wrongType.body)).toEqual(['/currencyCode', '/speed']);
    const noSite = await lumen.post(PRICE_REQUEST, priceRequestBody({ masterSiteId: undefined, partnerId: undefined }));
    expect(noSite.status).toBe(422);
    expect(errorPointers(noSite.body)).toEqual(['/masterSiteId', '/partnerId']);
    const notJson = await lumen.post(PRICE_REQUEST, '{"speed": ');
    expect(notJson.status).toBe(400);
  });

  it('lets an order use a quote once: a second order gets 409 naming the first', async () => {
    const quoteId = await lumen.quote();
    const first = await lumen.order(addOrderBody({ externalId: 'ONCE-1', quoteId }));
    expect(first.status).toBe(201);
    const second = await lumen.order(addOrderBody({ externalId: 'ONCE-2', quoteId }));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: '409', existingOrderId: first.body.id });
    expect(second.body.message).toContain(String(first.body.id));
  });

  it('refuses an expired quote and an unknown one with 400', async () => {
    const quoteId = await lumen.quote();
    await new Promise((resolve) => setTimeout(resolve, 450));
    const expired = await lumen.order(addOrderBody({ externalId: 'LATE-1', quoteId }));
    expect(expired.status).toBe(400);
    expect(String(expired.body.detail)).toMatch(/quote.*expired/);
    expect(errorPointers(expired.body)).toEqual(['/quote/0/id']);

    const unknown = await lumen.order(addOrderBody({ externalId: 'LATE-2', quoteId: 'NaaS-1' }));
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.detail)).toMatch(/quote.*not found/);
    expect(await sandbox.admin.orders({ externalId: 'LATE-1' })).toEqual([]);
  });

  it('still answers 409, not "expired", when an already-ordered quote is retried late', async () => {
    const quoteId = await lumen.quote();
    const first = await lumen.order(addOrderBody({ externalId: 'RETRY-1', quoteId }));
    await sandbox.admin.expireQuote(quoteId);
    const retry = await lumen.order(addOrderBody({ externalId: 'RETRY-1', quoteId }));
    expect(retry.status).toBe(409);
    expect(retry.body.existingOrderId).toBe(first.body.id);
  });

  it('can answer "expired" for an ordered quote past its validity, hiding its order as some gateways do', async () => {
    await sandbox.admin.updateSettings({ usedQuotesAnswerExpired: true });
    try {
      const quoteId = await lumen.quote();
      const first = await lumen.order(addOrderBody({ externalId: 'HIDDEN-1', quoteId }));
      expect(first.status).toBe(201);
      expect((await lumen.order(addOrderBody({ externalId: 'HIDDEN-1', quoteId }))).status).toBe(409);
      await sandbox.admin.expireQuote(quoteId);
      const late = await lumen.order(addOrderBody({ externalId: 'HIDDEN-1', quoteId }));
      expect(late.status).toBe(400);
      expect(JSON.stringify(late.body)).toMatch(/expired/);
      expect(await sandbox.admin.orders({ externalId: 'HIDDEN-1' })).toHaveLength(1);
    } finally {
      await sandbox.admin.updateSettings({ usedQuotesAnswerExpired: false });
    }
  });

  it('expires a quote on demand and lists quotes for tests', async () => {
    await sandbox.admin.updateSettings({ quoteValidityMs: 60_000 });
    const quoteId = await lumen.quote();
    await sandbox.admin.expireQuote(quoteId);
    const response = await lumen.order(addOrderBody({ externalId: 'EXPIRED-3', quoteId }));
    expect(response.status).toBe(400);
    expect((await sandbox.admin.quotes()).map((q) => q.id)).toContain(quoteId);
  });
});
