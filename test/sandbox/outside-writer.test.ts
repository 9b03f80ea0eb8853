// The sandbox's admin surface changes and disconnects a service as Lumen's portal would: an order no API
// client placed, through Change Pending / Disconnect Pending, with or without an event.
import type { Sandbox } from '../../sandbox/server';
import { CUSTOMER, eventually, LumenCaller, MONROE, startSandboxWithCaller, type InventoryService } from './harness';

describe('sandbox: other writers than the API client', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;

  // Long enough that a loaded machine still reads the pending states before they settle.
  beforeAll(async () => ({ sandbox, lumen } = await startSandboxWithCaller({ activationDelayMs: 1_000 })));
  afterAll(() => sandbox.close());

  const bandwidth = (service: InventoryService) =>
    service.product.productCharacteristic.find((c) => c.name === 'Bandwidth')?.value;

  async function shown(serviceId: string): Promise<InventoryService | undefined> {
    return (await lumen.inventory({ serviceId, serviceType: 'Internet' })).serviceInventory[0];
  }

  async function seeded(): Promise<string> {
    const [service] = await sandbox.admin.seedServices({
      customerNumber: CUSTOMER,
      masterSiteId: MONROE,
      speed: '100 Mbps',
    });
    return service.serviceId;
  }

  it('changes the bandwidth through Change Pending, announcing an order whose externalId no client sent', async () => {
    const serviceId = await seeded();
    const order = await sandbox.admin.changeServiceOutside(serviceId, { speed: '500 Mbps' });
    expect(order).toMatchObject({ action: 'modify', serviceId, targetMbps: 500 });
    expect(order.externalId).toMatch(/^PORTAL-/);
    expect((await shown(serviceId))?.status).toBe('Change Pending');
    const active = await eventually(async () => {
      const service = await shown(serviceId);
      return service?.status === 'Active' ? service : undefined;
    });
    expect(bandwidth(active)).toBe('500 Mbps');
    const events = (await sandbox.admin.events()).filter((e) => e.event.productOrder.id === order.id);
    expect(events.map((e) => e.event.productOrder.state)).toEqual(['inProgress', 'completed']);
    expect(events[0].event.productOrder).toMatchObject({ externalId: order.externalId, serviceId });
  });

  it('disconnects without any event when asked, through Disconnect Pending to Inactive, then drops it', async () => {
    const serviceId = await seeded();
    const order = await sandbox.admin.disconnectServiceOutside(serviceId, { event: false });
    expect((await shown(serviceId))?.status).toBe('Disconnect Pending');
    await eventually(async () => ((await shown(serviceId))?.status === 'Inactive' ? true : undefined));
    expect((await sandbox.admin.events()).filter((e) => e.event.productOrder.id === order.id)).toEqual([]);
    await sandbox.admin.removeService(serviceId);
    expect(await shown(serviceId)).toBeUndefined();
  });

  it('refuses a second outside order while one is in flight, names the field of a bad speed, and knows Suspended', async () => {
    const serviceId = await seeded();
    await sandbox.admin.changeServiceOutside(serviceId, { speed: '1 Gbps', event: false });
    await expect(sandbox.admin.disconnectServiceOutside(serviceId)).rejects.toMatchObject({ status: 409 });
    await expect(sandbox.admin.changeServiceOutside(serviceId, { speed: 'fast' })).rejects.toThrow(
      /speed: must be a speed/,
    );
    await expect(sandbox.admin.changeServiceOutside('99999999999', { speed: '1 Gbps' })).rejects.toMatchObject({
      status: 404,
    });
    const other = await seeded();
    await sandbox.admin.forceServiceStatus(other, 'Suspended');
    expect((await shown(other))?.status).toBe('Suspended');
  });
});
