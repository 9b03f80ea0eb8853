// One long-lived service workflow (manageInternetOnDemandService) under many bandwidth changes: a service
// seeded Active in the Lumen sandbox (in process, no delays, no daily change cap) is adopted into
// management, then N changes are made one after another with the client library's changeBandwidth, each
// with a fresh changeId, alternating between two speeds the site offers, through the real worker
// (workers/) and the webhook receiver, on a local dev server. Each change must come back ACTIVE at the
// speed asked, and the sandbox must count exactly N modify orders. Reported: the latency of each change
// from the client call to its ACTIVE result, how many runs the workflow went through (it continues as
// new before its history grows large), the current run's history length, and the history events over
// all runs, per change. Tunable with BENCH_SERVICE_CHANGES (N, default 100).
import type { Client } from '@temporalio/client';
import { adoptService, getService } from '../client/service';
import { changeBandwidth, newChangeId } from '../client/service-updates';
import { inProcessWorkerConfig, runWorker, startInProcessServers, startRegisteredReceiver } from './bench-worker';
import { quietRuntime } from './quiet';
import { setting } from './settings';
import { median, percentile } from './statistics';
import { exitWhenDone } from './exit-when-done';
import { MONROE_SITE, SANDBOX_CUSTOMER } from '../sandbox/seed';

/** Two speeds the site's price list offers; the changes alternate between them, starting away from the first. */
const SPEEDS = ['100 Mbps', '1 Gbps'] as const;
/** How long the adopted service may take to read its inventory and be ACTIVE. */
const ADOPTION_TIMEOUT_MS = 60_000;
/** A run that follows this many continue-as-new links is broken, not long-lived. */
const MAX_RUNS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Waits until the service's workflow answers its query as ACTIVE. */
async function awaitActive(client: Client, serviceId: string): Promise<void> {
  const deadline = Date.now() + ADOPTION_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const view = await getService(client, serviceId, { timeoutMs: 5_000 }).catch((error: unknown) => {
      last = error instanceof Error ? error.message : String(error);
      return undefined;
    });
    if (view?.status === 'ACTIVE') return;
    if (view) last = view.status;
    await sleep(200);
  }
  throw new Error(`service-changes: service ${serviceId} was not ACTIVE after adoption (last seen: ${last})`);
}

interface RunHistory {
  runId: string;
  events: number;
}

/** One run's history: how many events, and the run it continued as new into, if it did. */
async function historyOf(
  client: Client,
  workflowId: string,
  runId: string,
): Promise<{ events: number; next?: string }> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const last = events[events.length - 1];
  const next = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  return { events: events.length, next: next ?? undefined };
}

/** Every run of the workflow from its first, following each continue-as-new to the run it started. */
async function runsOf(client: Client, workflowId: string, firstRunId: string): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    if (runs.length >= MAX_RUNS) throw new Error(`service-changes: more than ${MAX_RUNS} runs of ${workflowId}`);
    const { events, next } = await historyOf(client, workflowId, runId);
    runs.push({ runId, events });
    runId = next;
  }
  return runs;
}

export async function run(): Promise<void> {
  const count = setting('BENCH_SERVICE_CHANGES', 100);
  quietRuntime();
  const { payloadCodec, workflowBundle, temporal, sandbox } = await startInProcessServers();
  const client = temporal.client;
  const taskQueue = 'bench-service-changes';
  const config = inProcessWorkerConfig(temporal, { taskQueue, lumenUrl: sandbox.url, payloadCodec });
  const receiver = await startRegisteredReceiver(client, sandbox.admin);
  const worker = await runWorker(config, { temporal, workflowBundle });
  try {
    process.stdout.write(
      `service-changes: ${count} bandwidth changes, one after another, on one managed service ` +
        `(${SPEEDS.join(' / ')}); real worker + receiver + sandbox (no delays, no change cap), dev server\n`,
    );
    const [service] = await sandbox.admin.seedServices({
      customerNumber: SANDBOX_CUSTOMER,
      masterSiteId: MONROE_SITE,
      speed: SPEEDS[0],
      count: 1,
    });
    const { serviceId } = service;
    const adopted = await adoptService(client, { serviceId, customerNumber: SANDBOX_CUSTOMER }, { taskQueue });
    await awaitActive(client, serviceId);

    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const speed = SPEEDS[(i + 1) % SPEEDS.length];
      const changeId = newChangeId();
      const asked = performance.now();
      const result = await changeBandwidth(client, serviceId, { changeId, speed });
      latencies.push(performance.now() - asked);
      if (result.status !== 'ACTIVE' || result.speed !== speed || result.changeId !== changeId) {
        throw new Error(
          `service-changes: change ${i + 1} (${changeId}, to ${speed}) ended ${String(result.status)} at ` +
            `${String(result.speed)}`,
        );
      }
    }
    const elapsedMs = performance.now() - started;
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write(
      `  ${count} changes in ${(elapsedMs / 1000).toFixed(1)} s; latency per change (call to ACTIVE) ms: ` +
        `median ${median(sorted).toFixed(0)}, p95 ${percentile(sorted, 95).toFixed(0)}, ` +
        `max ${sorted[sorted.length - 1].toFixed(0)}\n`,
    );

    const orders = (await sandbox.admin.orders()).filter(
      (order) => order.action === 'modify' && order.serviceId === serviceId,
    );
    process.stdout.write(`  modify orders, as the sandbox counted them: ${orders.length}\n`);
    const finalSpeed = SPEEDS[count % SPEEDS.length];
    const view = await getService(client, serviceId);

    const runs = await runsOf(client, adopted.workflowId, adopted.runId);
    const description = await client.workflow.getHandle(adopted.workflowId).describe();
    const totalEvents = runs.reduce((sum, r) => sum + r.events, 0);
    process.stdout.write(
      `  workflow runs (continue-as-new): ${runs.length}; current run's history: ${description.historyLength} ` +
        `events; over all runs: ${totalEvents} events, ${(totalEvents / count).toFixed(1)} per change ` +
        `(runs: ${runs.map((r) => r.events).join(', ')})\n`,
    );

    const problems: string[] = [];
    if (orders.length !== count) problems.push(`${orders.length} modify orders for ${count} changes`);
    if (view.status !== 'ACTIVE' || view.speed !== finalSpeed)
      problems.push(`the service ended ${view.status} at ${String(view.speed)}, not ACTIVE at ${finalSpeed}`);
    if (description.runId !== runs[runs.length - 1].runId)
      problems.push(`the current run ${description.runId} is not the last one followed`);
    if (problems.length > 0) throw new Error(`service-changes: ${problems.join('; ')}`);
  } finally {
    await worker.stop();
    await receiver.close();
    await sandbox.close();
    await temporal.teardown();
  }
}

if (require.main === module) exitWhenDone(run());
