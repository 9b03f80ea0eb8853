import type { Sandbox } from '../../sandbox/server';
import {
  changeOrderBody,
  eventually,
  LumenCaller,
  MONROE,
  priceRequestBody,
  startSandboxWithCaller,
  type InventoryService,
} from './harness';

const INVENTORY = '/ProductInventory/v1/inventory';

function bandwidth(service: InventoryService): string | undefined {
  return service.product.productCharacteristic.find((c) => c.name === 'Bandwidth')?.value;
}

describe('sandbox service lifecycle and inventory', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;

  // Long enough that a loaded machine still reads the pending states before they settle.
  beforeAll(async () => ({ sandbox, lumen } = await startSandboxWithCaller({ activationDelayMs: 1_000 })));
  afterAll(() => sandbox.close());

  async function serviceOf(externalId: string): Promise<InventoryService> {
    const page = await lumen.inventory({ externalId, serviceType: 'Internet' });
    expect(page.serviceInventory).toHaveLength(1);
    return page.serviceInventory[0];
  }

  async function statusBecomes(serviceId: string, status: string): Promise<InventoryService> {
    return eventually(async () => {
      const [service] = (await lumen.inventory({ serviceId })).serviceInventory;
      return service?.status === status ? service : undefined;
    });
  }

  async function activeService(externalId: string): Promise<InventoryService> {
    await lumen.connect(externalId);
    return statusBecomes((await serviceOf(externalId)).serviceId, 'Active');
  }

  it('shows a new service at once as Pending Activate, then Active after the delay', async () => {
    const orderId = await lumen.connect('LIFE-1');
    const pending = await serviceOf('LIFE-1');
    expect(pending).toMatchObject({
      status: 'Pending Activate',
      externalId: 'LIFE-1',
      orderId,
      product: { status: 'Pending Activate' },
      billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
      location: { masterSiteid: MONROE },
      locationProfile: { dataCenter: true, relatedParty: { id: '43558' } },
    });
    expect(pending.serviceId).toMatch(/^\d{11}$/);
    expect(bandwidth(pending)).toBe('100 Mbps');
    const names = pending.product.productCharacteristic.map((c) => c.name);
    expect(names).toEqual(['Bandwidth', 'UNI Service ID', 'Customer Service Name', 'IPV4 Block Size']);
    const active = await statusBecomes(pending.serviceId, 'Active');
    expect(active.product.status).toBe('Active');
  });

  it('can lag: a new service shows in inventory only some time after its order', async () => {
    await sandbox.admin.updateSettings({ inventoryLagMs: 400 });
    try {
      await lumen.connect('LAG-1');
      expect((await lumen.inventory({ externalId: 'LAG-1' })).totalRecords).toBe(0);
      expect(await sandbox.admin.orders({ externalId: 'LAG-1' })).toHaveLength(1);
      await eventually(async () =>
        (await lumen.inventory({ externalId: 'LAG-1' })).totalRecords === 1 ? true : undefined,
      );
    } finally {
      await sandbox.admin.updateSettings({ inventoryLagMs: 0 });
    }
  });

  it('filters and pages the inventory, and fails on an unknown serviceType like Lumen (500)', async () => {
    await lumen.connect('PAGE-1');
    await lumen.connect('PAGE-2');
    const all = await lumen.inventory({ pageSize: 1 });
    expect(all.totalRecords).toBeGreaterThanOrEqual(3);
    expect(all.serviceInventory).toHaveLength(1);
    expect(all).toMatchObject({ pageNumber: 1, pageSize: 1 });
    expect((await lumen.inventory({ serviceType: 'Port' })).serviceInventory).toEqual([]);
    expect((await lumen.inventory({ externalId: 'NOT-ORDERED' })).totalRecords).toBe(0);
    const bad = await lumen.get(INVENTORY, { serviceType: 'Internet On-Demand' });
    expect(bad.status).toBe(500);
    const other = new LumenCaller(sandbox.url, '1-NONUS');
    expect((await other.inventory({})).totalRecords).toBe(0);
  });

  it('ends in Connection Unsuccessful when the outcome says failed', async () => {
    await sandbox.admin.setOutcome('FAIL-1', { outcome: 'failed', reason: 'Partner port unavailable' });
    await lumen.connect('FAIL-1');
    const service = await serviceOf('FAIL-1');
    await statusBecomes(service.serviceId, 'Connection Unsuccessful');
    const [order] = await sandbox.admin.orders({ externalId: 'FAIL-1' });
    expect(order).toMatchObject({ state: 'failed', stateReason: 'Partner port unavailable' });
  });

  it('stays Pending Activate forever when the outcome says never', async () => {
    await sandbox.admin.setOutcome('NEVER-1', { outcome: 'never' });
    await lumen.connect('NEVER-1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await serviceOf('NEVER-1')).status).toBe('Pending Activate');
  });

  it('honours a per-externalId delay', async () => {
    await sandbox.admin.setOutcome('SLOW-1', { outcome: 'active', delayMs: 600 });
    await lumen.connect('SLOW-1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const service = await serviceOf('SLOW-1');
    expect(service.status).toBe('Pending Activate');
    await statusBecomes(service.serviceId, 'Active');
  });

  it('settles every order in progress at once when asked, each as its outcome says, with its event', async () => {
    await sandbox.admin.setOutcome('PARK-1', { outcome: 'never' });
    await sandbox.admin.setOutcome('PARK-2', {
      outcome: 'failed',
      reason: 'Partner port unavailable',
      delayMs: 60_000,
    });
    await lumen.connect('PARK-1');
    await lumen.connect('PARK-2');
    const settled = await sandbox.admin.settleOrders();
    // NEVER-1 from the test above is still in progress too.
    expect(settled).toBe(3);
    expect((await serviceOf('PARK-1')).status).toBe('Active');
    expect((await serviceOf('PARK-2')).status).toBe('Connection Unsuccessful');
    const states = (await sandbox.admin.events())
      .filter((e) => e.event.productOrder.externalId.startsWith('PARK-'))
      .map((e) => `${e.event.productOrder.externalId} ${e.event.productOrder.state}`);
    expect(states).toEqual(expect.arrayContaining(['PARK-1 completed', 'PARK-2 failed']));
    expect(await sandbox.admin.settleOrders()).toBe(0);
  });

  it('modifies bandwidth: Change Pending, then Active at the new speed; a second change meanwhile is 409', async () => {
    const service = await activeService('MOD-1');
    const quote = await lumen.post<{ id: string }>(
      '/Product/v1/priceRequest',
      priceRequestBody({
        serviceId: service.serviceId,
        speed: '1 Gbps',
        masterSiteId: undefined,
        partnerId: undefined,
      }),
    );
    expect(quote.status).toBe(201);
    const modify = await lumen.order(
      changeOrderBody({
        action: 'modify',
        externalId: 'MOD-1-UP',
        serviceId: service.serviceId,
        quoteId: quote.body.id,
      }),
    );
    expect(modify.status).toBe(201);
    expect((await lumen.inventory({ serviceId: service.serviceId })).serviceInventory[0].status).toBe('Change Pending');

    const meanwhile = await lumen.order(
      changeOrderBody({ action: 'delete', externalId: 'MOD-1-DEL', serviceId: service.serviceId }),
    );
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body).toMatchObject({ code: '409', pendingOrderId: modify.body.id });

    const changed = await statusBecomes(service.serviceId, 'Active');
    expect(bandwidth(changed)).toBe('1 Gbps');
    expect((await lumen.inventory({ externalId: 'MOD-1-UP' })).serviceInventory[0].serviceId).toBe(service.serviceId);
  });

  it('modifies with a quote priced by site, and refuses a quote for another site', async () => {
    const service = await activeService('MOD-2');
    const otherSite = await lumen.quote('100 Mbps', 'PL0000130422');
    const refused = await lumen.order(
      changeOrderBody({ action: 'modify', externalId: 'MOD-2-X', serviceId: service.serviceId, quoteId: otherSite }),
    );
    expect(refused.status).toBe(400);
    const sameSite = await lumen.quote('200 Mbps');
    const accepted = await lumen.order(
      changeOrderBody({ action: 'modify', externalId: 'MOD-2-UP', serviceId: service.serviceId, quoteId: sameSite }),
    );
    expect(accepted.status).toBe(201);
    expect(bandwidth(await statusBecomes(service.serviceId, 'Active'))).toBe('200 Mbps');
  });

  it('disconnects: Disconnect Pending, then Inactive; changing it afterwards is refused', async () => {
    const service = await activeService('DEL-1');
    const response = await lumen.order(
      changeOrderBody({ action: 'delete', externalId: 'DEL-1-X', serviceId: service.serviceId }),
    );
    expect(response.status).toBe(201);
    expect((await lumen.inventory({ serviceId: service.serviceId })).serviceInventory[0].status).toBe(
      'Disconnect Pending',
    );
    await statusBecomes(service.serviceId, 'Inactive');
    const again = await lumen.order(
      changeOrderBody({ action: 'delete', externalId: 'DEL-1-Y', serviceId: service.serviceId }),
    );
    expect(again.status).toBe(400);
    expect(String(again.body.detail)).toContain('Inactive');
  });

  it('ends a failed disconnection in Disconnection Unsuccessful', async () => {
    const service = await activeService('DEL-2');
    await sandbox.admin.setOutcome('DEL-2-X', { outcome: 'failed' });
    await lumen.order(changeOrderBody({ action: 'delete', externalId: 'DEL-2-X', serviceId: service.serviceId }));
    await statusBecomes(service.serviceId, 'Disconnection Unsuccessful');
  });

  it('refuses changes to unknown services and modify orders without a quote', async () => {
    const unknown = await lumen.order(
      changeOrderBody({ action: 'delete', externalId: 'DEL-3', serviceId: '12345678901' }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/productOrderItem/0/product/id' })]);
    const noQuote = await lumen.order(
      changeOrderBody({ action: 'modify', externalId: 'MOD-3', serviceId: '12345678901' }),
    );
    expect(noQuote.status).toBe(422);
  });

  it('forces a service status by hand', async () => {
    await sandbox.admin.setOutcome('FORCE-1', { outcome: 'never' });
    await lumen.connect('FORCE-1');
    const service = await serviceOf('FORCE-1');
    await sandbox.admin.forceServiceStatus(service.serviceId, 'Connection Unsuccessful');
    expect((await serviceOf('FORCE-1')).status).toBe('Connection Unsuccessful');
    const [order] = await sandbox.admin.orders({ externalId: 'FORCE-1' });
    expect(order.state).toBe('failed');
    expect((await sandbox.admin.services()).map((s) => s.serviceId)).toContain(service.serviceId);
  });
});
