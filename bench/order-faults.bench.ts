// Exactly one order under faults: N provisionings (BENCH_FAULT_PROVISIONINGS, default 200) through the
// real worker and receiver against the sandbox, with a share of all order calls (BENCH_FAULT_SHARE,
// default 0.2) hit by a fault of every kind — a gateway 504 or 502 after Lumen applied the order, a 500,
// a reset after applying, a reset before, a 503, a 429 — while inventory lags behind new orders
// (BENCH_FAULT_INVENTORY_LAG_MS, default 3000; the worker allows it 5 s). Webhooks and polling are both
// on. It counts the orders per request in the sandbox and fails unless every request has exactly one
// and every provisioning is ACTIVE.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { dataConverterFor } from '../codec/data-converter';
import { workflowIdFor } from '../domain/names';
import type { ProvisioningRequestInput } from '../domain/request';
import type { ProvisioningResult } from '../domain/status';
import type { FaultSpec } from '../sandbox/faults';
import { createSandbox } from '../sandbox/server';
import { startDevEnvironment } from '../test/env/temporal';
import { createWorker } from '../workers/worker';
import { benchRequest } from './bench-request';
import { benchPayloadCodec, bundleProvisioning, inProcessWorkerConfig, startRegisteredReceiver } from './bench-worker';
import { quietRuntime, silentLogger } from './quiet';

const ORDER_PATH = '/Customer/v3/Ordering/orderRequest';

const KINDS: Omit<FaultSpec, 'path' | 'probability'>[] = [
  { kind: 'status-after', status: 504 },
  { kind: 'status-after', status: 502 },
  { kind: 'status', status: 500 },
  { kind: 'reset-after' },
  { kind: 'reset-before' },
  { kind: 'status', status: 503 },
  { kind: 'rate-limit', retryAfterSeconds: 1 },
];

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const request = (requestId: string) =>
  benchRequest(requestId, 'Faults', { pollInterval: '2 seconds', activationTimeout: '10 minutes' });

export async function run(): Promise<void> {
  const count = setting('BENCH_FAULT_PROVISIONINGS', 200);
  const share = setting('BENCH_FAULT_SHARE', 0.2);
  const lagMs = setting('BENCH_FAULT_INVENTORY_LAG_MS', 3_000);
  quietRuntime('ERROR');
  const payloadCodec = benchPayloadCodec();
  const dataConverter = dataConverterFor(payloadCodec);
  const [temporal, sandbox] = await Promise.all([
    startDevEnvironment(dataConverter),
    createSandbox({ port: 0, activationDelayMs: 500, quoteValidityMs: 60_000, inventoryLagMs: lagMs }),
  ]);
  const client = new Client({ connection: temporal.connection, namespace: temporal.namespace, dataConverter });
  const taskQueue = `faults-${randomBytes(3).toString('hex')}`;
  const config = inProcessWorkerConfig(temporal, {
    taskQueue,
    lumenUrl: sandbox.url,
    payloadCodec,
    lumen: { quoteValidityMs: 60_000, inventoryLagMs: lagMs + 2_000 },
  });
  const { worker, close } = await createWorker(config, {
    connection: temporal.nativeConnection,
    logger: silentLogger,
    workflowBundle: await bundleProvisioning(payloadCodec),
  });
  const receiver = await startRegisteredReceiver(client, sandbox.admin);
  // Each kind its share: together about `share` of all order calls are hit by one.
  const each = 1 - (1 - share) ** (1 / KINDS.length);
  for (const kind of KINDS) {
    await sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, probability: each, times: 1_000_000, ...kind });
  }
  try {
    const started = performance.now();
    const results = await worker.runUntil(
      Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const requestId = `F${i}-${taskQueue.slice(-6)}`;
          const handle = await client.workflow.start<(r: ProvisioningRequestInput) => Promise<ProvisioningResult>>(
            'provisionInternetOnDemand',
            { taskQueue, workflowId: workflowIdFor(requestId), args: [request(requestId)] },
          );
          return { requestId, result: await handle.result() };
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const orders = await sandbox.admin.orders();
    const log = await sandbox.admin.requests();
    const orderCalls = log.filter((entry) => entry.path === ORDER_PATH);
    const faulted = orderCalls.filter((entry) => entry.fault !== undefined);
    const perRequest = new Map<string, number>();
    for (const order of orders.filter((o) => o.action === 'add')) {
      perRequest.set(order.externalId, (perRequest.get(order.externalId) ?? 0) + 1);
    }
    const active = results.filter((r) => r.result.status === 'ACTIVE').length;
    const duplicates = [...perRequest.values()].filter((n) => n > 1).length;
    const missing = results.filter((r) => !perRequest.has(r.requestId)).length;
    const byKind = new Map<string, number>();
    for (const entry of faulted)
      byKind.set(`${entry.fault} ${entry.status}`, (byKind.get(`${entry.fault} ${entry.status}`) ?? 0) + 1);
    process.stdout.write(
      [
        `provisionings ${count}, ACTIVE ${active}, add orders ${[...perRequest.values()].reduce((a, b) => a + b, 0)}, ` +
          `requests with more than one order ${duplicates}, with none ${missing}`,
        `order calls ${orderCalls.length}, faulted ${faulted.length} (${((100 * faulted.length) / orderCalls.length).toFixed(1)}%): ` +
          [...byKind].map(([kind, n]) => `${kind} ×${n}`).join(', '),
        `inventory lag ${lagMs} ms; ${seconds.toFixed(1)} s in all`,
      ].join('\n') + '\n',
    );
    if (active !== count || duplicates > 0 || missing > 0) throw new Error('not exactly one order per provisioning');
  } finally {
    await receiver.close();
    await close();
    await sandbox.close();
    await temporal.teardown();
  }
}
