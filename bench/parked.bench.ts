// N provisionings waiting for activation at once on one worker (`npm run worker`'s entry point in its
// own process, with its default cache, slots and pollers), then their N webhooks, sent by the sandbox
// (its own process) through the receiver when it settles every order at once. Prints the worker's
// memory (RSS of its processes, sampled every second) while they wait and while they finish, and the
// time from the last webhook delivered to the last provisioning ACTIVE. Defaults are the request's and
// the worker's: inventory polling every 5 minutes stays on as the fallback. Tunable with BENCH_PARKED (N,
// default 10000), BENCH_PARKED_CONCURRENCY (starts in flight, default 50), BENCH_PARKED_TIMEOUT (minutes
// per phase, default 60) and any WORKER_* variable (passed to the worker).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { startProvisioning } from '../client';
import { WORKFLOW_TYPE as PROVISIONING_WORKFLOW_TYPE } from '../domain/names';
import type { ProvisioningRequestInput } from '../domain/request';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from '../sandbox/server';
import { testDataConverter } from '../test/env/codec';
import { startDevEnvironment } from '../test/env/temporal';
import { startWorkerProcess } from '../test/workflow/worker-process';
import { createWebhookReceiver } from '../webhooks/server';
import { TUNING_VARIABLES } from '../workers/tuning';
import { startSandboxProcess } from './sandbox-process';
import { setting } from './settings';
import { provisioningRequest } from '../test/env/requests';

const SAMPLE_MS = 1_000;
const PROVISIONING_WORKFLOW_TYPE_QUERY = `WorkflowType = '${PROVISIONING_WORKFLOW_TYPE}'`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** The process and every descendant of it (all of the worker, whatever it started). */
async function processTree(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const ids = children.split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...(await Promise.all(ids.map(processTree))).flat()];
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
}

/** Samples the RSS of a process tree every second; `peak()` since the last `reset()`. */
function rssSampler(pid: number) {
  let peak = 0;
  let last = 0;
  let stopped = false;
  const sample = async () => {
    const tree = await processTree(pid);
    last = (await Promise.all(tree.map(rssKb))).reduce((a, b) => a + b, 0);
    peak = Math.max(peak, last);
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await sleep(SAMPLE_MS);
    }
  })();
  return {
    /** Resolves once a sample has been taken now. */
    sampled: sample,
    /** Each process's RSS now, "node 210 MB". */
    breakdown: async () => {
      const tree = await processTree(pid);
      const parts = await Promise.all(
        tree.map(async (id) => {
          const name = (await readFile(`/proc/${id}/comm`, 'utf8').catch(() => '?')).trim();
          return `${name} ${mb(await rssKb(id))}`;
        }),
      );
      return parts.join(' + ');
    },
    peak: () => peak,
    last: () => last,
    reset: () => (peak = last),
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

function parkedRequest(requestId: string): ProvisioningRequestInput {
  return provisioningRequest({ requestId, customerNumber: '1-SANDBOX', customerServiceName: 'Parked' });
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
    await sleep(500);
  }
}

export async function run(): Promise<void> {
  const total = setting('BENCH_PARKED', 10_000);
  const concurrency = setting('BENCH_PARKED_CONCURRENCY', 50);
  const timeoutMs = setting('BENCH_PARKED_TIMEOUT', 60) * 60_000;
  const [temporal, sandbox] = await Promise.all([
    startDevEnvironment(testDataConverter),
    // Orders wait: only the settle below ends them.
    startSandboxProcess({ SANDBOX_ACTIVATION_DELAY: '7 days', SANDBOX_REQUEST_LOG_LIMIT: '1000' }),
  ]);
  const client = temporal.client;
  const secret = randomBytes(32).toString('hex');
  const receiver = await createWebhookReceiver({ client, secret, port: 0, logger: pino({ level: 'silent' }) });
  const taskQueue = 'bench-parked';
  const tuning = Object.fromEntries(
    TUNING_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  const worker = startWorkerProcess({
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
    TEMPORAL_CONFIG_FILE: path.join(__dirname, 'no-such-temporal-profile.toml'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    LUMEN_BASE_URL: sandbox.url,
    LUMEN_CONSUMER_KEY: DEFAULT_CONSUMER_KEY,
    LUMEN_CONSUMER_SECRET: DEFAULT_CONSUMER_SECRET,
    // The sandbox is no gateway: the ceiling would only stretch the placing phase.
    LUMEN_MAX_REQUESTS_PER_SECOND: '1000',
    METRICS_PORT: 'off',
    ...tuning,
    ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
  });
  try {
    await worker.running;
    const pid = worker.child.pid;
    if (!pid) throw new Error('the worker has no pid');
    const rss = rssSampler(pid);
    await rss.sampled();
    await sandbox.admin.setWebhook({ url: receiver.url, secret });
    process.stdout.write(
      `parked: ${total} provisionings waiting for activation on one worker process ` +
        `(${Object.keys(tuning).length ? JSON.stringify(tuning) : 'default tuning'}), then ${total} webhooks ` +
        `through the receiver; sandbox process, dev server; idle worker ${mb(rss.last())}\n`,
    );

    const tag = `P${Date.now().toString(36).slice(-6)}`;
    const started = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < total) {
        const requestId = `${tag}-${next++}`;
        await startProvisioning(client, parkedRequest(requestId), { taskQueue });
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
        `worker RSS peak ${mb(rss.peak())} while they were placed\n`,
    );
    rss.reset();
    await sleep(30_000);
    process.stdout.write(
      `  parked for 30 s: worker RSS ${mb(rss.last())} (peak ${mb(rss.peak())}; ${await rss.breakdown()})\n`,
    );

    rss.reset();
    const settleStarted = Date.now();
    const settled = await sandbox.admin.settleOrders();
    let lastDelivered = 0;
    const deliveriesDone = (async () => {
      for (;;) {
        const deliveries = await sandbox.admin.webhookDeliveries();
        const ours = deliveries.filter((d) => d.externalId.startsWith(`${tag}-`) && d.state === 'completed');
        const pending = ours.filter((d) => d.outcome === 'pending').length;
        if (ours.length >= settled && pending === 0) {
          lastDelivered = Date.now();
          return ours;
        }
        await sleep(250);
      }
    })();
    const activeQuery = `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND LumenStep = 'ACTIVE' AND ExecutionStatus = 'Completed'`;
    const activeAt = await until(
      client,
      activeQuery,
      total,
      timeoutMs,
      'ACTIVE',
      `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND (LumenStep != 'ACTIVE' OR ExecutionStatus != 'Completed')`,
    );
    const deliveries = await deliveriesDone;
    const failed = await count(
      client,
      `${PROVISIONING_WORKFLOW_TYPE_QUERY} AND ExecutionStatus != 'Completed' AND ExecutionStatus != 'Running'`,
    );
    const delivered = deliveries.filter((d) => d.outcome === 'delivered').length;
    process.stdout.write(
      `  ${settled} orders settled at once: ${delivered} webhooks delivered (the last ${seconds(lastDelivered - settleStarted)} ` +
        `after the settle, attempts ${deliveries.reduce((a, d) => a + d.attempts, 0)}); all ${total} ACTIVE ` +
        `${seconds(activeAt - settleStarted)} after the settle, ${seconds(activeAt - lastDelivered)} after the last ` +
        `webhook; ${failed} not completed; worker RSS peak ${mb(rss.peak())} while they finished\n`,
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
