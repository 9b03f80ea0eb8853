// Provisionings per second on this machine: N provisionings through the real worker (workers/), the
// webhook receiver (webhooks/) and the Lumen sandbox with zero delays, on a local dev server, activated
// by webhook. Each variant runs on the same server and sandbox in one run: with payload encryption and
// without, so the codec's cost is the difference; rounds alternate the order and the median is reported,
// so a machine shared with other work skews both alike. Tunable with BENCH_PROVISIONINGS (N, default
// 200), BENCH_PROVISIONING_CONCURRENCY (started at once, default all), BENCH_PROVISIONING_CODEC (on, off
// or both, the default), BENCH_PROVISIONING_ROUNDS (default 3) and BENCH_PROVISIONING_WARMUP
// (provisionings before each measurement, default 20); the worker's WORKER_* tuning variables apply.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { defaultPayloadConverter } from '@temporalio/common';
import { dataConverterFor } from '../codec/data-converter';
import { EncryptionCodec } from '../codec/encryption-codec';
import type { PayloadCodecSettings } from '../codec/settings';
import { workflowIdFor } from '../domain/names';
import type { ProvisioningRequestInput } from '../domain/request';
import type { ProvisioningResult } from '../domain/status';
import type { SandboxAdmin } from '../sandbox/admin-client';
import { createSandbox } from '../sandbox/server';
import { startDevEnvironment } from '../test/env/temporal';
import { createWebhookReceiver } from '../webhooks/server';
import { createWorker } from '../workers/worker';
import { benchPayloadCodec, bundleProvisioning, inProcessWorkerConfig } from './bench-worker';
import { quietRuntime, silentLogger } from './quiet';
import { startReceiverProcess } from './receiver-process';
import { startSandboxProcess } from './sandbox-process';
import { benchTuning, setting } from './settings';
import { median, percentile } from './statistics';
import { benchRequest } from './bench-request';
import type { CannedLumen } from './canned-lumen';
import { exitWhenDone } from './exit-when-done';

/** One way of running provisionings to measure; more variants (bare workflows, say) can join the list. */
export interface Variant {
  label: string;
  payloadCodec: PayloadCodecSettings;
}

export interface Measurement {
  label: string;
  /** Where its provisionings ran, to find their histories by. */
  taskQueue: string;
  provisionings: number;
  seconds: number;
  perSecond: number;
  /** Start to result, per provisioning. */
  latencyMs: { p50: number; p99: number };
}

/** The Lumen sandbox, in this process or its own (then with its pid). */
export interface BenchSandbox {
  url: string;
  admin: SandboxAdmin;
  pid?: number;
  close(): Promise<void>;
}

export interface BenchStack {
  temporal: TestWorkflowEnvironment;
  sandbox: BenchSandbox;
  /** The webhook receiver runs in its own process (`npm run webhooks`), not in this one. */
  receiverProcess: boolean;
  /** CPU seconds the receiver processes used while they served (start-up not counted). */
  receiverCpuSeconds: number;
  close(): Promise<void>;
}

export const ENCRYPTED: Variant = {
  label: 'with the codec (AES-256-GCM)',
  payloadCodec: benchPayloadCodec(),
};
export const PLAIN: Variant = { label: 'without the codec', payloadCodec: { encryption: 'off' } };

/**
 * A dev server and a sandbox that settles orders at once; with `ownProcesses` the sandbox and each
 * receiver run in processes of their own, so what each costs can be told apart.
 */
export async function startBenchStack(options: { ownProcesses?: boolean } = {}): Promise<BenchStack> {
  const [temporal, sandbox] = await Promise.all([
    startDevEnvironment({}), // each variant brings its own client
    options.ownProcesses
      ? startSandboxProcess({ SANDBOX_ACTIVATION_DELAY: '0 seconds', SANDBOX_REQUEST_LOG_LIMIT: '1000' })
      : createSandbox({ port: 0, activationDelayMs: 0 }),
  ]);
  return {
    temporal,
    sandbox,
    receiverProcess: options.ownProcesses === true,
    receiverCpuSeconds: 0,
    close: async () => {
      await sandbox.close();
      await temporal.teardown();
    },
  };
}

/** The variables that give a receiver process the variant's payload settings. */
function payloadCodecEnvironment(settings: PayloadCodecSettings): Record<string, string> {
  if (settings.encryption === 'off') return { PAYLOAD_CODEC: 'off' };
  return {
    PAYLOAD_CODEC_KEYS: settings.keys.map((key) => `${key.id}:${key.key.export().toString('base64')}`).join(','),
  };
}

// The default polling, every 5 minutes from the order: with no delays the webhook comes long before the
// first poll, as it does for most real orders.
const request = (requestId: string) =>
  benchRequest(requestId, 'Bench', { pollInterval: '5 minutes', activationTimeout: '10 minutes' });

/**
 * A worker, a receiver registered with the sandbox and a client, all with the variant's payload settings;
 * with a canned Lumen, the worker asks it instead of the sandbox, and no receiver is needed.
 */
async function variantParts(
  stack: BenchStack,
  variant: Variant,
  workflowBundle: WorkflowBundle,
  taskQueue: string,
  canned?: (client: Client) => CannedLumen,
) {
  const { temporal, sandbox } = stack;
  const dataConverter = dataConverterFor(variant.payloadCodec);
  const client = new Client({ connection: temporal.connection, namespace: temporal.namespace, dataConverter });
  const config = inProcessWorkerConfig(temporal, {
    taskQueue,
    lumenUrl: sandbox.url,
    payloadCodec: variant.payloadCodec,
    tuning: benchTuning(),
  });
  const lumen = canned?.(client);
  const { worker, close } = await createWorker(config, {
    connection: temporal.nativeConnection,
    workflowBundle,
    logger: silentLogger,
    ...(lumen ? { lumen: lumen.api } : {}),
  });
  if (lumen)
    return { client, worker, close, orders: (prefix: string) => Promise.resolve(lumen.ordersStartingWith(prefix)) };
  const secret = randomBytes(32).toString('hex');
  const receiver = stack.receiverProcess
    ? await startReceiverProcess(temporal.address, temporal.namespace ?? 'default', {
        WEBHOOK_SECRET: secret,
        ...payloadCodecEnvironment(variant.payloadCodec),
      })
    : await createWebhookReceiver({ client, secret, port: 0, logger: silentLogger });
  const receiverCpu = 'cpuSeconds' in receiver ? receiver.cpuSeconds : undefined;
  const receiverCpuAtStart = (await receiverCpu?.()) ?? 0;
  await sandbox.admin.reset();
  await sandbox.admin.setWebhook({ url: receiver.url, secret });
  return {
    client,
    worker,
    orders: async (prefix: string) =>
      (await sandbox.admin.orders()).filter((order) => order.externalId.startsWith(prefix)).length,
    async close() {
      if (receiverCpu) stack.receiverCpuSeconds += (await receiverCpu()) - receiverCpuAtStart;
      await receiver.close();
      await close();
    },
  };
}

/** `count` provisionings, `concurrency` at a time, each from start to its ACTIVE result. */
async function provisionAll(client: Client, taskQueue: string, count: number, concurrency: number, tag: string) {
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const requestId = `${tag}-${next++}`;
      const started = performance.now();
      const handle = await client.workflow.start<(r: ProvisioningRequestInput) => Promise<ProvisioningResult>>(
        'provisionInternetOnDemand',
        { taskQueue, workflowId: workflowIdFor(requestId), args: [request(requestId)] },
      );
      const result = await handle.result();
      if (result.status !== 'ACTIVE') throw new Error(`${requestId} ended ${String(result.status)}`);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

/** Measures one variant on `stack`: a warm-up, then `count` provisionings that must each order exactly once. */
export async function measureProvisionings(
  stack: BenchStack,
  variant: Variant,
  options: {
    count: number;
    concurrency: number;
    warmup: number;
    workflowBundle?: WorkflowBundle;
    /** Lumen answered in this process instead of by the sandbox over HTTP, and no receiver. */
    cannedLumen?: (client: Client) => CannedLumen;
  },
): Promise<Measurement> {
  const workflowBundle = options.workflowBundle ?? (await bundleProvisioning(variant.payloadCodec));
  // Request ids are at most 20 characters and single-use: a short tag per measurement.
  const tag = `B${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`;
  const taskQueue = `bench-${tag}`;
  const parts = await variantParts(stack, variant, workflowBundle, taskQueue, options.cannedLumen);
  try {
    return await parts.worker.runUntil(async () => {
      if (options.warmup > 0)
        await provisionAll(parts.client, taskQueue, options.warmup, options.concurrency, `${tag}W`);
      const run = await provisionAll(parts.client, taskQueue, options.count, options.concurrency, tag);
      const orders = await parts.orders(`${tag}-`);
      if (orders !== options.count) throw new Error(`${orders} orders for ${options.count} provisionings`);
      return {
        label: variant.label,
        taskQueue,
        provisionings: options.count,
        seconds: run.seconds,
        perSecond: options.count / run.seconds,
        latencyMs: { p50: percentile(run.latencies, 50), p99: percentile(run.latencies, 99) },
      };
    });
  } finally {
    await parts.close();
  }
}

function variantsFromEnvironment(): Variant[] {
  const codec = (process.env.BENCH_PROVISIONING_CODEC ?? 'both').trim().toLowerCase();
  if (codec === 'on') return [ENCRYPTED];
  if (codec === 'off') return [PLAIN];
  if (codec === 'both') return [PLAIN, ENCRYPTED];
  throw new Error('BENCH_PROVISIONING_CODEC must be on, off or both');
}

function describe(m: Measurement): string {
  return (
    `${m.perSecond.toFixed(1)} provisionings/s (${m.seconds.toFixed(2)} s; latency ms p50 ` +
    `${m.latencyMs.p50.toFixed(0)}, p99 ${m.latencyMs.p99.toFixed(0)})`
  );
}

/** The codec alone: microseconds to encrypt and decrypt one request payload, for scale. */
async function codecRoundTripMicros(): Promise<number> {
  if (ENCRYPTED.payloadCodec.encryption === 'off') return 0;
  const codec = new EncryptionCodec(ENCRYPTED.payloadCodec.keys);
  const payload = defaultPayloadConverter.toPayload(request('BENCH-CODEC'));
  const rounds = 20_000;
  for (let i = 0; i < 1_000; i++) await codec.decode(await codec.encode([payload]));
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await codec.decode(await codec.encode([payload]));
  return ((performance.now() - started) * 1000) / rounds;
}

export async function run(): Promise<void> {
  const count = setting('BENCH_PROVISIONINGS', 200);
  const concurrency = setting('BENCH_PROVISIONING_CONCURRENCY', count);
  const rounds = setting('BENCH_PROVISIONING_ROUNDS', 3);
  const warmup = Number(process.env.BENCH_PROVISIONING_WARMUP ?? 20);
  const variants = variantsFromEnvironment();
  quietRuntime();
  const bundles = new Map<Variant, WorkflowBundle>();
  for (const variant of variants) {
    bundles.set(variant, await bundleProvisioning(variant.payloadCodec));
  }
  const stack = await startBenchStack();
  const measured = new Map<Variant, Measurement[]>(variants.map((variant) => [variant, []]));
  try {
    process.stdout.write(
      `provisioning: ${count} provisionings, ${concurrency} at a time, ${rounds} rounds, real worker + receiver + ` +
        `sandbox (no delays), dev server\n`,
    );
    for (let round = 1; round <= rounds; round++) {
      // Alternating order: neither variant always runs on the warmer (or busier) machine.
      for (const variant of round % 2 === 1 ? variants : [...variants].reverse()) {
        const m = await measureProvisionings(stack, variant, {
          count,
          concurrency,
          warmup,
          workflowBundle: bundles.get(variant),
        });
        measured.get(variant)!.push(m);
        process.stdout.write(`  round ${round}, ${variant.label}: ${describe(m)}\n`);
      }
    }
    const medians = variants.map((variant) => ({
      variant,
      perSecond: median(measured.get(variant)!.map((m) => m.perSecond)),
    }));
    for (const { variant, perSecond } of medians) {
      process.stdout.write(`  median, ${variant.label}: ${perSecond.toFixed(1)} provisionings/s\n`);
    }
    if (medians.length === 2) {
      const [plain, encrypted] = medians;
      const cost = (1 - encrypted.perSecond / plain.perSecond) * 100;
      process.stdout.write(`  the codec's cost on throughput (medians): ${cost.toFixed(1)}%\n`);
    }
    if (variants.includes(ENCRYPTED)) {
      const micros = await codecRoundTripMicros();
      process.stdout.write(`  the codec alone: ${micros.toFixed(1)} µs to encrypt and decrypt one request payload\n`);
    }
  } finally {
    await stack.close();
  }
}

if (require.main === module) exitWhenDone(run());
