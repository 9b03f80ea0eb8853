// Signals per second through the webhook receiver on this machine: signed events over loopback HTTP,
// verified, validated, deduped and signalled to running stand-in workflows on a local dev server.
// Tunable with BENCH_WEBHOOK_EVENTS, BENCH_WEBHOOK_CONCURRENCY and BENCH_WEBHOOK_WORKFLOWS.
import { randomBytes } from 'node:crypto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { Agent, request } from 'undici';
import { workflowIdFor } from '../domain/names';
import { createLogger } from '../logging/logger';
import { receivedQuery, recordNotifications } from '../test/webhooks/notification-recorder';
import { orderEvent, signedRequest } from '../test/webhooks/signed-events';
import { startDevEnvironment } from '../test/env/temporal';
import { createWebhookReceiver } from '../webhooks/server';
import { quietRuntime, silentBundler } from './quiet';
import { setting } from './settings';
import { percentile } from './statistics';
import { exitWhenDone } from './exit-when-done';

const TASK_QUEUE = 'webhook-receiver-bench';
interface LoadRun {
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

/** Sends `events` freshly signed events, `concurrency` at a time, after a short warm-up. */
async function drive(
  url: string,
  secret: string,
  agent: Agent,
  externalIds: string[],
  events: number,
  concurrency: number,
): Promise<LoadRun> {
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const send = async (index: number) => {
    const { body, headers } = signedRequest(secret, orderEvent(externalIds[index % externalIds.length], 'inProgress'));
    const started = performance.now();
    const response = await request(url, { method: 'POST', headers, body, dispatcher: agent });
    await response.body.dump();
    latencies.push(performance.now() - started);
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  };
  const sendAll = async (count: number) => {
    let next = 0;
    const lane = async () => {
      while (next < count) await send(next++);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  };
  await sendAll(Math.min(200, events)); // warm-up: connections, JIT, the workflows' first tasks
  statuses.clear();
  latencies.length = 0;
  const started = performance.now();
  await sendAll(events);
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), statuses };
}

function describeRun(run: LoadRun, events: number): string {
  const { latencies } = run;
  const statuses = [...run.statuses].map(([status, count]) => `${status}×${count}`).join(', ');
  return (
    `${(events / run.seconds).toFixed(0)} signals/s (${run.seconds.toFixed(2)} s; latency ms p50 ` +
    `${percentile(latencies, 50).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}; HTTP ${statuses})`
  );
}

export async function run(): Promise<void> {
  const events = setting('BENCH_WEBHOOK_EVENTS', 2_000);
  const concurrency = setting('BENCH_WEBHOOK_CONCURRENCY', 32);
  const workflows = setting('BENCH_WEBHOOK_WORKFLOWS', 20);
  quietRuntime();

  // Unencrypted: the figure is the receiver's own work.
  const env = await startDevEnvironment({});
  const secret = randomBytes(32).toString('hex');
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('../test/webhooks/notification-recorder'),
      logger: silentBundler,
    }),
  });
  const receiver = await createWebhookReceiver({
    client: env.client,
    secret,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('webhooks-bench', { level: 'warn' }),
  });

  try {
    await worker.runUntil(async () => {
      const externalIds = Array.from({ length: workflows }, (_, index) => `BENCH-${index}`);
      const handles = await Promise.all(
        externalIds.map((id) =>
          env.client.workflow.start(recordNotifications, { taskQueue: TASK_QUEUE, workflowId: workflowIdFor(id) }),
        ),
      );
      const temporalRun = await drive(receiver.url, secret, agent, externalIds, events, concurrency);
      const alone = await createWebhookReceiver({
        signaller: { signal: () => Promise.resolve('signalled') },
        secret,
        port: 0,
        logger: createLogger('webhooks-bench', { level: 'warn' }),
      });
      const aloneRun = await drive(alone.url, secret, agent, externalIds, events, concurrency).finally(() =>
        alone.close(),
      );

      const signalled = receiver.metrics.outcome('signalled');
      const recorded = (await Promise.all(handles.map((handle) => handle.query(receivedQuery)))).reduce(
        (sum, list) => sum + list.length,
        0,
      );
      const lines = [
        `webhook receiver: ${events} signed events, concurrency ${concurrency}, ${workflows} workflows, loopback`,
        `  through Temporal: ${describeRun(temporalRun, events)}`,
        `  receiver alone (signal port answers at once): ${describeRun(aloneRun, events)}`,
        `  signals accepted by Temporal: ${signalled}; events the workflows had processed when asked: ${recorded}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      await Promise.all(handles.map((handle) => handle.terminate('benchmark done')));
    });
  } finally {
    await receiver.close();
    await agent.close();
    await env.teardown();
  }
}

if (require.main === module) exitWhenDone(run());
