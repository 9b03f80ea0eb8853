// N bandwidth calendars (Temporal Schedules made with the client library) firing in the same minute, on
// N services adopted into management, through the real worker (workers/, configured as `npm run worker`
// is), the webhook receiver and the Lumen sandbox in its own process (no delays, no daily change cap),
// on a local dev server. Every change must complete exactly once (one modify order per service, counted
// by the sandbox), and Lumen must never see more than LUMEN_MAX_REQUESTS_PER_SECOND in any one-second
// window (the sandbox's request log, stamped on arrival). Tunable with BENCH_CALENDAR_SERVICES (N,
// default 1000), LUMEN_MAX_REQUESTS_PER_SECOND (the worker's ceiling; its default otherwise),
// BENCH_CALENDAR_LEAD (seconds kept between the schedules' making and the firing minute, default 30) and
// BENCH_CALENDAR_TIMEOUT (minutes to wait for the changes, default 30).
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import pino from 'pino';
import { addBandwidthSchedule } from '../client/schedules';
import { adoptService } from '../client/service';
import { dataConverterFor } from '../codec/data-converter';
import { SCHEDULED_CHANGE_WORKFLOW_TYPE, SERVICE_WORKFLOW_TYPE, type ChangeResult } from '../domain/service';
import type { RequestLogEntry } from '../sandbox/admin-client';
import { startDevEnvironment } from '../test/env/temporal';
import { readWorkerConfig } from '../workers/config';
import {
  benchPayloadCodec,
  benchPayloadKeys,
  bundleProvisioning,
  runWorker,
  startRegisteredReceiver,
  workerEnvironment,
} from './bench-worker';
import { quietRuntime } from './quiet';
import { busiestSecond, requestsByEndpoint } from './request-log';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { setting } from './settings';
import { exitWhenDone } from './exit-when-done';
import { MONROE_SITE, SANDBOX_CUSTOMER } from '../sandbox/seed';

const FROM_SPEED = '100 Mbps';
const TO_SPEED = '1 Gbps';
const TO_MBPS = 1_000;
const SCHEDULE_NAME = 'burst';
/** Adoptions and schedules made at once: enough to be quick, few enough not to swamp a dev server. */
const CREATE_CONCURRENCY = 20;
/** Assumed time to make one schedule, to choose a firing minute after the last is made. */
const SCHEDULE_MS_ESTIMATE = 60;
const PROGRESS_EVERY_MS = 30_000;
/** No change finishing for this long while some are unfinished is a stall, reported as such. */
const STALL_MS = 5 * 60_000;

/** Runs `work` over `items`, `concurrency` at a time. */
async function eachAtMost<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The transport's warnings about requests the ceiling held back, counted; everything else dropped. */
function ceilingRefusalCounter() {
  const counter = { refusals: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (chunk.toString().includes('"transportCode":"LUMEN_RATE_CEILING"')) counter.refusals++;
      done();
    },
  });
  return { counter, logger: pino({ level: 'warn' }, sink) };
}

async function countWorkflows(client: Client, query: string): Promise<number> {
  return (await client.workflow.count(query)).count;
}

/** The next whole minute at least `leadMs` away. */
function firingMinuteAfter(leadMs: number): Date {
  const at = new Date(Date.now() + leadMs);
  at.setUTCSeconds(0, 0);
  at.setUTCMinutes(at.getUTCMinutes() + 1);
  return at;
}

interface Firing {
  workflowId: string;
  startTime: Date;
  closeTime?: Date;
  status: string;
}

async function firingsOf(client: Client): Promise<Firing[]> {
  const firings: Firing[] = [];
  for await (const workflow of client.workflow.list({ query: `WorkflowType = '${SCHEDULED_CHANGE_WORKFLOW_TYPE}'` })) {
    firings.push({
      workflowId: workflow.workflowId,
      startTime: workflow.startTime,
      closeTime: workflow.closeTime,
      status: workflow.status.name,
    });
  }
  return firings;
}

interface Progress {
  done: number;
  failed: number;
}

/** Waits until every firing has closed, a firing failed, the changes stall, or the time is up. */
async function awaitChanges(
  client: Client,
  worker: Worker,
  count: number,
  firingAt: Date,
  timeoutMs: number,
  refusals: () => number,
): Promise<Progress & { outcome: 'done' | 'failed' | 'stalled' | 'timedOut' }> {
  const completedQuery = `WorkflowType = '${SCHEDULED_CHANGE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Completed'`;
  const failedQuery = `WorkflowType = '${SCHEDULED_CHANGE_WORKFLOW_TYPE}' AND ExecutionStatus != 'Completed' AND ExecutionStatus != 'Running'`;
  const runningQuery = `WorkflowType = '${SCHEDULED_CHANGE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;
  let lastDone = -1;
  let lastChange = Date.now();
  let lastReport = 0;
  for (;;) {
    const [done, failed, running] = await Promise.all([
      countWorkflows(client, completedQuery),
      countWorkflows(client, failedQuery),
      countWorkflows(client, runningQuery),
    ]);
    const now = Date.now();
    if (done !== lastDone) [lastDone, lastChange] = [done, now];
    if (now - lastReport >= PROGRESS_EVERY_MS || done === count || failed > 0) {
      lastReport = now;
      const status = worker.getStatus();
      process.stdout.write(
        `  +${seconds(now - firingAt.getTime())}: ${done} changes done, ${running} running, ${failed} failed; ` +
          `worker: ${status.numInFlightActivities} activities in flight, ${status.numCachedWorkflows} workflows ` +
          `cached; ${refusals()} requests held back past their wait\n`,
      );
    }
    if (done === count) return { outcome: 'done', done, failed };
    if (failed > 0) return { outcome: 'failed', done, failed };
    if (done + running > 0 && now - lastChange >= STALL_MS) return { outcome: 'stalled', done, failed };
    if (now - firingAt.getTime() >= timeoutMs) return { outcome: 'timedOut', done, failed };
    await sleep(2_000);
  }
}

/** Modify orders per seeded service, as the sandbox counted them: "1 order: 1000 services". */
function ordersPerService(orders: { serviceId: string; action: string }[], serviceIds: string[]): Map<number, number> {
  const perService = new Map(serviceIds.map((id) => [id, 0]));
  for (const order of orders) {
    if (order.action === 'modify' && perService.has(order.serviceId)) {
      perService.set(order.serviceId, (perService.get(order.serviceId) ?? 0) + 1);
    }
  }
  const histogram = new Map<number, number>();
  for (const n of perService.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
  return histogram;
}

function describeRequests(label: string, entries: RequestLogEntry[], ceiling: number): string {
  if (entries.length === 0) return `  ${label}: no requests\n`;
  const peak = busiestSecond(entries);
  const first = Date.parse(entries[0].at);
  const last = Date.parse(entries[entries.length - 1].at);
  const refused = entries.filter((entry) => entry.status < 200 || entry.status >= 300).length;
  return (
    `  ${label}: ${entries.length} requests over ${seconds(last - first)}; busiest second ${peak.requests} ` +
    `(ceiling ${ceiling}, from ${peak.from}); ${refused} not answered 2xx\n`
  );
}

export async function run(): Promise<void> {
  const count = setting('BENCH_CALENDAR_SERVICES', 1_000);
  const leadMs = setting('BENCH_CALENDAR_LEAD', 30) * 1_000;
  const timeoutMs = setting('BENCH_CALENDAR_TIMEOUT', 30) * 60_000;
  quietRuntime();
  const keys = benchPayloadKeys();
  const payloadCodec = benchPayloadCodec(keys);
  const [workflowBundle, temporal, sandbox] = await Promise.all([
    bundleProvisioning(payloadCodec),
    startDevEnvironment(dataConverterFor(payloadCodec)),
    startSandboxProcess({
      SANDBOX_ACTIVATION_DELAY: '0 seconds',
      SANDBOX_REQUEST_LOG_LIMIT: String(count * 20 + 10_000),
    }),
  ]);
  const taskQueue = 'bench-calendars';
  const config = readWorkerConfig({
    ...workerEnvironment(temporal, taskQueue, sandbox.url),
    PAYLOAD_CODEC_KEYS: keys,
    WORKER_SHUTDOWN_GRACE: '1 second',
    LUMEN_MAX_REQUESTS_PER_SECOND: process.env.LUMEN_MAX_REQUESTS_PER_SECOND,
  });
  const ceiling = config.lumen.maxRequestsPerSecond;
  const client = temporal.client;
  const held = ceilingRefusalCounter();
  const receiver = await startRegisteredReceiver(client, sandbox.admin);
  const { worker, stop } = await runWorker(config, { temporal, workflowBundle, logger: held.logger });
  try {
    process.stdout.write(
      `calendar-burst: ${count} services, each with a calendar firing in the same minute; ceiling ` +
        `${ceiling} requests/s (LUMEN_MAX_REQUESTS_PER_SECOND); real worker + receiver + sandbox process ` +
        `(no delays, no change cap), dev server\n`,
    );
    const services = await sandbox.admin.seedServices({
      customerNumber: SANDBOX_CUSTOMER,
      masterSiteId: MONROE_SITE,
      speed: FROM_SPEED,
      count,
    });
    const serviceIds = services.map((service) => service.serviceId);
    await sandbox.admin.clearRequests();

    const adoptStarted = Date.now();
    await eachAtMost(serviceIds, CREATE_CONCURRENCY, (serviceId) =>
      adoptService(client, { serviceId, customerNumber: SANDBOX_CUSTOMER }, { taskQueue }),
    );
    const activeQuery = `WorkflowType = '${SERVICE_WORKFLOW_TYPE}' AND LumenStep = 'ACTIVE'`;
    while ((await countWorkflows(client, activeQuery)) < count) await sleep(1_000);
    const adoption = await sandbox.admin.requests();
    process.stdout.write(
      `  adopted ${count} services (each read from inventory once) in ${seconds(Date.now() - adoptStarted)}\n`,
    );
    process.stdout.write(describeRequests('adoption, as Lumen saw it', adoption, ceiling));

    const firingAt = firingMinuteAfter(count * SCHEDULE_MS_ESTIMATE + leadMs);
    const cron = `${firingAt.getUTCMinutes()} ${firingAt.getUTCHours()} * * *`;
    const schedulesStarted = Date.now();
    await eachAtMost(serviceIds, CREATE_CONCURRENCY, (serviceId) =>
      addBandwidthSchedule(
        client,
        { serviceId, name: SCHEDULE_NAME, speed: TO_SPEED, cron, timezone: 'UTC' },
        { taskQueue },
      ),
    );
    const madeIn = Date.now() - schedulesStarted;
    process.stdout.write(
      `  made ${count} schedules ("${cron}", UTC) in ${seconds(madeIn)}; firing at ${firingAt.toISOString()}\n`,
    );
    if (Date.now() > firingAt.getTime() - 2_000) {
      throw new Error(
        `the schedules were made too late for ${firingAt.toISOString()} (${Math.round(madeIn / count)} ms each): ` +
          'raise BENCH_CALENDAR_LEAD',
      );
    }
    await sandbox.admin.clearRequests();
    await sleep(firingAt.getTime() - Date.now());

    const progress = await awaitChanges(client, worker, count, firingAt, timeoutMs, () => held.counter.refusals);
    await report({ client, sandbox, serviceIds, firingAt, ceiling, progress, refusals: held.counter.refusals });
  } finally {
    await stop();
    await receiver.close();
    await sandbox.close();
    await temporal.teardown();
  }
}

async function report(r: {
  client: Client;
  sandbox: SandboxProcess;
  serviceIds: string[];
  firingAt: Date;
  ceiling: number;
  progress: Progress & { outcome: string };
  refusals: number;
}): Promise<void> {
  const { client, sandbox, serviceIds, firingAt, ceiling, progress } = r;
  const count = serviceIds.length;
  const firingMs = firingAt.getTime();
  const firings = await firingsOf(client);
  const starts = firings.map((f) => f.startTime.getTime() - firingMs).sort((a, b) => a - b);
  if (starts.length > 0) {
    process.stdout.write(
      `  ${firings.length} firings started ${seconds(starts[0])} to ${seconds(starts[starts.length - 1])} after the minute\n`,
    );
  }
  const completed = firings.filter((f) => f.status === 'COMPLETED');
  const results = await eachAtMost(
    completed,
    CREATE_CONCURRENCY,
    (f) => client.workflow.getHandle(f.workflowId).result() as Promise<ChangeResult>,
  );
  const activeAt = results
    .filter((result) => result.status === 'ACTIVE' && result.speed === TO_SPEED)
    .map((result) => Date.parse(result.completedAt) - firingMs)
    .sort((a, b) => a - b);
  if (activeAt.length > 0) {
    const median = activeAt[Math.floor(activeAt.length / 2)];
    process.stdout.write(
      `  ${activeAt.length} of ${count} changes ACTIVE at ${TO_SPEED}; the last ${seconds(activeAt[activeAt.length - 1])} ` +
        `after the firing minute (median ${seconds(median)})\n`,
    );
  }

  const [orders, services, requests] = await Promise.all([
    sandbox.admin.orders(),
    sandbox.admin.services(),
    sandbox.admin.requests(),
  ]);
  const histogram = ordersPerService(orders, serviceIds);
  const perService = [...histogram].sort((a, b) => a[0] - b[0]).map(([orders, n]) => `${orders} order: ${n}`);
  process.stdout.write(`  modify orders per service, as the sandbox counted them: ${perService.join(', ')}\n`);
  const wanted = new Set(serviceIds);
  const changed = services.filter((s) => wanted.has(s.serviceId) && s.status === 'Active' && s.mbps === TO_MBPS);
  process.stdout.write(`  ${changed.length} of ${count} services Active at ${TO_SPEED} in the sandbox\n`);
  process.stdout.write(describeRequests('the burst, as Lumen saw it', requests, ceiling));
  const endpoints = requestsByEndpoint(requests).map(([endpoint, n]) => `${endpoint} ${n}`);
  process.stdout.write(`  by endpoint: ${endpoints.join(', ')}; ${(requests.length / count).toFixed(2)} a change\n`);
  process.stdout.write(`  requests held back past their wait by the ceiling (sent later): ${r.refusals}\n`);

  const problems: string[] = [];
  if (progress.outcome !== 'done')
    problems.push(`the changes ${progress.outcome} with ${progress.done} of ${count} done`);
  if (histogram.get(1) !== count) problems.push('not every service got exactly one modify order');
  if (busiestSecond(requests).requests > ceiling) problems.push(`Lumen saw more than ${ceiling} requests in a second`);
  if (problems.length > 0) throw new Error(`calendar-burst: ${problems.join('; ')}`);
}

if (require.main === module) exitWhenDone(run());
