// Throughput against the engine: N provisionings through the project (worker, receiver, sandbox with no
// delays) and N bare workflows of the same shape (bench/bare-shape: eight activities and one signal,
// nothing else) on the same dev server in one run, rounds alternating; prints both rates, their ratio,
// and what one provisioning costs as Temporal Cloud bills it (from a real history). Tunable with
// BENCH_RATIO_WORKFLOWS (N, default 200), BENCH_RATIO_ROUNDS (default 3) and BENCH_RATIO_CONCURRENCY
// (default all at once). Payloads unencrypted on both sides, so the comparison is of the work alone.
// Each round also says the CPU each side used per workflow: the dev server's, and this process's (the
// worker, and for provisionings the sandbox and the receiver too), to show where the difference goes.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { provisioningBundleOptions } from '../workers/worker';
import { billableActions } from './billable-actions';
import { cpuMeter, descendantNamed } from './process-usage';
import { bareActivities } from './bare-shape/activities';
import { measureProvisionings, PLAIN, startBenchStack, type BenchStack } from './provisioning.bench';
import { setting } from './settings';

const quietBundler = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measureBare(
  stack: BenchStack,
  count: number,
  concurrency: number,
  workflowBundle: WorkflowBundle,
): Promise<number> {
  const client = new Client({ connection: stack.temporal.connection, namespace: stack.temporal.namespace });
  const taskQueue = `bare-${randomBytes(3).toString('hex')}`;
  const worker = await Worker.create({
    connection: stack.temporal.nativeConnection,
    namespace: stack.temporal.namespace,
    taskQueue,
    workflowBundle,
    activities: bareActivities((workflowId) => client.workflow.getHandle(workflowId).signal('done')),
  });
  return worker.runUntil(async () => {
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const handle = await client.workflow.start('bareProvisioning', {
          taskQueue,
          workflowId: `${taskQueue}-${next++}`,
        });
        await handle.result();
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
    return count / ((performance.now() - started) / 1000);
  });
}

/**
 * What a provisioning costs, from the histories of up to `sample` completed ones, grouped by shape: runs
 * differ by whether the webhook came before the order's workflow task, or the polling fallback's.
 */
async function costOfOne(stack: BenchStack, sample = 100): Promise<string> {
  const client = new Client({ connection: stack.temporal.connection, namespace: stack.temporal.namespace });
  const shapes = new Map<string, number>();
  let read = 0;
  for await (const execution of client.workflow.list({
    query: 'WorkflowType="provisionInternetOnDemand" AND ExecutionStatus="Completed"',
  })) {
    const count = billableActions(await client.workflow.getHandle(execution.workflowId).fetchHistory());
    const kinds = Object.entries(count.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    const shape = `${count.total} billable actions (${kinds}); ${count.events} history events, ${count.workflowTasks} workflow tasks`;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    if (++read === sample) break;
  }
  if (read === 0) return 'no completed provisioning to read';
  return [...shapes.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([shape, n]) => `\n    ${n} of ${read}: ${shape}`)
    .join('');
}

export async function run(): Promise<void> {
  const count = setting('BENCH_RATIO_WORKFLOWS', 200);
  const rounds = setting('BENCH_RATIO_ROUNDS', 3);
  const concurrency = setting('BENCH_RATIO_CONCURRENCY', count);
  const stack = await startBenchStack();
  const ours: number[] = [];
  const bare: number[] = [];
  try {
    process.stdout.write(
      `engine-ratio: ${count} provisionings and ${count} bare workflows, ${concurrency} at a time, ${rounds} rounds, one dev server\n`,
    );
    // Bundled once, before any measurement: bundling is start-up work, not the workflows'.
    const bundles = {
      ours: await bundleWorkflowCode({ ...provisioningBundleOptions(PLAIN.payloadCodec), logger: quietBundler }),
      bare: await bundleWorkflowCode({
        workflowsPath: require.resolve('./bare-shape/workflows'),
        logger: quietBundler,
      }),
    };
    const devServer = { 'dev server': await descendantNamed(process.pid, 'temporal') };
    const warmup = 10;
    for (let round = 1; round <= rounds; round++) {
      const runOurs = async () => {
        const cpu = await cpuMeter(devServer, 'worker, sandbox and receiver');
        const m = await measureProvisionings(stack, PLAIN, {
          count,
          concurrency,
          warmup,
          workflowBundle: bundles.ours,
        });
        ours.push(m.perSecond);
        const used = await cpu.report(count + warmup);
        process.stdout.write(`  round ${round}, provisionings: ${m.perSecond.toFixed(1)}/s; CPU ${used}\n`);
      };
      const runBare = async () => {
        const cpu = await cpuMeter(devServer, 'worker');
        const perSecond = await measureBare(stack, count, concurrency, bundles.bare);
        bare.push(perSecond);
        process.stdout.write(
          `  round ${round}, bare workflows: ${perSecond.toFixed(1)}/s; CPU ${await cpu.report(count)}\n`,
        );
      };
      // Alternating order: neither always runs on the warmer (or busier) machine.
      for (const step of round % 2 === 1 ? [runOurs, runBare] : [runBare, runOurs]) await step();
    }
    const ratio = median(ours) / median(bare);
    process.stdout.write(
      `  median: provisionings ${median(ours).toFixed(1)}/s, bare ${median(bare).toFixed(1)}/s, ratio ${ratio.toFixed(2)}\n`,
    );
    process.stdout.write(`  one provisioning (webhook activation, happy path), by shape:${await costOfOne(stack)}\n`);
  } finally {
    await stack.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
