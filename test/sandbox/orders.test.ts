import type { Sandbox } from '../../sandbox/server';
import { addOrderBody, errorPointers, LumenCaller, startSandboxWithCaller, US_ACCOUNT } from './harness';

type OrderBody = ReturnType<typeof addOrderBody>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHARACTERISTIC = (i: number) => `/productOrderItem/0/product/productCharacteristic/${i}/value`;

describe('sandbox orders (orderRequest)', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;
  let serial = 0;

  beforeAll(async () => {
    ({ sandbox, lumen } = await startSandboxWithCaller());
    await sandbox.admin.seed({
      billingAccounts: [
        { customerNumber: '1-SANDBOX', id: '5-USCAD001', name: 'Billed in CAD', hqCountry: 'US', currency: 'CAD' },
      ],
    });
  });
  afterAll(() => sandbox.close());

  async function validBody(change: (body: OrderBody) => void = () => undefined): Promise<OrderBody> {
    const body = addOrderBody({ externalId: `EXT-${++serial}`, quoteId: await lumen.quote() });
    change(body);
    return body;
  }

  it('accepts the documented order and echoes it with an id, TMF622 nulls, no state and no service id', async () => {
    const body = await validBody();
    const { status, body: order } = await lumen.order(body);
    expect(status).toBe(201);
    expect(order.id).toMatch(UUID);
    expect(order).toMatchObject({ externalId: body.externalId, billingAccount: US_ACCOUNT, quote: body.quote });
    const [item] = order.productOrderItem as Record<string, unknown>[];
    expect(item).toMatchObject({
      id: 'line-1',
      quantity: 1,
      action: 'add',
      state: null,
      itemPrice: null,
      '@type': 'ProductOrderItem',
    });
    expect(order).not.toHaveProperty('state');
    expect(JSON.stringify(order)).not.toContain('serviceId');
    const [stored] = await sandbox.admin.orders({ externalId: body.externalId });
    expect(stored).toMatchObject({ id: order.id, action: 'add', customerNumber: '1-SANDBOX' });
  });

  it('accepts channel id 99 as a number and the "NaaS ExternalApi" spelling', async () => {
    const body = await validBody((b) => {
      (b.channel as unknown[]) = [{ id: 99, name: 'NaaS ExternalApi' }];
    });
    expect((await lumen.order(body)).status).toBe(201);
  });

  const rules: [string, (body: OrderBody) => void, string[]][] = [
    ['an externalId over 20 characters', (b) => (b.externalId = 'X'.repeat(21)), ['/externalId']],
    ['two order items', (b) => b.productOrderItem.push(b.productOrderItem[0]), ['/productOrderItem']],
    ['no order item', (b) => (b.productOrderItem = []), ['/productOrderItem']],
    ['a quantity of 2', (b) => (b.productOrderItem[0].quantity = 2), ['/productOrderItem/0/quantity']],
    [
      'a billing account headquartered outside the US',
      (b) => (b.billingAccount = { id: '5-CAHQ7QX2', name: 'CA' }),
      ['/billingAccount/id'],
    ],
    [
      'a billing account that bills in CAD',
      (b) => (b.billingAccount = { id: '5-USCAD001', name: 'CAD' }),
      ['/billingAccount/id'],
    ],
    ['an unknown billing account', (b) => (b.billingAccount = { id: '5-NOPE', name: 'x' }), ['/billingAccount/id']],
    [
      'an IPv4 block of /27',
      (b) => (b.productOrderItem[0].product.productCharacteristic[2].value = '/27'),
      [CHARACTERISTIC(2)],
    ],
    [
      'a VLAN other than Auto Assign',
      (b) => (b.productOrderItem[0].product.productCharacteristic[1].value = '100'),
      [CHARACTERISTIC(1)],
    ],
    [
      'routing other than Static',
      (b) => (b.productOrderItem[0].product.productCharacteristic[3].value = 'BGP'),
      [CHARACTERISTIC(3)],
    ],
    [
      'a blank service name',
      (b) => (b.productOrderItem[0].product.productCharacteristic[0].value = ' '),
      [CHARACTERISTIC(0)],
    ],
    [
      'a UK phone number',
      (b) => (b.relatedContactInformation[0].number = '+442079460000'),
      ['/relatedContactInformation/0/number'],
    ],
    [
      'a local phone number',
      (b) => (b.relatedContactInformation[0].number = '6157691234'),
      ['/relatedContactInformation/0/number'],
    ],
    [
      'productOffering 719',
      (b) => (b.productOrderItem[0].productOffering.id = '719'),
      ['/productOrderItem/0/productOffering/id'],
    ],
    [
      'productSpecification 5002',
      (b) => (b.productOrderItem[0].product.productSpecification.id = '5002'),
      ['/productOrderItem/0/product/productSpecification/id'],
    ],
    ['channel 98', (b) => (b.channel[0].id = '98'), ['/channel/0/id']],
    ['two quotes', (b) => b.quote.push(b.quote[0]), ['/quote']],
  ];

  it.each(rules)('refuses %s with 400 and a problem naming the field', async (_, change, pointers) => {
    const body = await validBody(change);
    const { status, body: problem, headers } = await lumen.order(body);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(problem).toMatchObject({ type: 'about:blank', status: 400, instance: '/Customer/v3/Ordering/orderRequest' });
    expect(errorPointers(problem)).toEqual(pointers);
    expect(await sandbox.admin.orders({ externalId: body.externalId })).toEqual([]);
  });

  it('lists every broken rule at once', async () => {
    const body = await validBody((b) => {
      b.externalId = 'Y'.repeat(25);
      b.productOrderItem[0].quantity = 3;
      b.relatedContactInformation[0].number = '+33142685300';
    });
    const { status, body: problem } = await lumen.order(body);
    expect(status).toBe(400);
    expect(errorPointers(problem)).toEqual([
      '/externalId',
      '/productOrderItem/0/quantity',
      '/relatedContactInformation/0/number',
    ]);
    expect(String(problem.detail)).toContain('20 characters');
  });

  it('leaves the quote usable after a refused order', async () => {
    const body = await validBody((b) => (b.billingAccount = { id: '5-GBHQ4LDN', name: 'GB' }));
    expect((await lumen.order(body)).status).toBe(400);
    body.billingAccount = US_ACCOUNT;
    expect((await lumen.order(body)).status).toBe(201);
  });

  const malformed: [string, (body: Record<string, unknown> & OrderBody) => void, string[]][] = [
    ['no externalId', (b) => delete (b as Partial<OrderBody>).externalId, ['/externalId']],
    ['a numeric externalId', (b) => ((b as Record<string, unknown>).externalId = 42), ['/externalId']],
    [
      'quantity as text',
      (b) => ((b.productOrderItem[0] as Record<string, unknown>).quantity = '1'),
      ['/productOrderItem/0/quantity'],
    ],
    ['an unknown action', (b) => (b.productOrderItem[0].action = 'replace'), ['/productOrderItem/0/action']],
    ['no billing account', (b) => delete (b as Partial<OrderBody>).billingAccount, ['/billingAccount']],
    ['no quote', (b) => delete (b as Partial<OrderBody>).quote, ['/quote']],
    ['no contact', (b) => delete (b as Partial<OrderBody>).relatedContactInformation, ['/relatedContactInformation']],
    [
      'a bad email',
      (b) => (b.relatedContactInformation[0].emailAddress = 'nobody'),
      ['/relatedContactInformation/0/emailAddress'],
    ],
    [
      'a missing characteristic',
      (b) => b.productOrderItem[0].product.productCharacteristic.pop(),
      ['/productOrderItem/0/product/productCharacteristic'],
    ],
  ];

  it.each(malformed)('refuses a body with %s as malformed (422)', async (_, change, pointers) => {
    const body = await validBody((b) => change(b as Record<string, unknown> & OrderBody));
    const { status, body: problem } = await lumen.order(body);
    expect(status).toBe(422);
    expect(errorPointers(problem)).toEqual(pointers);
  });

  it('refuses a JSON body that is not an object', async () => {
    for (const text of ['[]', '"order"', 'null', '42']) {
      const { status } = await lumen.order(text);
      expect(status).toBe(422);
    }
  });

  it('caps orders per customer per day when a limit is set', async () => {
    await sandbox.admin.updateSettings({ dailyOrderLimit: (await sandbox.admin.orders()).length });
    const response = await lumen.order(await validBody());
    expect(response.status).toBe(429);
    await sandbox.admin.updateSettings({ dailyOrderLimit: null });
    expect((await lumen.order(await validBody())).status).toBe(201);
  });
});
