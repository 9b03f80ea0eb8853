// The client against the sandbox: the seven steps, a bandwidth change and a disconnect, and every
// documented validation rule coming back as a LumenApiError that names the field.
import { speedToMbps } from '../../domain/speed';
import { isActiveStatus, isDisconnectedStatus, isPendingStatus } from '../../lumen/assumptions';
import { LumenApiError } from '../../lumen/errors';
import {
  awaitService,
  EQUINIX,
  MONROE,
  orderFor,
  quoteAtMonroe,
  SANDBOX_CUSTOMER,
  US_ACCOUNT,
  useSandbox,
} from './sandbox-fixture';
import { failure } from './lumen-failure';

const fixture = useSandbox();
const client = () => fixture.client();

const fields = (error: LumenApiError) => error.fieldErrors?.map((entry) => entry.field);

it('walks the seven steps to an Active service', async () => {
  const partners = await client().listPartners(SANDBOX_CUSTOMER);
  const equinix = partners.find((partner) => partner.name === 'Equinix');
  expect(equinix?.id).toBe(EQUINIX);

  const sites = await client().listLocations(SANDBOX_CUSTOMER, EQUINIX);
  expect(sites).toHaveLength(27);
  const site = sites.find((s) => s.naasEnabled && s.networkStatus === 'ON_NET' && s.speedsMbps.includes(1000));
  expect(site?.masterSiteId).toBe(MONROE);

  const offers = await client().listSpeedOffers(SANDBOX_CUSTOMER, MONROE);
  const gigabit = offers.find((offer) => offer.mbps === 1000);
  expect(gigabit).toMatchObject({ priceCents: 184, term: 'Hourly Rate' });

  const quote = await client().requestQuote(SANDBOX_CUSTOMER, {
    masterSiteId: MONROE,
    partnerId: EQUINIX,
    speed: gigabit?.speed ?? '',
  });
  expect(quote).toMatchObject({ mbps: 1000, hourlyCents: 184, monthlyCents: 132480 });

  const accounts = await client().listBillingAccounts(SANDBOX_CUSTOMER);
  const account = accounts.find((a) => a.hqCountry === 'US');
  expect(accounts[0].hqCountry).not.toBe('US');
  expect(account).toMatchObject(US_ACCOUNT);

  const placed = await client().placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'EXT-HAPPY-1'));
  expect(placed).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), externalId: 'EXT-HAPPY-1' });

  const pending = (await client().listInventory(SANDBOX_CUSTOMER, { externalId: 'EXT-HAPPY-1' }))[0];
  expect(pending).toMatchObject({ status: 'Pending Activate', orderId: placed.id, masterSiteId: MONROE });
  expect(isPendingStatus(pending.status)).toBe(true);
  const active = await awaitService(client(), 'EXT-HAPPY-1', (s) => isActiveStatus(s.status));
  expect(active).toMatchObject({ bandwidthMbps: 1000, billingAccountId: US_ACCOUNT.id, serviceId: pending.serviceId });

  const [recorded] = await fixture.sandbox().admin.orders({ externalId: 'EXT-HAPPY-1' });
  expect(recorded.request).toMatchObject({
    channel: [{ id: '99', name: 'NaaS ExternalAPI' }],
    quote: [{ id: quote.id }],
  });
  const log = await fixture.sandbox().admin.requests();
  expect(
    log.filter((entry) => entry.path !== '/oauth/v2/token').every((e) => e.customerNumber === SANDBOX_CUSTOMER),
  ).toBe(true);
  expect(await fixture.sandbox().admin.tokensIssued()).toBe(1);
});

it('changes the bandwidth of an Active service, then disconnects it', async () => {
  await client().placeOrder(SANDBOX_CUSTOMER, orderFor(await quoteAtMonroe(client()), 'EXT-CHANGE-1'));
  const service = await awaitService(client(), 'EXT-CHANGE-1', (s) => isActiveStatus(s.status));
  const change = { serviceId: service.serviceId, billingAccount: US_ACCOUNT };

  const upgrade = await quoteAtMonroe(client(), '500 Mbps');
  await client().modifyBandwidth(SANDBOX_CUSTOMER, {
    ...change,
    externalId: 'EXT-CHANGE-2',
    orderItemId: 'line-2',
    quoteId: upgrade.id,
  });
  const [changing] = await client().listInventory(SANDBOX_CUSTOMER, { serviceId: service.serviceId });
  expect(changing.status).toBe('Change Pending');
  const changed = await awaitService(client(), 'EXT-CHANGE-2', (s) => isActiveStatus(s.status));
  expect(changed.bandwidthMbps).toBe(speedToMbps('500 Mbps'));

  await client().disconnectService(SANDBOX_CUSTOMER, { ...change, externalId: 'EXT-CHANGE-3', orderItemId: 'line-3' });
  const gone = await awaitService(client(), 'EXT-CHANGE-3', (s) => isDisconnectedStatus(s.status));
  expect(gone.status).toBe('Inactive');
});

it('follows a list across pages to its end', async () => {
  const extra = Array.from({ length: 130 }, (_, i) => ({
    masterSiteId: `PL9${String(i).padStart(9, '0')}`,
    partnerId: '703021',
    city: 'Paging',
  }));
  await fixture.sandbox().admin.seed({ locations: extra });
  const sites = await client().listLocations(SANDBOX_CUSTOMER, '703021');
  expect(sites).toHaveLength(130);
  expect(new Set(sites.map((s) => s.masterSiteId)).size).toBe(130);
});

describe('validation rules come back naming the field', () => {
  it('externalId longer than 20 characters', async () => {
    const quote = await quoteAtMonroe(client());
    const error = await failure(client().placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'EXT-THIS-IS-TOO-LONG-1')));
    expect(error).toMatchObject({ status: 400, retryable: false, outcomeUnknown: false });
    expect(fields(error)).toEqual(['externalId']);
  });

  it('a phone number outside the US', async () => {
    const quote = await quoteAtMonroe(client());
    const order = orderFor(quote, 'EXT-PHONE');
    const error = await failure(
      client().placeOrder(SANDBOX_CUSTOMER, { ...order, contact: { ...order.contact, phone: '+442079460000' } }),
    );
    expect(fields(error)).toEqual(['relatedContactInformation[0].number']);
  });

  it('an IPv4 block other than /28, /29, /30', async () => {
    const quote = await quoteAtMonroe(client());
    const order = orderFor(quote, 'EXT-BLOCK', { ipv4BlockSize: '/27' as '/28' });
    const error = await failure(client().placeOrder(SANDBOX_CUSTOMER, order));
    expect(fields(error)).toEqual(['productOrderItem[0].product.productCharacteristic[2].value']);
    expect(error.message).toContain('/27');
  });

  it('a billing account headquartered outside the US', async () => {
    const quote = await quoteAtMonroe(client());
    const order = orderFor(quote, 'EXT-CANADA', { billingAccount: { id: '5-CAHQ7QX2', name: 'Canada' } });
    const error = await failure(client().placeOrder(SANDBOX_CUSTOMER, order));
    expect(fields(error)).toEqual(['billingAccount.id']);
    expect(error.message).toContain('hqCountry must be US');
  });

  it('an expired quote, and an unknown one', async () => {
    const quote = await quoteAtMonroe(client());
    await fixture.sandbox().admin.expireQuote(quote.id);
    const expired = await failure(client().placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'EXT-EXPIRED')));
    expect(expired).toMatchObject({ status: 400, quoteExpired: true });
    expect(fields(expired)).toEqual(['quote[0].id']);
    const unknown = await failure(
      client().placeOrder(SANDBOX_CUSTOMER, orderFor({ ...quote, id: 'NaaS-999999' }, 'EXT-UNKNOWN')),
    );
    expect(unknown).toMatchObject({ status: 400, quoteExpired: true });
  });

  it('a quote ordered twice names the order that holds it', async () => {
    const quote = await quoteAtMonroe(client());
    const first = await client().placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'EXT-TWICE'));
    const error = await failure(client().placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'EXT-TWICE')));
    expect(error).toMatchObject({ status: 409, existingOrderId: first.id, retryable: false, outcomeUnknown: false });
  });

  it('a change while another order on the service is in flight', async () => {
    await fixture.sandbox().admin.setActivationDelay(60_000);
    await client().placeOrder(SANDBOX_CUSTOMER, orderFor(await quoteAtMonroe(client()), 'EXT-BUSY-1'));
    const [service] = await client().listInventory(SANDBOX_CUSTOMER, { externalId: 'EXT-BUSY-1' });
    await fixture.sandbox().admin.forceServiceStatus(service.serviceId, 'Active');
    const change = { serviceId: service.serviceId, billingAccount: US_ACCOUNT, orderItemId: 'line' };
    await client().disconnectService(SANDBOX_CUSTOMER, { ...change, externalId: 'EXT-BUSY-2' });
    const error = await failure(client().disconnectService(SANDBOX_CUSTOMER, { ...change, externalId: 'EXT-BUSY-3' }));
    expect(error).toMatchObject({ status: 409, existingOrderId: undefined, retryable: false });
  });

  it('a speed the site does not sell, a site of another partner, an off-net site', async () => {
    const speed = await failure(quoteAtMonroe(client(), '7 Gbps'));
    expect(speed).toMatchObject({ endpoint: 'POST /Product/v1/priceRequest', status: 400 });
    expect(fields(speed)).toEqual(['speed']);
    const partner = await failure(
      client().requestQuote(SANDBOX_CUSTOMER, { masterSiteId: MONROE, partnerId: '362232', speed: '100 Mbps' }),
    );
    expect(fields(partner)).toEqual(['partnerId']);
    const offNet = await failure(
      client().requestQuote(SANDBOX_CUSTOMER, { masterSiteId: 'PL0000104417', partnerId: EQUINIX, speed: '100 Mbps' }),
    );
    expect(fields(offNet)).toEqual(['masterSiteId']);
  });

  it('a customer number Lumen does not know', async () => {
    const error = await failure(client().listPartners('1-NOBODY'));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.lumenMessage).toContain('1-NOBODY');
  });
});
