// N provisionings waiting for activation at once on one worker (`npm run worker`'s entry point in its
// own process, with its default cache, slots and pollers), then their N webhooks, sent by the sandbox
// (its own process) through the receiver when it settles every order at once. Prints the worker's
// memory (RSS of its processes, sampled every second) while they wait and while they finish, the time
// from the last webhook delivered to the last provisioning ACTIVE, and the CPU that the worker, the dev
// server, the sandbox and the bench (with the receiver) used in each phase, per provisioning: which of
// them a phase was bound by. Defaults are the request's and the worker's: inventory polling every 5
// minutes stays on as the fallback. Tunable with BENCH_PARKED (N, default 10000),
// BENCH_PARKED_POLL_INTERVAL (the requests' pollInterval, "30 minutes"), BENCH_PARKED_CONCURRENCY
// (starts in flight, default 50), BENCH_PARKED_TIMEOUT (minutes per phase, default 60),
// BENCH_PARKED_HOLD (seconds all wait before the webhooks, default 120: the RSS settles within it),
// LUMEN_MAX_REQUESTS_PER_SECOND (the worker's ceiling, default 1000 here), MALLOC_ARENA_MAX (2 as
// `npm run worker` sets it) and NODE_OPTIONS, and any WORKER_* variable (all passed to the worker).
import type { Client } from '@temporalio/client';
import { startProvisioning } from '../client';
import { WORKFLOW_TYPE as PROVISIONING_WORKFLOW_TYPE } from '../domain/names';
import type { ProvisioningRequestInput } from '../domain/request';
import { testDataConverter } from '../test/env/codec';
import { startDevEnvironment } from '../test/env/temporal';
import { startWorkerProcess } from '../test/workflow/worker-process';
import { TUNING_VARIABLES } from '../workers/tuning';
import { startRegisteredReceiver, workerEnvironment } from './bench-worker';
import { cpuMeter, descendantNamed, mb, rssSampler } from './process-usage';
import { startSandboxProcess } from './sandbox-process';
import { setting } from './settings';
import { benchRequest } from './bench-request';

/** 250 ms doubling 19 times: the last attempt a day and a half after the first. */
const WEBHOOK_ATTEMPTS = 20;
const PROVISIONING_WORKFLOW_TYPE_QUERY = `WorkflowType = '${PROVISIONING_WORKFLOW_TYPE}'`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The request's own default (5 minutes) unless BENCH_PARKED_POLL_INTERVAL names one ("30 minutes"). */
function parkedRequest(requestId: string, pollInterval: string | undefined): ProvisioningRequestInput {
  return benchRequest(requestId, 'Parked', pollInterval ? { pollInterval } : {});
}

async function count(client: Client, query: string): Promise<number> {
  return (await client.workflow.count(query)).count;
}

/**
 * What the first few workflows of `query` are doing: their step, pending activities and the last
 * workflow-task failure of their history, so a run that times out says why.
 */
async function stragglers(client: Client, query: string): Promise<string> {
  const lines: string[] = [];
  for await (const execution of client.workflow.list({ query, pageSize: 5 })) {
    const handle = client.workflow.getHandle(execution.workflowId, execution.runId);
    const described = await handle.describe();
    const history = await handle.fetchHistory();
    const failure = [...(history.events ?? [])].reverse().find((event) => event.workflowTaskFailedEventAttributes)
      ?.workflowTaskFailedEventAttributes?.failure?.message;
    lines.push(
      `    ${execution.workflowId} ${execution.status.name} step ${String(execution.searchAttributes.LumenStep)}, ` +
        `${history.events?.length ?? 0} events, pending ` +
        `[${(described.raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} attempt ${a.attempt}`).join(', ')}]` +
        (failure ? `, last task failure: ${failure}` : ''),
    );
    if (lines.length >= 5) break;
  }
  return lines.join('\n');
}

/** Polls `query`'s count until it reaches `wanted`; reports progress every 30 s; throws past the timeout. */
async function until(
  client: Client,
  query: string,
  wanted: number,
  timeoutMs: number,
  label: string,
  notYetQuery: string,
) {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const n = await count(client, query);
    if (n >= wanted) return Date.now();
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `parked: only ${n} of ${wanted} ${label} in ${seconds(timeoutMs)}; not yet:\n` +
          (await stragglers(client, notYetQuery)),
      );
    if (Date.now() - reported >= 30_000) {
      reported = Date.now();
      process.stdout.write(`  +${seconds(reported - started)}: ${n} of ${wanted} ${label}\n`);
    }
    await sleep(1_000);
  }
}

export async function run(): Promise<void> {
  const total = setting('BENCH_PARKED', 10_000);
  const concurrency = setting('BENCH_PARKED_CONCURRENCY', 50);
  const timeoutMs = setting('BENCH_PARKED_TIMEOUT', 60) * 60_000;
  const pollInterval = process.env.BENCH_PARKED_POLL_INTERVAL?.trim() || undefined;
  const holdSeconds = setting('BENCH_PARKED_HOLD', 120);
  const [temporal, sandbox] = await Promise.all([
    startDevEnvironment(testDataConverter),
    // Orders wait: only the settle below ends them.
    startSandboxProcess({ SANDBOX_ACTIVATION_DELAY: '7 days', SANDBOX_REQUEST_LOG_LIMIT: '1000' }),
  ]);
  const client = temporal.client;
  // Lumen retries an event for hours; the sandbox's default 6 attempts (8 s in all) would measure its
  // own patience with a receiver refusing a burst, not the receiver.
  const receiver = await startRegisteredReceiver(client, sandbox.admin, { maxAttempts: WEBHOOK_ATTEMPTS });
  const taskQueue = 'bench-parked';
  // The worker's own variables pass through when set; otherwise it runs with its defaults.
  const passed = Object.fromEntries(
    [...TUNING_VARIABLES, 'NODE_OPTIONS', 'MALLOC_ARENA_MAX'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]]] : [],
    ),
  );
  const worker = startWorkerProcess({
    ...workerEnvironment(temporal, taskQueue, sandbox.url),
    // The sandbox is no gateway: unless asked for, the ceiling would only stretch the placing phase.
    LUMEN_MAX_REQUESTS_PER_SECOND: process.env.LUMEN_MAX_REQUESTS_PER_SECOND ?? '1000',
    ...passed,
  });
  try {
    await worker.running;
    const pid = worker.child.pid;
    if (!pid) throw new Error('the worker has no pid');
    const rss = rssSampler(pid);
    await rss.sampled();
    process.stdout.write(
      `parked: ${total} provisionings waiting for activation on one worker process ` +
        `(inventory polled every ${pollInterval ?? '5 minutes'} as the fallback, ` +
        `at most ${process.env.LUMEN_MAX_REQUESTS_PER_SECOND ?? '1000'} requests/s to Lumen) ` +
        `(${Object.keys(passed).length ? JSON.stringify(passed) : 'default tuning'}), then ${total} webhooks ` +
        `through the receiver; sandbox process, dev server; idle worker ${mb(rss.last())}\n`,
    );

    const trees = { worker: pid, 'dev server': await descendantNamed(process.pid, 'temporal'), sandbox: sandbox.pid };
    const tag = `P${Date.now().toString(36).slice(-6)}`;
    const placingCpu = await cpuMeter(trees);
    const started = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < total) {
        const requestId = `${tag}-${next++}`;
        await startProvisioning(client, parkedRequest(requestId, pollInterval), { taskQueue });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
    const waitingQuery = `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND LumenStep = 'AWAIT_ACTIVATION'`;
    const parkedAt = await until(
      client,
      waitingQuery,
      total,
      timeoutMs,
      'waiting for activation',
      `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND LumenStep != 'AWAIT_ACTIVATION'`,
    );
    const orders = (await sandbox.admin.orders()).filter((order) => order.externalId.startsWith(`${tag}-`));
    process.stdout.write(
      `  ${total} waiting for activation after ${seconds(parkedAt - started)} ` +
        `(${(total / ((parkedAt - started) / 1000)).toFixed(1)}/s); ${orders.length} orders; ` +
        `worker RSS peak ${mb(rss.peak())} while they were placed\n` +
        `    CPU while placing: ${await placingCpu.report(total)}\n`,
    );
    rss.reset();
    const parkedCpu = await cpuMeter(trees);
    // The RSS falls for a while after a burst as V8 gives back what its collections freed: a trace
    // every 30 s shows where it settles.
    const trace: string[] = [];
    for (let held = 0; held < holdSeconds; held += 30) {
      await sleep(Math.min(30, holdSeconds - held) * 1000);
      trace.push(mb(rss.last()));
    }
    process.stdout.write(
      `  parked for ${holdSeconds} s (RSS every 30 s: ${trace.join(', ')}): ` +
        `worker RSS ${mb(rss.last())} (mean ${mb(rss.mean())}, peak ${mb(rss.peak())}; ` +
        `${await rss.breakdown()})\n` +
        // Inventory polling, the fallback, is what runs while they wait: its cost grows with N/interval.
        `    CPU while parked: ${await parkedCpu.report(total)}\n`,
    );

    rss.reset();
    const finishingCpu = await cpuMeter(trees);
    const settleStarted = Date.now();
    const settled = await sandbox.admin.settleOrders();
    // A summary, not the records: at 10,000 the records are megabytes, and fetching them often would
    // take the CPU the measurement is about. The sandbox is busy sending thousands of events: a refused
    // connection is asked again.
    const deliverySummary = async () => {
      for (;;) {
        const summary = await sandbox.admin
          .webhookDeliverySummary({ externalIdPrefix: `${tag}-`, state: 'completed' })
          .catch(() => undefined);
        if (summary) return summary;
        await sleep(1_000);
      }
    };
    const activeQuery = `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND LumenStep = 'ACTIVE' AND ExecutionStatus = 'Completed'`;
    const activeAt = await until(
      client,
      activeQuery,
      total,
      timeoutMs,
      'ACTIVE',
      `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND (LumenStep != 'ACTIVE' OR ExecutionStatus != 'Completed')`,
    );
    // Not waited for: a webhook the receiver refused in the burst waits out the sender's doubling
    // backoff (hours by its last attempts), and the polling fallback may have finished its provisioning
    // long before it is delivered.
    const deliveries = await deliverySummary();
    const lastDelivered = deliveries.lastSettledAt ?? settleStarted;
    const stillPending =
      deliveries.pending > 0
        ? `, ${deliveries.pending} still in the sender's backoff when the last was ACTIVE (inventory polling found theirs)`
        : '';
    const failed = await count(
      client,
      `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND ExecutionStatus != 'Completed' AND ExecutionStatus != 'Running'`,
    );
    process.stdout.write(
      `  ${settled} orders settled at once: ${deliveries.delivered} webhooks delivered (the last ${seconds(lastDelivered - settleStarted)} ` +
        `after the settle, attempts ${deliveries.attempts}${stillPending}); all ${total} ACTIVE ` +
        `${seconds(activeAt - settleStarted)} after the settle, ${seconds(activeAt - lastDelivered)} after the last ` +
        `webhook delivered; ${failed} not completed; worker RSS peak ${mb(rss.peak())} while they finished\n` +
        `    CPU while finishing: ${await finishingCpu.report(total)}\n`,
    );
    await rss.stop();
    const ordersAfter = (await sandbox.admin.orders()).filter((o) => o.externalId.startsWith(`${tag}-`)).length;
    if (orders.length !== total || ordersAfter !== total)
      throw new Error(`parked: ${ordersAfter} orders for ${total} provisionings`);
    if (failed > 0) throw new Error(`parked: ${failed} provisionings did not complete`);
  } finally {
    await worker.stop();
    await receiver.close();
    await sandbox.close();
    await temporal.teardown();
  }
}
