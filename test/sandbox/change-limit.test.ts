import type { Sandbox } from '../../sandbox/server';
import { addOrderBody, changeOrderBody, eventually, LumenCaller, startSandboxWithCaller, US_ACCOUNT } from './harness';

// Lumen caps changes (modify and delete orders) per customer per day, resetting at midnight GMT.
describe('sandbox daily change cap', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;
  let other: LumenCaller;

  beforeAll(async () => {
    ({ sandbox, lumen } = await startSandboxWithCaller());
    other = new LumenCaller(sandbox.url, '1-OTHERCO');
    await sandbox.admin.seed({
      billingAccounts: [{ customerNumber: '1-OTHERCO', ...US_ACCOUNT, hqCountry: 'US' }],
    });
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.admin.updateSettings({ dailyChangeLimit: null, dailyOrderLimit: null }));

  async function activeService(caller: LumenCaller, externalId: string): Promise<string> {
    const quoteId = await caller.quote();
    const placed = await caller.order(addOrderBody({ externalId, quoteId }));
    expect(placed.status).toBe(201);
    return settled(caller, externalId);
  }

  async function settled(caller: LumenCaller, externalId: string): Promise<string> {
    return eventually(async () => {
      const [service] = (await caller.inventory({ externalId })).serviceInventory;
      return service?.status === 'Active' ? service.serviceId : undefined;
    });
  }

  async function modify(caller: LumenCaller, serviceId: string, externalId: string, speed = '200 Mbps') {
    const quoteId = await caller.quote(speed);
    return caller.order(changeOrderBody({ action: 'modify', externalId, serviceId, quoteId }));
  }

  async function activeAgain(caller: LumenCaller, serviceId: string) {
    await eventually(async () => {
      const [service] = (await caller.inventory({ serviceId })).serviceInventory;
      return service?.status === 'Active' ? service : undefined;
    });
  }

  it('answers 429 without Retry-After once the customer placed the cap of changes today; adds are not counted', async () => {
    const serviceId = await activeService(lumen, 'CAP-1');
    const settings = await sandbox.admin.updateSettings({ dailyChangeLimit: 2 });
    expect(settings.dailyChangeLimit).toBe(2);
    expect((await modify(lumen, serviceId, 'CAP-1-A')).status).toBe(201);
    await activeAgain(lumen, serviceId);
    expect((await modify(lumen, serviceId, 'CAP-1-B', '500 Mbps')).status).toBe(201);
    await activeAgain(lumen, serviceId);

    const capped = await modify(lumen, serviceId, 'CAP-1-C', '1 Gbps');
    expect(capped.status).toBe(429);
    expect(capped.headers.get('retry-after')).toBeNull();
    expect(capped.body).toMatchObject({
      code: '429',
      message: 'customer 1-SANDBOX reached 2 changes today; the count resets at midnight GMT',
    });
    const disconnect = await lumen.order(changeOrderBody({ action: 'delete', externalId: 'CAP-1-D', serviceId }));
    expect(disconnect.status).toBe(429);
    // The refused orders were not placed, and a new connection is not a change.
    expect(await sandbox.admin.orders({ externalId: 'CAP-1-C' })).toEqual([]);
    expect((await lumen.order(addOrderBody({ externalId: 'CAP-1-NEW', quoteId: await lumen.quote() }))).status).toBe(
      201,
    );
    // Another customer has its own count.
    const theirs = await activeService(other, 'CAP-2');
    expect((await modify(other, theirs, 'CAP-2-A')).status).toBe(201);
  });

  it('counts only changes since midnight GMT', async () => {
    const serviceId = await activeService(lumen, 'CAP-3');
    expect((await modify(lumen, serviceId, 'CAP-3-A')).status).toBe(201);
    await activeAgain(lumen, serviceId);
    const today = await sandbox.admin.updateSettings({ dailyChangeLimit: sandbox.store.changesToday('1-SANDBOX') });
    expect((await modify(lumen, serviceId, 'CAP-3-B', '500 Mbps')).status).toBe(429);

    // The same change placed one second before midnight GMT belongs to yesterday.
    const now = new Date();
    const yesterday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 1_000);
    const [order] = await sandbox.admin.orders({ externalId: 'CAP-3-A' });
    sandbox.store.orders.get(order.id)!.createdAt = yesterday.toISOString();
    expect(sandbox.store.changesToday('1-SANDBOX')).toBe((today.dailyChangeLimit as number) - 1);
    expect((await modify(lumen, serviceId, 'CAP-3-B', '500 Mbps')).status).toBe(201);
  });

  it('null removes the cap, and the daily order limit keeps working beside it', async () => {
    const serviceId = await activeService(lumen, 'CAP-4');
    await sandbox.admin.updateSettings({ dailyChangeLimit: 0 });
    expect((await modify(lumen, serviceId, 'CAP-4-A')).status).toBe(429);
    expect((await sandbox.admin.updateSettings({ dailyChangeLimit: null })).dailyChangeLimit).toBeNull();
    expect((await modify(lumen, serviceId, 'CAP-4-A')).status).toBe(201);

    const placed = (await sandbox.admin.orders()).filter((order) => order.customerNumber === '1-SANDBOX');
    await sandbox.admin.updateSettings({ dailyOrderLimit: placed.length });
    const limited = await lumen.order(addOrderBody({ externalId: 'CAP-4-NEW', quoteId: await lumen.quote() }));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ message: expect.stringMatching(/orders in 24 hours$/) });
  });

  it('refuses a cap that is not a whole number', async () => {
    await expect(sandbox.admin.updateSettings({ dailyChangeLimit: -1 })).rejects.toThrow(/dailyChangeLimit/);
    await expect(sandbox.admin.updateSettings({ dailyChangeLimit: 1.5 })).rejects.toThrow(/dailyChangeLimit/);
  });
});
