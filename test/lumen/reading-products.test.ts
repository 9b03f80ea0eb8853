// Tolerant reading of prices, quotes, billing accounts and inventory: documented shapes and the variants seen.
import { billingExample, CUSTOMER, inventoryExample, priceListExample, quoteExample } from './doc-examples';
import { useStubLumen } from './stub-session';
import { failure } from './lumen-failure';

const lumen = useStubLumen();

describe('price list', () => {
  it('normalises speeds written differently and keeps the form Lumen used', async () => {
    lumen.stub.on('GET /Product/v1/price', {
      json: {
        pricePerSpeed: [
          { speed: '100 Mbps', price: '$0.46', term: 'Hourly Rate' },
          { speed: '1000 mbps', price: '$2.10', term: 'Hourly Rate' },
          { speed: '1 gbps', price: 2.1, term: 'Hourly Rate' },
          { speed: '10 Gbps', price: '$9', term: 'Hourly Rate' },
        ],
      },
    });
    const offers = await lumen.client.listSpeedOffers(CUSTOMER, 'PL0001247634');
    expect(offers.map((offer) => [offer.speed, offer.mbps, offer.priceCents])).toEqual([
      ['100 Mbps', 100, 46],
      ['1000 mbps', 1000, 210],
      ['1 gbps', 1000, 210],
      ['10 Gbps', 10_000, 900],
    ]);
    const query = lumen.stub.requestsTo('GET /Product/v1/price')[0].query;
    expect(query.get('masterSiteId')).toBe('PL0001247634');
    expect(query.get('productCode')).toBe('718');
  });

  it('reads the documented example', async () => {
    lumen.stub.on('GET /Product/v1/price', { json: priceListExample });
    expect(await lumen.client.listSpeedOffers(CUSTOMER, 'PL0001247634')).toEqual([
      { speed: '100 Mbps', mbps: 100, priceCents: 46, term: 'Hourly Rate' },
    ]);
  });

  it('falls back to displayValue when speed is unreadable, and names a speed neither explains', async () => {
    lumen.stub.on('GET /Product/v1/price', {
      json: { pricePerSpeed: [{ speed: 'Gigabit', displayValue: '1 Gbps', price: '$1', term: 'Hourly Rate' }] },
    });
    expect((await lumen.client.listSpeedOffers(CUSTOMER, 'PL1'))[0]).toMatchObject({ speed: 'Gigabit', mbps: 1000 });
    lumen.stub.on('GET /Product/v1/price', {
      json: { pricePerSpeed: [{ speed: 'fast', price: '$1', term: 'Hourly Rate' }] },
    });
    const error = await failure(lumen.client.listSpeedOffers(CUSTOMER, 'PL1'));
    expect(error.fieldErrors?.[0].field).toBe('pricePerSpeed[0].speed');
  });

  it('names an unreadable price', async () => {
    lumen.stub.on('GET /Product/v1/price', {
      json: { pricePerSpeed: [{ speed: '100 Mbps', price: 'call us', term: 'Hourly Rate' }] },
    });
    const error = await failure(lumen.client.listSpeedOffers(CUSTOMER, 'PL1'));
    expect(error.message).toContain('pricePerSpeed[0].price must be a price');
  });
});

describe('quote', () => {
  it('turns the float-noise monthly price into exact cents', async () => {
    lumen.stub.on('POST /Product/v1/priceRequest', { json: quoteExample });
    const quote = await lumen.client.requestQuote(CUSTOMER, {
      masterSiteId: 'PL0001247634',
      partnerId: '43558',
      speed: '100 Mbps',
    });
    expect(quote).toMatchObject({
      id: 'NaaS-1466',
      speed: '100 Mbps',
      mbps: 100,
      hourlyCents: 46,
      monthlyCents: 33120,
    });
    expect(quote.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('fails naming the price list when a term is missing, and says the quote may exist', async () => {
    lumen.stub.on('POST /Product/v1/priceRequest', { json: { ...quoteExample, price: [quoteExample.price[0]] } });
    const error = await failure(
      lumen.client.requestQuote(CUSTOMER, { masterSiteId: 'PL0001247634', partnerId: '43558', speed: '100 Mbps' }),
    );
    expect(error.endpoint).toBe('POST /Product/v1/priceRequest');
    expect(error.message).toContain('response field price has no "Monthly Rate" line');
    expect(error.fieldErrors?.[0].field).toBe('price');
    expect(error.outcomeUnknown).toBe(true);
  });
});

describe('billing accounts', () => {
  it('reads the documented example and follows top-level paging by resultCount', async () => {
    lumen.stub.on('GET /Account/v1/billingAccount', (request) => {
      const page = Number(request.query.get('pageNumber'));
      const account = {
        ...billingExample.billingAccount[0],
        id: `5-ACCOUNT${page}`,
        hqCountry: page === 1 ? 'CA' : 'US',
      };
      return { json: { billingAccount: [account], pageNumber: page, pageSize: 1, resultCount: 2 } };
    });
    const accounts = await lumen.client.listBillingAccounts(CUSTOMER);
    expect(accounts).toEqual([
      { id: '5-ACCOUNT1', name: 'Company or account name', hqCountry: 'CA', currency: 'USD', countryCode: '100' },
      { id: '5-ACCOUNT2', name: 'Company or account name', hqCountry: 'US', currency: 'USD', countryCode: '100' },
    ]);
    const query = lumen.stub.requestsTo('GET /Account/v1/billingAccount')[0].query;
    expect(Object.fromEntries(query)).toEqual({
      entitled: 'true',
      countryCode: '100',
      currencyCode: 'USD',
      pageNumber: '1',
      pageSize: '100',
    });
  });

  it('names an account without a name', async () => {
    lumen.stub.on('GET /Account/v1/billingAccount', { json: { billingAccount: [{ id: '5-X' }] } });
    const error = await failure(lumen.client.listBillingAccounts(CUSTOMER));
    expect(error.fieldErrors?.[0].field).toBe('billingAccount[0].name');
  });
});

describe('inventory', () => {
  it('reads the documented example with masterSiteid', async () => {
    lumen.stub.on('GET /ProductInventory/v1/inventory', { json: inventoryExample });
    expect(await lumen.client.listInventory(CUSTOMER, { externalId: 'EXT-000027740' })).toEqual([
      {
        serviceId: '77133831778',
        status: 'Pending Activate',
        externalId: 'EXT-000027740',
        orderId: '1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76',
        bandwidthMbps: 100,
        masterSiteId: 'PL0001247634',
        billingAccountId: '5-RHQBGCGK',
        billingAccountName: 'Company or account name',
        partnerId: '43558',
      },
    ]);
    const query = lumen.stub.requestsTo('GET /ProductInventory/v1/inventory')[0].query;
    expect(query.get('externalId')).toBe('EXT-000027740');
    expect(query.has('serviceId')).toBe(false);
  });

  it('accepts masterSiteId, a numeric serviceId, and product.status when status is absent', async () => {
    const [service] = inventoryExample.serviceInventory;
    lumen.stub.on('GET /ProductInventory/v1/inventory', {
      json: {
        serviceInventory: [
          { ...service, serviceId: 77133831778, status: undefined, location: { masterSiteId: 'PL9' } },
        ],
        totalRecords: '1',
      },
    });
    const [read] = await lumen.client.listInventory(CUSTOMER, { serviceId: '77133831778', serviceType: 'Internet' });
    expect(read).toMatchObject({ serviceId: '77133831778', status: 'Pending Activate', masterSiteId: 'PL9' });
    const query = lumen.stub.requestsTo('GET /ProductInventory/v1/inventory')[0].query;
    expect(query.get('serviceType')).toBe('Internet');
  });

  it('keeps only the asked-for service if the server ignored the serviceId filter', async () => {
    const [service] = inventoryExample.serviceInventory;
    lumen.stub.on('GET /ProductInventory/v1/inventory', {
      json: { serviceInventory: [service, { ...service, serviceId: '1', externalId: 'OTHER' }], totalRecords: 2 },
    });
    expect(await lumen.client.listInventory(CUSTOMER, { serviceId: '1' })).toEqual([
      expect.objectContaining({ serviceId: '1' }),
    ]);
  });

  it('names a service with no status at all', async () => {
    lumen.stub.on('GET /ProductInventory/v1/inventory', { json: { serviceInventory: [{ serviceId: '1' }] } });
    const error = await failure(lumen.client.listInventory(CUSTOMER, {}));
    expect(error.fieldErrors?.[0].field).toBe('serviceInventory[0].status');
  });
});
