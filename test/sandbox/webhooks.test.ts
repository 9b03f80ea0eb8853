import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lumenNotificationSchema, type LumenNotification } from '../../domain/notification';
import type { Sandbox } from '../../sandbox/server';
import { changeOrderBody, eventually, LumenCaller, startSandbox } from './harness';

const SECRET = 'whsec-test';

interface Received {
  signature: string;
  raw: string;
  event: LumenNotification;
}

/** A tiny receiver: records what arrives and answers with the next status in `answers` (then 200). */
class Receiver {
  readonly received: Received[] = [];
  answers: number[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          signature: String(request.headers['x-lumen-signature']),
          raw,
          event: lumenNotificationSchema.parse(JSON.parse(raw)),
        });
        response.writeHead(this.answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/webhooks/lumen`;
  }

  of(externalId: string): LumenNotification[] {
    return this.received.filter((r) => r.event.event.productOrder.externalId === externalId).map((r) => r.event);
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Verifies X-Lumen-Signature the way a receiver must: HMAC-SHA256 of "<t>.<raw body>". */
function validSignature(header: string, raw: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${raw}`).digest();
  const fresh = Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
  return fresh && timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

describe('sandbox webhooks', () => {
  let sandbox: Sandbox;
  let lumen: LumenCaller;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    sandbox = await startSandbox({ activationDelayMs: 100 });
    lumen = new LumenCaller(sandbox.url);
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.stop();
  });
  beforeEach(() => sandbox.admin.setWebhook({ url: receiver.url, secret: SECRET, retryBaseMs: 20 }));

  const states = (externalId: string) => receiver.of(externalId).map((e) => e.event.productOrder.state);

  it('posts signed inProgress then completed events carrying the service id', async () => {
    const orderId = await lumen.connect('HOOK-1');
    await eventually(() => (states('HOOK-1').length === 2 ? true : undefined));
    const [inProgress, completed] = receiver.of('HOOK-1');
    expect(inProgress).toMatchObject({
      eventType: 'ProductOrderStateChangeEvent',
      event: { productOrder: { id: orderId, state: 'inProgress' } },
    });
    expect(completed.event.productOrder).toMatchObject({ id: orderId, externalId: 'HOOK-1', state: 'completed' });
    const [service] = (await lumen.inventory({ externalId: 'HOOK-1' })).serviceInventory;
    expect(completed.event.productOrder.serviceId).toBe(service.serviceId);
    expect(service.status).toBe('Active');
    expect(inProgress.eventId).not.toBe(completed.eventId);
    for (const delivery of receiver.received) {
      expect(validSignature(delivery.signature, delivery.raw, SECRET)).toBe(true);
      expect(validSignature(delivery.signature, delivery.raw, 'another-secret')).toBe(false);
    }
  });

  it('posts failed with the reason', async () => {
    await sandbox.admin.setOutcome('HOOK-2', { outcome: 'failed', reason: 'No capacity at the site' });
    await lumen.connect('HOOK-2');
    await eventually(() => (states('HOOK-2').includes('failed') ? true : undefined));
    const failed = receiver.of('HOOK-2').find((e) => e.event.productOrder.state === 'failed');
    expect(failed?.event.productOrder.stateReason).toBe('No capacity at the site');
  });

  it('announces the extra states it is set to, and ends an order rejected or cancelled when asked', async () => {
    await sandbox.admin.updateSettings({ announcedStates: ['acknowledged', 'held'] });
    try {
      await sandbox.admin.setOutcome('HOOK-REJ', { outcome: 'failed', state: 'rejected', reason: 'Credit check' });
      await lumen.connect('HOOK-REJ');
      await eventually(() => (states('HOOK-REJ').includes('rejected') ? true : undefined));
      expect(states('HOOK-REJ')).toEqual(['acknowledged', 'held', 'inProgress', 'rejected']);
      const [order] = await sandbox.admin.orders({ externalId: 'HOOK-REJ' });
      expect(order).toMatchObject({ state: 'rejected', stateReason: 'Credit check' });
    } finally {
      await sandbox.admin.updateSettings({ announcedStates: [] });
    }
  });

  it('retries with backoff after non-2xx answers, with the same event id', async () => {
    receiver.answers = [500, 503];
    await lumen.connect('HOOK-3');
    await eventually(() => (states('HOOK-3').includes('completed') ? true : undefined));
    const inProgress = receiver.of('HOOK-3').filter((e) => e.event.productOrder.state === 'inProgress');
    expect(inProgress).toHaveLength(3);
    expect(new Set(inProgress.map((e) => e.eventId)).size).toBe(1);
    const deliveries = await sandbox.admin.webhookDeliveries();
    const first = deliveries.find((d) => d.externalId === 'HOOK-3' && d.state === 'inProgress');
    expect(first).toMatchObject({ attempts: 3, results: [500, 503, 200], outcome: 'delivered' });
  });

  it('sums up deliveries by external id prefix and state, with when the last one was decided', async () => {
    receiver.answers = [500];
    const before = Date.now();
    await lumen.connect('HOOK-SUM-1');
    await lumen.connect('HOOK-SUM-2');
    await eventually(() =>
      states('HOOK-SUM-1').includes('completed') && states('HOOK-SUM-2').includes('completed') ? true : undefined,
    );
    const summary = await eventually(async () => {
      const counted = await sandbox.admin.webhookDeliverySummary({ externalIdPrefix: 'HOOK-SUM-', state: 'completed' });
      return counted.pending === 0 ? counted : undefined;
    });
    expect(summary).toMatchObject({ deliveries: 2, delivered: 2, pending: 0, gaveUp: 0, cancelled: 0, attempts: 2 });
    expect(summary.lastSettledAt).toBeGreaterThanOrEqual(before);
    const all = await sandbox.admin.webhookDeliverySummary({ externalIdPrefix: 'HOOK-SUM-' });
    // One of the four met the 500 and was delivered on its second attempt.
    expect(all).toMatchObject({ deliveries: 4, delivered: 4, attempts: 5 });
  });

  it('gives up after the bounded number of attempts', async () => {
    await sandbox.admin.setWebhook({ url: receiver.url, secret: SECRET, retryBaseMs: 5, maxAttempts: 3 });
    await sandbox.admin.setOutcome('HOOK-4', { outcome: 'never' });
    receiver.answers = [500, 500, 500];
    await lumen.connect('HOOK-4');
    const record = await eventually(async () =>
      (await sandbox.admin.webhookDeliveries()).find((d) => d.externalId === 'HOOK-4' && d.outcome !== 'pending'),
    );
    expect(record).toMatchObject({ attempts: 3, outcome: 'gave-up' });
  });

  it('retries when the receiver cannot be reached', async () => {
    await sandbox.admin.setWebhook({
      url: 'http://127.0.0.1:9/nothing',
      secret: SECRET,
      retryBaseMs: 5,
      maxAttempts: 2,
    });
    await sandbox.admin.setOutcome('HOOK-5', { outcome: 'never' });
    await lumen.connect('HOOK-5');
    const record = await eventually(async () =>
      (await sandbox.admin.webhookDeliveries()).find((d) => d.externalId === 'HOOK-5' && d.outcome !== 'pending'),
    );
    expect(record.attempts).toBe(2);
    expect(typeof record.results[0]).toBe('string');
  });

  it('fails over to the next receiver of a list, and stays with the one that answered', async () => {
    const unreachable = 'http://127.0.0.1:9/webhooks/lumen';
    await sandbox.admin.setWebhook({ urls: [unreachable, receiver.url], secret: SECRET, retryBaseMs: 5 });
    await lumen.connect('HOOK-11');
    await eventually(() => (states('HOOK-11').includes('completed') ? true : undefined));
    expect(states('HOOK-11')).toEqual(['inProgress', 'completed']);
    const records = (await sandbox.admin.webhookDeliveries()).filter((d) => d.externalId === 'HOOK-11');
    const [inProgress, completed] = records;
    expect(inProgress).toMatchObject({ attempts: 2, urls: [unreachable, receiver.url], outcome: 'delivered' });
    expect(typeof inProgress.results[0]).toBe('string');
    expect(completed).toMatchObject({ attempts: 1, urls: [receiver.url], results: [200], outcome: 'delivered' });
  });

  it('refuses a webhook with neither url nor urls, naming the field', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/webhook`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: SECRET }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^url: give the receiver as url/);
  });

  it('duplicates every event when asked (same eventId twice)', async () => {
    await sandbox.admin.setWebhook({ url: receiver.url, secret: SECRET, duplicate: true });
    await lumen.connect('HOOK-6');
    await eventually(() => (states('HOOK-6').length === 4 ? true : undefined));
    expect(states('HOOK-6')).toEqual(['inProgress', 'inProgress', 'completed', 'completed']);
    const ids = receiver.of('HOOK-6').map((e) => e.eventId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
  });

  it('reorders when asked: completed arrives before inProgress', async () => {
    await sandbox.admin.setWebhook({ url: receiver.url, secret: SECRET, reorder: true });
    await lumen.connect('HOOK-7');
    await eventually(() => (states('HOOK-7').length === 2 ? true : undefined));
    expect(states('HOOK-7')).toEqual(['completed', 'inProgress']);
  });

  it('announces delete orders too, and keeps every event for the admin', async () => {
    await lumen.connect('HOOK-8');
    await eventually(() => (states('HOOK-8').includes('completed') ? true : undefined));
    const [service] = (await lumen.inventory({ externalId: 'HOOK-8' })).serviceInventory;
    const deletion = await lumen.order(
      changeOrderBody({ action: 'delete', externalId: 'HOOK-8-DEL', serviceId: service.serviceId }),
    );
    expect(deletion.status).toBe(201);
    await eventually(() => (states('HOOK-8-DEL').length === 2 ? true : undefined));
    const completed = receiver.of('HOOK-8-DEL')[1].event.productOrder;
    expect(completed).toMatchObject({ id: deletion.body.id, state: 'completed', serviceId: service.serviceId });
    const events = await sandbox.admin.events();
    expect(events.filter((e) => e.event.productOrder.externalId.startsWith('HOOK-8'))).toHaveLength(4);
  });

  it('sends nothing once the webhook is cleared, and close() cancels pending deliveries', async () => {
    await sandbox.admin.clearWebhook();
    const before = receiver.received.length;
    await lumen.connect('HOOK-9');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(receiver.received.length).toBe(before);

    const other = await startSandbox({ activationDelayMs: 10 });
    await other.admin.setWebhook({ url: 'http://127.0.0.1:9/nothing', secret: SECRET, retryBaseMs: 60_000 });
    await new LumenCaller(other.url).connect('HOOK-10');
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
