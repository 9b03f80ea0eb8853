// Reconciliation at scale: N managed services of one customer (default 1,000; BENCH_RECONCILE_SERVICES),
// seeded Active in the in-process Lumen sandbox and handed over to their service workflows as a
// provisioning would hand them over, on a local dev server with the real worker. Each interval's sweep
// (reconcileManagedServices, what the iod-reconcile Schedule starts) is run by hand, one after another.
// Reported per sweep: Lumen calls (inventory requests the sandbox served), Temporal actions (the
// Schedule's firing, the sweep's own, and the signals to the services that differ), and how long it took;
// then the same with some services raised outside the project; and the history events an idle service
// gained over all the sweeps, scaled to a day at the default interval of one hour. Last, the customer's
// spend listed for all of them (lumen-iod spend), timed, and the workflow tasks it cost.
import type { Client } from '@temporalio/client';
import { listManagedServices, type SweepSummary } from '../activities/reconcile';
import { searchAttributeKey } from '../client/search-attributes';
import { customerSpend } from '../client/spend';
import {
  RECONCILE_WORKFLOW_TYPE,
  SERVICE_WORKFLOW_TYPE,
  serviceWorkflowIdFor,
  type ServiceInput,
} from '../domain/service';
import type { Sandbox } from '../sandbox/server';
import { inProcessWorkerConfig, runWorker, startInProcessServers } from './bench-worker';
import { billableActions } from './billable-actions';
import { quietRuntime } from './quiet';
import { setting } from './settings';
import { MONROE_SITE, SANDBOX_CUSTOMER } from '../sandbox/seed';

const INVENTORY = '/ProductInventory/v1/inventory';
const STEADY_SWEEPS = 3;
const RAISED_OUTSIDE = 10;
const HOURS_PER_DAY = 24;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SweepFigures {
  summary: SweepSummary;
  lumenCalls: number;
  actions: number;
  ms: number;
}

/** One interval: the sweep the Schedule would start, its Lumen calls and its Temporal actions. */
async function sweep(client: Client, sandbox: Sandbox, taskQueue: string, n: number): Promise<SweepFigures> {
  await sandbox.admin.clearRequests();
  const started = performance.now();
  const workflowId = `bench-reconcile-sweep-${n}`;
  const summary = await client.workflow.execute<() => Promise<SweepSummary>>(RECONCILE_WORKFLOW_TYPE, {
    taskQueue,
    workflowId,
    args: [],
  });
  const ms = performance.now() - started;
  const lumenCalls = (await sandbox.admin.requests()).filter((r) => r.path === INVENTORY).length;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  // The Schedule's firing is one action; each signal is one more, in the history of the service it wakes.
  const actions = 1 + billableActions(history).total + summary.signalled;
  return { summary, lumenCalls, actions, ms };
}

function line(what: string, figures: SweepFigures): string {
  const { summary, lumenCalls, actions, ms } = figures;
  return (
    `${what}: ${summary.services} services, ${summary.customers} customer, ${lumenCalls} Lumen calls, ` +
    `${actions} Temporal actions (${summary.signalled} signals), ${(ms / 1000).toFixed(1)} s\n`
  );
}

/**
 * `lumen-iod spend` for the same customer: its time (median of 3) and the workflow tasks it cost, read as
 * the growth of a sample of the services' histories (a query would add none either, but would wake a worker).
 */
async function spendListing(client: Client, serviceIds: string[]): Promise<void> {
  const sample = serviceIds.slice(0, 20).map((id) => client.workflow.getHandle(serviceWorkflowIdFor(id)));
  const lengths = () => Promise.all(sample.map(async (handle) => (await handle.describe()).historyLength));
  const before = await lengths();
  const times: number[] = [];
  let listed = 0;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    listed = (await customerSpend(client, SANDBOX_CUSTOMER)).services.length;
    times.push(performance.now() - started);
  }
  const after = await lengths();
  const grown = after.reduce((sum, length, i) => sum + length - before[i], 0);
  times.sort((a, b) => a - b);
  process.stdout.write(
    `  spend of ${listed} services: median ${(times[1] / 1000).toFixed(2)} s of 3 (goal < 2 s); ` +
      `history events added to ${sample.length} sampled services: ${grown}\n`,
  );
}

export async function run(): Promise<void> {
  const count = setting('BENCH_RECONCILE_SERVICES', 1_000);
  quietRuntime();
  const { payloadCodec, workflowBundle, temporal, sandbox } = await startInProcessServers();
  const client = temporal.client;
  const taskQueue = 'bench-reconcile';
  const config = inProcessWorkerConfig(temporal, {
    taskQueue,
    lumenUrl: sandbox.url,
    payloadCodec,
    // The sweep's own pace under the worker's default ceiling is what it measures.
    lumen: { inventoryLagMs: 0, maxRequestsPerSecond: 10 },
  });
  const worker = await runWorker(config, { temporal, workflowBundle });
  try {
    process.stdout.write(
      `reconcile: ${count} managed services of one customer, handed over Active at 100 Mbps; each sweep run by ` +
        `hand as the iod-reconcile Schedule would run it; real worker (Lumen ceiling 10/s) + sandbox, dev server\n`,
    );
    const services = await sandbox.admin.seedServices({
      customerNumber: SANDBOX_CUSTOMER,
      masterSiteId: MONROE_SITE,
      speed: '100 Mbps',
      count,
    });
    const handOverStarted = performance.now();
    for (let i = 0; i < services.length; i += 50) {
      await Promise.all(
        services.slice(i, i + 50).map(({ serviceId, billingAccount, masterSiteId, partnerId }) => {
          const input: ServiceInput = {
            serviceId,
            customerNumber: SANDBOX_CUSTOMER,
            handedOver: {
              bandwidthMbps: 100,
              masterSiteId,
              partnerId,
              billingAccount,
              inventoryLagMs: 0,
              hourlyCents: 46, // the sandbox's list price for 100 Mbps: the account opens at hand-over
              activatedAt: new Date().toISOString(),
            },
          };
          return client.workflow.start(SERVICE_WORKFLOW_TYPE, {
            workflowId: serviceWorkflowIdFor(serviceId),
            taskQueue,
            args: [input],
            typedSearchAttributes: [
              { key: searchAttributeKey.LumenCustomerNumber, value: SANDBOX_CUSTOMER },
              { key: searchAttributeKey.LumenServiceId, value: serviceId },
            ],
          });
        }),
      );
    }
    // Every service has run its first task and published what it knows, as visibility shows.
    for (;;) {
      const managed = await listManagedServices(client, taskQueue);
      if (managed.length === count && managed.every((service) => service.memo)) break;
      await sleep(500);
    }
    process.stdout.write(
      `  handed over and published: ${((performance.now() - handOverStarted) / 1000).toFixed(1)} s\n`,
    );

    const idle = serviceWorkflowIdFor(services[0].serviceId);
    const idleBefore = (await client.workflow.getHandle(idle).describe()).historyLength;
    const steady: SweepFigures[] = [];
    for (let n = 1; n <= STEADY_SWEEPS; n++) {
      steady.push(await sweep(client, sandbox, taskQueue, n));
      process.stdout.write(`  ${line(`interval ${n}, nothing changed`, steady.at(-1)!)}`);
    }

    const raised = services.slice(-RAISED_OUTSIDE);
    for (const { serviceId } of raised) {
      await sandbox.admin.changeServiceOutside(serviceId, { speed: '1 Gbps', event: false });
    }
    await sandbox.admin.settleOrders();
    const drift = await sweep(client, sandbox, taskQueue, STEADY_SWEEPS + 1);
    process.stdout.write(`  ${line(`interval ${STEADY_SWEEPS + 1}, ${RAISED_OUTSIDE} raised outside`, drift)}`);
    const after = await sweep(client, sandbox, taskQueue, STEADY_SWEEPS + 2);
    process.stdout.write(`  ${line(`interval ${STEADY_SWEEPS + 2}, nothing changed`, after)}`);

    const sweeps = STEADY_SWEEPS + 2;
    const idleGrowth = (await client.workflow.getHandle(idle).describe()).historyLength - idleBefore;
    const perDay = (idleGrowth / sweeps) * HOURS_PER_DAY;
    const raisedEvents = await Promise.all(
      raised.map(
        async ({ serviceId }) =>
          (await client.workflow.getHandle(serviceWorkflowIdFor(serviceId)).describe()).historyLength,
      ),
    );
    process.stdout.write(
      `  an idle service gained ${idleGrowth} history events over ${sweeps} sweeps: ${perDay.toFixed(1)} a day at ` +
        `the default interval of 1 hour (goal ≤ 30)\n` +
        `  a service raised outside: ${Math.max(...raisedEvents)} history events in all since its hand-over\n` +
        `  Lumen calls per interval for ${count} services: ${Math.max(...steady.map((s) => s.lumenCalls))} ` +
        `(goal ≤ 11); Temporal actions per quiet interval: ${Math.max(...steady.map((s) => s.actions))}\n`,
    );
    await spendListing(
      client,
      services.map((s) => s.serviceId),
    );
  } finally {
    await worker.stop();
    await sandbox.close();
    await temporal.teardown();
  }
}
