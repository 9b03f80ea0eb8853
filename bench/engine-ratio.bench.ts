// Throughput against the engine: N provisionings through the project (worker, receiver, sandbox with no
// delays) and N bare workflows of the provisioning's own shape (bench/bare-shape: six local activities,
// one scheduled activity, one signal, a local activity starting a second workflow that then waits;
// nothing else) on the same dev server in one run, rounds alternating; prints both rates, their ratio,
// and what one provisioning costs as Temporal Cloud bills it (from a real history). Tunable with
// BENCH_RATIO_WORKFLOWS (N, default 200), BENCH_RATIO_ROUNDS (default 3) and BENCH_RATIO_CONCURRENCY
// (default all at once); both workers take the worker's WORKER_* tuning. Payloads unencrypted on both
// sides, so the comparison is of the work alone. The sandbox and the receiver run in processes of their
// own, and each round says the CPU each process used per workflow: the dev server's, the sandbox's, the
// receiver's (while it served) and this process's (the worker, with the bench's client). A third
// measurement each round tells the parts apart: the same provisionings with Lumen answered in the
// worker's process (bench/canned-lumen.ts: no HTTP to Lumen, no receiver, the order's two events
// signalled by the bench's client as the bare shape's are), so its ratio is the workflow and activity
// code's alone, and the difference from the first is Lumen's HTTP and the receiver.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { billableActions } from './billable-actions';
import { workerOptionsFor } from '../workers/tuning';
import { descendantNamed, treeCpuSeconds } from './process-usage';
import { bareActivities } from './bare-shape/activities';
import { measureProvisionings, PLAIN, startBenchStack, type BenchStack } from './provisioning.bench';
import { benchTuning, setting } from './settings';
import { silentBundler } from './quiet';
import { median } from './statistics';
import { bundleProvisioning } from './bench-worker';
import { exitWhenDone } from './exit-when-done';
import { cannedLumen } from './canned-lumen';
import { LumenClient } from '../lumen/client';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from '../sandbox/server';

/** Each process's median over the rounds: "worker 30.1, dev server 25.0, …". */
function medianCpu(rounds: Record<string, number>[]): string {
  const names = [...new Set(rounds.flatMap((round) => Object.keys(round)))];
  return names.map((name) => `${name} ${median(rounds.map((round) => round[name] ?? 0)).toFixed(1)}`).join(', ');
}

export async function measureBare(
  stack: BenchStack,
  count: number,
  concurrency: number,
  workflowBundle: WorkflowBundle,
): Promise<{ perSecond: number; taskQueue: string }> {
  const client = new Client({ connection: stack.temporal.connection, namespace: stack.temporal.namespace });
  const taskQueue = `bare-${randomBytes(3).toString('hex')}`;
  const worker = await Worker.create({
    connection: stack.temporal.nativeConnection,
    namespace: stack.temporal.namespace,
    taskQueue,
    workflowBundle,
    activities: bareActivities(client),
    ...workerOptionsFor(benchTuning()),
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
    return { perSecond: count / ((performance.now() - started) / 1000), taskQueue };
  });
}

/**
 * CPU seconds each process used from now to `report()`, per item of work: the dev server, the sandbox,
 * the receivers (as the stack counts them) and this process, the worker.
 */
async function processMeter(stack: BenchStack, devServer: number | undefined) {
  const trees = { 'dev server': devServer, sandbox: stack.sandbox.pid };
  const read = async (): Promise<Record<string, number>> => ({
    ...Object.fromEntries(
      await Promise.all(
        Object.entries(trees).map(async ([name, pid]) => [name, pid === undefined ? 0 : await treeCpuSeconds(pid)]),
      ),
    ),
    receiver: stack.receiverCpuSeconds,
  });
  const atStart = await read();
  const ownAtStart = process.cpuUsage();
  return {
    /** Milliseconds per item for each process, the worker first; processes that did nothing are left out. */
    async report(items: number): Promise<{ text: string; msEach: Record<string, number> }> {
      const own = process.cpuUsage(ownAtStart);
      const now = await read();
      const msEach: Record<string, number> = { worker: (own.user + own.system) / 1000 / items };
      for (const [name, seconds] of Object.entries(now)) {
        const used = seconds - atStart[name];
        if (used > 0) msEach[name] = (used * 1000) / items;
      }
      const total = Object.values(msEach).reduce((a, b) => a + b, 0);
      const text = `${Object.entries(msEach)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
        .join(', ')}; total ${total.toFixed(1)} ms each`;
      return { text, msEach: { ...msEach, total } };
    },
  };
}

/**
 * What one workflow of `workflowType` on `taskQueue` costs, from the histories of up to `sample` completed
 * ones, grouped by shape: runs differ by whether Lumen's events came before the order's workflow task.
 */
async function costOfOne(stack: BenchStack, workflowType: string, taskQueue: string, sample = 100): Promise<string> {
  const client = new Client({ connection: stack.temporal.connection, namespace: stack.temporal.namespace });
  const shapes = new Map<string, number>();
  let read = 0;
  for await (const execution of client.workflow.list({
    query: `WorkflowType="${workflowType}" AND TaskQueue="${taskQueue}" AND ExecutionStatus="Completed"`,
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
  if (read === 0) return ' none completed to read';
  return [...shapes.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([shape, n]) => `\n    ${n} of ${read}: ${shape}`)
    .join('');
}

/** One kind of workflow the bench measures each round, and what its rounds gave. */
interface Kind {
  label: string;
  workflowType: string;
  measure(): Promise<{ perSecond: number; taskQueue: string; items: number }>;
  rates: number[];
  /** Each round's CPU ms per item, by process. */
  cpu: Record<string, number>[];
  /** The last round's task queue, whose histories say what one workflow cost. */
  lastTaskQueue: string;
}

function kind(label: string, workflowType: string, measure: Kind['measure']): Kind {
  return { label, workflowType, measure, rates: [], cpu: [], lastTaskQueue: '' };
}

export async function run(): Promise<void> {
  const count = setting('BENCH_RATIO_WORKFLOWS', 200);
  const rounds = setting('BENCH_RATIO_ROUNDS', 3);
  const concurrency = setting('BENCH_RATIO_CONCURRENCY', count);
  const stack = await startBenchStack({ ownProcesses: true });
  const lumen = new LumenClient({
    baseUrl: stack.sandbox.url,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: DEFAULT_CONSUMER_SECRET,
  });
  try {
    process.stdout.write(
      `engine-ratio: ${count} provisionings and ${count} bare workflows, ${concurrency} at a time, ${rounds} rounds, one dev server\n`,
    );
    // Bundled once, before any measurement: bundling is start-up work, not the workflows'.
    const bundles = {
      ours: await bundleProvisioning(PLAIN.payloadCodec),
      bare: await bundleWorkflowCode({
        workflowsPath: require.resolve('./bare-shape/workflows'),
        logger: silentBundler,
      }),
    };
    const devServer = await descendantNamed(process.pid, 'temporal');
    const warmup = 10;
    const provisionings = (cannedLumenFor?: Parameters<typeof measureProvisionings>[2]['cannedLumen']) => async () => {
      const m = await measureProvisionings(stack, PLAIN, {
        count,
        concurrency,
        warmup,
        workflowBundle: bundles.ours,
        ...(cannedLumenFor ? { cannedLumen: cannedLumenFor } : {}),
      });
      return { perSecond: m.perSecond, taskQueue: m.taskQueue, items: count + warmup };
    };
    const ours = kind('provisionings', 'provisionInternetOnDemand', provisionings());
    const bare = kind('bare workflows', 'bareProvisioning', async () => ({
      ...(await measureBare(stack, count, concurrency, bundles.bare)),
      items: count,
    }));
    const inProcess = kind(
      'provisionings with Lumen in process',
      'provisionInternetOnDemand',
      provisionings((client) => cannedLumen(lumen, client)),
    );
    for (let round = 1; round <= rounds; round++) {
      // Alternating order: neither always runs on the warmer (or busier) machine.
      const kinds = [ours, bare, inProcess];
      for (const each of round % 2 === 1 ? kinds : kinds.reverse()) {
        const cpu = await processMeter(stack, devServer);
        const m = await each.measure();
        each.rates.push(m.perSecond);
        each.lastTaskQueue = m.taskQueue;
        const used = await cpu.report(m.items);
        each.cpu.push(used.msEach);
        process.stdout.write(`  round ${round}, ${each.label}: ${m.perSecond.toFixed(1)}/s; CPU ms ${used.text}\n`);
      }
    }
    const ratio = median(ours.rates) / median(bare.rates);
    process.stdout.write(
      `  median: provisionings ${median(ours.rates).toFixed(1)}/s, bare ${median(bare.rates).toFixed(1)}/s, ratio ${ratio.toFixed(2)}\n`,
    );
    process.stdout.write(
      `  median CPU ms per provisioning: ${medianCpu(ours.cpu)}; per bare workflow: ${medianCpu(bare.cpu)}\n`,
    );
    process.stdout.write(
      `  with Lumen in process (no HTTP to Lumen, no receiver): provisionings ${median(inProcess.rates).toFixed(1)}/s, ` +
        `ratio ${(median(inProcess.rates) / median(bare.rates)).toFixed(2)}; CPU ms ${medianCpu(inProcess.cpu)}\n`,
    );
    const shapes: [string, Kind][] = [
      ['one provisioning (webhook activation, happy path)', ours],
      ['one provisioning with Lumen in process', inProcess],
      ['one bare workflow', bare],
    ];
    for (const [what, each] of shapes) {
      const byShape = await costOfOne(stack, each.workflowType, each.lastTaskQueue);
      process.stdout.write(`  ${what}, last round, by shape:${byShape}\n`);
    }
  } finally {
    await lumen.close();
    await stack.close();
  }
}

if (require.main === module) exitWhenDone(run());
