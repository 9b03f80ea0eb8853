// A sandbox given a state file remembers its orders across a restart and settles the ones in progress.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLumenClient } from '../../lumen/client';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { awaitService, orderFor, quoteAtMonroe, SANDBOX_CUSTOMER } from '../lumen/sandbox-fixture';

let dir: string;
const open: Sandbox[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-state-'));
});

afterAll(async () => {
  await Promise.all(open.map((sandbox) => sandbox.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(stateFile: string, port = 0): Promise<Sandbox> {
  const sandbox = await createSandbox({ stateFile, port, activationDelayMs: 300 });
  open.push(sandbox);
  return sandbox;
}

test('an order in progress when the sandbox stops is known and activated after it starts again', async () => {
  const stateFile = path.join(dir, 'state.json');
  const first = await start(stateFile);
  const client = createLumenClient({
    baseUrl: first.url,
    consumerKey: 'sandbox-key',
    consumerSecret: 'sandbox-secret',
  });
  const quote = await quoteAtMonroe(client);
  const placed = await client.placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'KEPT-1'));
  await client.close();
  await first.close(); // before the 300 ms activation delay has passed

  const second = await start(stateFile, first.port);
  const again = createLumenClient({
    baseUrl: second.url,
    consumerKey: 'sandbox-key',
    consumerSecret: 'sandbox-secret',
  });
  try {
    const service = await awaitService(again, 'KEPT-1', (s) => s.status === 'Active');
    expect(service.orderId).toBe(placed.id);
    // The quote stays single-use across the restart, and new quotes get new ids.
    await expect(again.placeOrder(SANDBOX_CUSTOMER, orderFor(quote, 'KEPT-2'))).rejects.toMatchObject({
      status: 409,
      existingOrderId: placed.id,
    });
    expect((await quoteAtMonroe(again)).id).not.toBe(quote.id);
  } finally {
    await again.close();
  }
});

test('without a state file the sandbox starts empty', async () => {
  const sandbox = await createSandbox({ port: 0 });
  open.push(sandbox);
  expect(await sandbox.admin.orders()).toEqual([]);
});
