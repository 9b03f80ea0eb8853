// Tolerant reading of providers and locations: documented shapes, paging variants and letter cases.
import { CUSTOMER, locationsExample, providersExample } from './doc-examples';
import { useStubLumen } from './stub-session';
import { failure } from './lumen-failure';

const lumen = useStubLumen();

describe('providers', () => {
  it('reads the documented example', async () => {
    lumen.stub.on('GET /Network/v1/provider', { json: providersExample });
    expect(await lumen.client.listPartners(CUSTOMER)).toEqual([
      { id: '43558', name: 'Equinix', partnerType: 'CLOUD_PARTNER' },
      { id: '362232', name: 'Digital Realty', partnerType: 'CLOUD_PARTNER' },
    ]);
  });

  it('follows pages given as an array until totalRecords', async () => {
    lumen.stub.on('GET /Network/v1/provider', (request) => {
      const page = Number(request.query.get('pageNumber'));
      const partner = providersExample.listPartners[page - 1];
      return { json: { pagination: [{ pageNumber: page, pageSize: 1, totalRecords: 2 }], listPartners: [partner] } };
    });
    const partners = await lumen.client.listPartners(CUSTOMER);
    expect(partners.map((partner) => partner.name)).toEqual(['Equinix', 'Digital Realty']);
    expect(lumen.stub.requestsTo('GET /Network/v1/provider').map((r) => r.query.get('pageNumber'))).toEqual(['1', '2']);
    expect(lumen.stub.requestsTo('GET /Network/v1/provider')[0].query.get('pageSize')).toBe('100');
  });

  it('follows pages given as an object, with numbers as strings', async () => {
    lumen.stub.on('GET /Network/v1/provider', (request) => {
      const page = Number(request.query.get('pageNumber'));
      const partner = providersExample.listPartners[page - 1];
      return {
        json: { pagination: { pageNumber: String(page), pageSize: '1', totalRecords: '2' }, listPartners: [partner] },
      };
    });
    expect(await lumen.client.listPartners(CUSTOMER)).toHaveLength(2);
  });

  it('stops at an empty page when no total is given', async () => {
    lumen.stub.on('GET /Network/v1/provider', (request) => {
      const page = Number(request.query.get('pageNumber'));
      const partner = providersExample.listPartners[page - 1];
      return { json: { pagination: [{ pageNumber: page }], listPartners: partner ? [partner] : [] } };
    });
    expect(await lumen.client.listPartners(CUSTOMER)).toHaveLength(2);
    expect(lumen.stub.requestsTo('GET /Network/v1/provider')).toHaveLength(3);
  });

  it('gives up on a server whose list never ends', async () => {
    lumen.stub.on('GET /Network/v1/provider', (request) => ({
      json: {
        pagination: [{ pageNumber: Number(request.query.get('pageNumber')), totalRecords: 1_000_000 }],
        listPartners: [providersExample.listPartners[0]],
      },
    }));
    const error = await failure(lumen.client.listPartners(CUSTOMER));
    expect(error.endpoint).toBe('GET /Network/v1/provider');
    expect(error.message).toMatch(/did not end after 250 pages/);
    expect(error.retryable).toBe(false);
  });

  it('stops when the server answers every page number with page 1', async () => {
    lumen.stub.on('GET /Network/v1/provider', {
      json: { ...providersExample, pagination: [{ pageNumber: 1, totalRecords: 9 }] },
    });
    expect(await lumen.client.listPartners(CUSTOMER)).toHaveLength(2);
    expect(lumen.stub.requestsTo('GET /Network/v1/provider')).toHaveLength(2);
  });

  it('names the endpoint and the field when a partner has no id', async () => {
    lumen.stub.on('GET /Network/v1/provider', { json: { listPartners: [{ name: 'Equinix' }] } });
    const error = await failure(lumen.client.listPartners(CUSTOMER));
    expect(error.endpoint).toBe('GET /Network/v1/provider');
    expect(error.message).toContain('listPartners[0].id is missing');
    expect(error.fieldErrors).toEqual([{ field: 'listPartners[0].id', message: expect.any(String) }]);
    expect(error.retryable).toBe(false);
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe('locations', () => {
  it('reads site facts printed beside the location array, as the doc does', async () => {
    lumen.stub.on('GET /Network/v1/location', { json: locationsExample });
    const [site] = await lumen.client.listLocations(CUSTOMER, '43558');
    expect(site).toEqual({
      masterSiteId: 'PL0001247634',
      streetAddress: '100 CenturyLink Dr',
      city: 'Monroe',
      stateOrProvince: 'LA',
      postCode: '71203',
      country: 'US',
      networkStatus: 'ON_NET',
      naasEnabled: true,
      partner: 'Equinix Ethernet Exchange - Silicon Valley IBX',
      market: 'WASHINGTON DC',
      speedsMbps: [1000],
    });
    expect(lumen.stub.requestsTo('GET /Network/v1/location')[0].query.get('partnerId')).toBe('43558');
  });

  it('reads site facts on each element, in other letter cases, element facts winning', async () => {
    lumen.stub.on('GET /Network/v1/location', {
      json: {
        Pagination: { TotalRecords: 2 },
        Location: [
          {
            MasterSiteId: 'PL1',
            networkstatus: 'off_net',
            NaasEnabled: 'false',
            productFamily: [
              {
                accessCapabilities: {
                  accessCapability: [{ speed: '100 Mbps' }, { speed: '10 Gbps' }, { displayValue: '1 Gbps' }],
                },
              },
            ],
          },
          { masterSiteId: 'PL2' },
        ],
        networkStatus: 'ON_NET',
        naasEnabled: true,
        market: 'DENVER',
      },
    });
    const sites = await lumen.client.listLocations(CUSTOMER, '43558');
    expect(sites[0]).toMatchObject({ masterSiteId: 'PL1', networkStatus: 'OFF_NET', naasEnabled: false });
    expect(sites[0].speedsMbps).toEqual([100, 1000, 10_000]);
    expect(sites[1]).toMatchObject({
      masterSiteId: 'PL2',
      networkStatus: 'ON_NET',
      naasEnabled: true,
      market: 'DENVER',
    });
    expect(sites[1].speedsMbps).toEqual([]);
  });

  it('names the field when a site has no masterSiteId', async () => {
    lumen.stub.on('GET /Network/v1/location', { json: { location: [{ masterSiteId: 'PL1' }, { city: 'Monroe' }] } });
    const error = await failure(lumen.client.listLocations(CUSTOMER, '43558'));
    expect(error.message).toContain('GET /Network/v1/location');
    expect(error.message).toContain('location[1].masterSiteId');
  });
});
