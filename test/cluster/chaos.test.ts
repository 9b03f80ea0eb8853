// Faults a PostgreSQL-backed deployment has, on a real two-node cluster: a server node, a worker,
// PostgreSQL and a webhook receiver each fail in the middle of N provisionings. Each run ends with
// exactly N orders at the sandbox, N services ACTIVE, no duplicate and nothing lost. The table of
// what was measured is written to test-results/cluster-chaos.md; "time to recover" runs from the
// fault until every provisioning not yet ACTIVE then is ACTIVE (the baseline row, with no fault,
// gives what that takes anyway). The services' lifecycle is tried too: a bandwidth change on each of N
// services while a server node is killed ends with one modify order per service.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerNode } from '../../local-cluster/server-node';
import { ChaosStack, WEBHOOK_SECRET } from './chaos-stack';
import { runChangesWithFault } from './change-run';
import { runWithFault, type RunPlan, type RunReport } from './provisioning-run';

const N = 20;
const ROOT = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stack = new ChaosStack({ activationDelayMs: 3_000 });
const rows: string[] = [];

beforeAll(() => stack.start(), 300_000);

afterAll(async () => {
  await stack.close();
  const table = [
    '| fault | N | orders | ACTIVE | duplicates | lost | orders placed / not ACTIVE at the fault | time to recover (s) | webhooks delivered / gave up |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
  await writeFile(path.join(ROOT, 'test-results', 'cluster-chaos.md'), `${table}\n`);
  process.stdout.write(`\n${table}\n`);
}, 120_000);

/** SIGKILL a server node and start it again 5 s later. */
async function killAndRestart(node: ServerNode): Promise<void> {
  await node.kill();
  await sleep(5_000);
  await node.start();
}

/** What exactly once means for a run: one order for each of the N, none twice, none missing. */
function expectOneOrderEach(report: { orders: unknown[]; duplicates: number; lost: string[] }): void {
  expect(report.orders).toHaveLength(N);
  expect(report.duplicates).toBe(0);
  expect(report.lost).toEqual([]);
}

/** Runs N provisionings through node 2 with `fault` in the middle, and checks what a user would. */
async function provisionThrough(fault: string, plan: Pick<RunPlan, 'prefix' | 'fault' | 'ready'>): Promise<RunReport> {
  const report = await runWithFault({
    count: N,
    startEveryMs: 300,
    faultAfterStarts: N / 2,
    client: stack.clients[1],
    sandbox: stack.sandbox,
    ...plan,
  }).catch((error: unknown) => {
    throw new Error(`${fault}: ${error instanceof Error ? error.message : String(error)}\n${stack.output()}`);
  });
  const ids = new Set(report.requestIds);
  const deliveries = (await stack.sandbox.admin.webhookDeliveries()).filter((d) => ids.has(d.externalId));
  const delivered = deliveries.filter((d) => d.outcome === 'delivered').length;
  const gaveUp = deliveries.filter((d) => d.outcome === 'gave-up').length;
  const active = report.results.filter((result) => result.status === 'ACTIVE').length;
  rows.push(
    `| ${fault} | ${N} | ${report.orders.length} | ${active} | ${report.duplicates} | ${report.lost.length} | ` +
      `${report.ordersBeforeFault} / ${report.notActiveAtFault} | ${report.recoverySeconds.toFixed(1)} | ` +
      `${delivered} / ${gaveUp} |`,
  );

  expectOneOrderEach(report);
  expect(active).toBe(N);
  expect(report.activeServices).toBe(N);
  // Each result names the one order the sandbox holds for its request.
  const orderOf = new Map(report.orders.map((order) => [order.externalId, order.id]));
  expect(report.results.map((result) => result.orderId)).toEqual(report.requestIds.map((id) => orderOf.get(id)));
  // In the middle: some orders already placed, some provisionings still to finish.
  expect(report.ordersBeforeFault).toBeGreaterThan(0);
  expect(report.notActiveAtFault).toBeGreaterThan(0);
  expect(delivered).toBeGreaterThan(0);
  return report;
}

test('with no fault, N provisionings end ACTIVE with one order each (the baseline)', async () => {
  await provisionThrough('none (baseline)', { prefix: 'C0', fault: async () => undefined });
}, 600_000);

test('a worker killed mid-run: the other worker finishes every provisioning', async () => {
  await provisionThrough('SIGKILL one worker', { prefix: 'C1', fault: () => stack.workers[0].kill() });
  await stack.restartWorker(0);
}, 600_000);

test('a receiver killed while webhooks arrive: the sandbox retries at the other receiver', async () => {
  const [first, second] = stack.receivers;
  // Registered again so deliveries start at the first receiver, the one that dies.
  await stack.sandbox.admin.setWebhook({ urls: [first.url, second.url], secret: WEBHOOK_SECRET });
  const deliveredToFirst = async () =>
    (await stack.sandbox.admin.webhookDeliveries()).some(
      (d) => d.outcome === 'delivered' && d.urls.at(-1) === first.url,
    );
  const killedAt: number[] = [];
  await provisionThrough('SIGKILL one webhook receiver', {
    prefix: 'C2',
    ready: deliveredToFirst,
    fault: async () => {
      killedAt.push(Date.now());
      await first.kill();
    },
  });
  const failedOver = (await stack.sandbox.admin.webhookDeliveries()).filter(
    (d) => d.outcome === 'delivered' && d.urls.includes(first.url) && d.urls.at(-1) === second.url,
  );
  expect(failedOver.length).toBeGreaterThan(0);
  await stack.restartReceiver(0);
}, 600_000);

test('a server node killed mid-run and started again: the other node serves meanwhile', async () => {
  const [node] = stack.cluster.nodes;
  await provisionThrough('SIGKILL one server node, restarted 5 s later', {
    prefix: 'C3',
    fault: () => killAndRestart(node),
  });
  expect(node.running).toBe(true);
}, 600_000);

test('PostgreSQL stopped as by a crash mid-run and started again: the cluster carries on', async () => {
  await provisionThrough('PostgreSQL crash-stopped, restarted 3 s later', {
    prefix: 'C4',
    fault: async () => {
      await stack.cluster.postgres.stop('immediate');
      await sleep(3_000);
      await stack.cluster.postgres.start();
    },
  });
  expect(stack.cluster.nodes.every((node) => node.running)).toBe(true);
}, 600_000);

test('a server node killed during N bandwidth changes: each service changes once', async () => {
  const provisioned = await provisionThrough('none (services for the changes below)', {
    prefix: 'C5',
    fault: async () => undefined,
  });
  const serviceIds = provisioned.results.map((result) => result.serviceId ?? '');
  expect(serviceIds.every(Boolean)).toBe(true);
  const [node] = stack.cluster.nodes;
  const report = await runChangesWithFault({
    serviceIds,
    speed: '1 Gbps',
    sendEveryMs: 300,
    faultAfterSends: N / 2,
    client: stack.clients[1],
    sandbox: stack.sandbox,
    fault: () => killAndRestart(node),
  }).catch((error: unknown) => {
    throw new Error(`changes: ${error instanceof Error ? error.message : String(error)}\n${stack.output()}`);
  });
  const active = report.results.filter((result) => result.status === 'ACTIVE' && result.speed === '1 Gbps').length;
  rows.push(
    `| SIGKILL one server node during ${N} bandwidth changes (1 a service, calls sent again: ${report.resent}) | ` +
      `${N} | ${report.orders.length} modify | ${active} | ${report.duplicates} | ${report.lost.length} | ` +
      `${report.ordersBeforeFault} / ${report.notDoneAtFault} | ${report.recoverySeconds.toFixed(1)} | – |`,
  );

  expectOneOrderEach(report);
  expect(active).toBe(N);
  expect(report.changedServices).toBe(N);
  // Each result names the one modify order the sandbox holds for its service.
  const orderOf = new Map(report.orders.map((order) => [order.serviceId, order.id]));
  expect(report.results.map((result) => result.orderId)).toEqual(serviceIds.map((id) => orderOf.get(id)));
  expect(report.notDoneAtFault).toBeGreaterThan(0);
  expect(node.running).toBe(true);
}, 900_000);
