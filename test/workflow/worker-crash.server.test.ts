// A worker killed (SIGKILL) while the order call is in flight: a new worker process takes over, the
// provisioning completes, and Lumen holds exactly one order. Also: the worker serves Prometheus
// metrics, drains on SIGTERM, and never logs its secrets.
import { statusQuery } from '../../workflows/messages';
import { freePort } from '../env/free-port';
import { sandboxRequest, startIntegrationStack, type IntegrationStack } from './integration-stack';
import { statusWhen } from './status-polling';
import { sandboxWorkerEnv, startWorkerProcess, type WorkerProcess } from './worker-process';

const ORDER_PATH = '/Customer/v3/Ordering/orderRequest';
let stack: IntegrationStack;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  stack = await startIntegrationStack();
});

afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await stack?.close();
});

async function workerEnv(taskQueue: string): Promise<Record<string, string>> {
  return {
    ...sandboxWorkerEnv({
      temporalAddress: stack.env.address,
      namespace: stack.env.namespace,
      taskQueue,
      sandboxUrl: stack.sandbox.url,
    }),
    LUMEN_QUOTE_VALIDITY: '60 seconds',
    METRICS_PORT: String(await freePort()),
  };
}

test('a worker killed mid-order is replaced and the provisioning ends with exactly one order', async () => {
  const taskQueue = 'iod-crash-test';
  const request = sandboxRequest({ activationTimeout: '2 minutes' });
  // The order call hangs long enough to kill the worker while it waits for Lumen's answer.
  await stack.sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, kind: 'latency', latencyMs: 4_000 });

  const env = await workerEnv(taskQueue);
  const first = startWorkerProcess(env);
  workers.push(first);
  await first.running;
  const metrics = await fetch(`http://127.0.0.1:${env.METRICS_PORT}/metrics`).then((r) => r.text());
  expect(metrics).toContain('temporal_');

  const handle = await stack.startProvisioning(taskQueue, request);
  await statusWhen(handle, (s) => s.step === 'ORDER');
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the order request is now in flight
  await first.kill();

  const second = startWorkerProcess(await workerEnv(taskQueue));
  workers.push(second);
  await second.running;
  const result = await handle.result();
  const { history } = await handle.query(statusQuery);
  expect(history.some((h) => h.detail.includes('HEARTBEAT timeout') && h.detail.includes('may have been placed'))).toBe(
    true,
  );

  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(result).toMatchObject({ status: 'ACTIVE', orderId: orders[0].id, quoteId: orders[0].quoteId });

  expect(await second.stop()).toBe(0);
  for (const worker of [first, second]) {
    expect(worker.output()).not.toContain('sandbox-secret');
    expect(worker.output()).not.toMatch(/Bearer [A-Za-z0-9]/);
  }
}, 90_000);
