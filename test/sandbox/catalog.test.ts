import { priceToCents } from '../../domain/money';
import { speedToMbps } from '../../domain/speed';
import type { Sandbox } from '../../sandbox/server';
import { EQUINIX, errorPointers, LumenCaller, MONROE, startSandboxWithCaller } from './harness';

interface Pagination {
  pageNumber: number;
  pageSize: number;
  totalRecords: number;
}
interface Location {
  masterSiteId: string;
  networkStatus: string;
  naasEnabled: boolean;
  partner: string;
  productFamily: { accessCapabilities: { accessCapability: { speed: string; displayValue: string }[] }[] };
}
interface Account {
  id: string;
  name: string;
  hqCountry: string;
  countryCode: string;
  currency: string;
  stringAddress: unknown[];
}

describe('sandbox catalog: providers, locations, price lists, billing accounts', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;

  beforeAll(async () => ({ sandbox, lumen } = await startSandboxWithCaller()));
  afterAll(() => sandbox.close());

  it('lists partners with an array pagination', async () => {
    const { status, body } = await lumen.get<{ pagination: Pagination[]; listPartners: Record<string, string>[] }>(
      '/Network/v1/provider',
    );
    expect(status).toBe(200);
    expect(Array.isArray(body.pagination)).toBe(true);
    expect(body.pagination[0]).toEqual({ pageNumber: 1, pageSize: 10, totalRecords: body.listPartners.length });
    expect(body.listPartners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: '43558', name: 'Equinix', partnerType: 'CLOUD_PARTNER' }),
        expect.objectContaining({ id: '362232', name: 'Digital Realty' }),
      ]),
    );
    expect(body.listPartners.length).toBeGreaterThanOrEqual(3);
  });

  it('pages Equinix locations: 25+ sites over several pages, ineligible ones included', async () => {
    const sites: Location[] = [];
    let total = Infinity;
    for (let page = 1; sites.length < total; page++) {
      const { body } = await lumen.get<{ pagination: Pagination[]; location: Location[] }>('/Network/v1/location', {
        partnerId: EQUINIX,
        pageNumber: page,
        pageSize: 10,
      });
      total = body.pagination[0].totalRecords;
      expect(body.pagination[0]).toMatchObject({ pageNumber: page, pageSize: 10 });
      if (!body.location.length) break;
      sites.push(...body.location);
    }
    expect(total).toBeGreaterThanOrEqual(25);
    expect(sites).toHaveLength(total);
    expect(sites.some((s) => s.networkStatus === 'OFF_NET')).toBe(true);
    expect(sites.some((s) => !s.naasEnabled)).toBe(true);
    const monroe = sites.find((s) => s.masterSiteId === MONROE);
    expect(monroe).toMatchObject({ networkStatus: 'ON_NET', naasEnabled: true });
    const capabilities = monroe?.productFamily.accessCapabilities[0].accessCapability ?? [];
    expect(capabilities).toContainEqual(expect.objectContaining({ speed: '1000 mbps', displayValue: '1 gbps' }));
    const after = await lumen.get<{ location: Location[] }>('/Network/v1/location', {
      partnerId: EQUINIX,
      pageNumber: 99,
    });
    expect(after.body.location).toEqual([]);
  });

  it('needs a partnerId, and a readable page', async () => {
    const missing = await lumen.get('/Network/v1/location');
    expect(missing.status).toBe(400);
    expect(errorPointers(missing.body)).toEqual(['/partnerId']);
    const badPage = await lumen.get('/Network/v1/location', { partnerId: EQUINIX, pageSize: 'ten' });
    expect(badPage.status).toBe(400);
    expect(errorPointers(badPage.body)).toEqual(['/pageSize']);
    const none = await lumen.get<{ location: unknown[] }>('/Network/v1/location', { partnerId: '703021' });
    expect(none.body.location).toEqual([]);
  });

  it('prices the documented site: 100 Mbps at $0.46 an hour', async () => {
    const { status, body } = await lumen.get<{
      location: { masterSiteId: string }[];
      pricePerSpeed: Record<string, string>[];
    }>('/Product/v1/price', { masterSiteId: MONROE, productCode: 718 });
    expect(status).toBe(200);
    expect(body.location[0].masterSiteId).toBe(MONROE);
    expect(body.pricePerSpeed).toContainEqual({
      speed: '100 Mbps',
      price: '$0.46',
      term: 'Hourly Rate',
      displayValue: '100 Mbps',
    });
    const speeds = body.pricePerSpeed.map((p) => speedToMbps(p.speed));
    expect(speeds).toContain(50);
    expect(speeds).not.toContain(10_000);
  });

  it('offers 50 Mbps to 10 Gbps across sites, written in several ways', async () => {
    const written = new Set<string>();
    const mbps = new Set<number>();
    for (const site of sandbox.store.sitesOfPartner(EQUINIX)) {
      const { body } = await lumen.get<{ pricePerSpeed: { speed: string; price: string }[] }>('/Product/v1/price', {
        masterSiteId: site.masterSiteId,
        productCode: '718',
      });
      for (const price of body.pricePerSpeed) {
        written.add(price.speed);
        mbps.add(speedToMbps(price.speed) ?? -1);
        expect(priceToCents(price.price)).toBeGreaterThan(0);
      }
    }
    expect(mbps).toEqual(new Set([50, 100, 200, 500, 1000, 2000, 5000, 10000]));
    expect([...written]).toEqual(expect.arrayContaining(['1000 Mbps', '1000 mbps', '1 Gbps', '1 gbps', '10 Gbps']));
  });

  it('answers an empty price list for sites that do not sell Internet On-Demand', async () => {
    const offNet = [...sandbox.store.sites.values()].find((s) => s.networkStatus === 'OFF_NET');
    const { body } = await lumen.get<{ pricePerSpeed: unknown[] }>('/Product/v1/price', {
      masterSiteId: offNet?.masterSiteId ?? '',
      productCode: 718,
    });
    expect(body.pricePerSpeed).toEqual([]);
  });

  it('refuses a wrong productCode, a missing site and an unknown site', async () => {
    const wrongCode = await lumen.get('/Product/v1/price', { masterSiteId: MONROE, productCode: 717 });
    expect(wrongCode.status).toBe(400);
    expect(errorPointers(wrongCode.body)).toEqual(['/productCode']);
    const noSite = await lumen.get('/Product/v1/price', { productCode: 718 });
    expect(errorPointers(noSite.body)).toEqual(['/masterSiteId']);
    expect((await lumen.get('/Product/v1/price', { masterSiteId: 'PL0', productCode: 718 })).status).toBe(404);
  });

  it('lists billing accounts: the first outside the US, a US one later, top-level paging fields', async () => {
    const { status, body } = await lumen.get<{
      billingAccount: Account[];
      pageNumber: number;
      pageSize: number;
      resultCount: number;
    }>('/Account/v1/billingAccount', { countryCode: '100', currencyCode: 'usd' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ pageNumber: 1, pageSize: 10, resultCount: 4 });
    expect(body.billingAccount[0].hqCountry).not.toBe('US');
    expect(body.billingAccount).toContainEqual(
      expect.objectContaining({
        id: '5-RHQBGCGK',
        name: 'Company or account name',
        hqCountry: 'US',
        countryCode: '100',
        currency: 'USD',
      }),
    );
    const paged = await lumen.get<{ billingAccount: Account[]; resultCount: number }>('/Account/v1/billingAccount', {
      pageSize: 2,
      pageNumber: 2,
    });
    expect(paged.body.billingAccount.map((a) => a.id)).toEqual(['5-RHQBGCGK', '5-SBXLAB9Z']);
    const entitled = await lumen.get<{ resultCount: number }>('/Account/v1/billingAccount', { entitled: 'True' });
    expect(entitled.body.resultCount).toBe(3);
  });

  it('refuses countries and currencies other than 100 and USD', async () => {
    const response = await lumen.get('/Account/v1/billingAccount', { countryCode: '200', currencyCode: 'EUR' });
    expect(response.status).toBe(400);
    expect(errorPointers(response.body)).toEqual(['/countryCode', '/currencyCode']);
  });

  it('has a customer with no US-headquartered account', async () => {
    const other = new LumenCaller(sandbox.url, '1-NONUS');
    const { body } = await other.get<{ billingAccount: Account[] }>('/Account/v1/billingAccount');
    expect(body.billingAccount.length).toBeGreaterThan(0);
    expect(body.billingAccount.every((a) => a.hqCountry !== 'US')).toBe(true);
  });
});
