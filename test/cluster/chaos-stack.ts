// Everything a chaos test needs, each part a real process where the fault kills one: a two-node
// cluster on PostgreSQL, the Lumen sandbox, two `npm run worker` processes and two `npm run
// webhooks` processes (the first of each on node 1, the second on node 2), the sandbox sending
// its webhooks to both receivers with failover.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCluster, type RunningCluster } from '../../local-cluster/cluster';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { freePorts } from '../env/free-port';
import { sandboxWorkerEnv, startWorkerProcess, type WorkerProcess } from '../workflow/worker-process';
import { freeClusterLayout } from './free-layout';
import { startReceiverProcess, type ReceiverProcess } from './receiver-process';
import { testDataConverter } from '../env/codec';

export const TASK_QUEUE = 'lumen-iod-chaos';
export const WEBHOOK_SECRET = 'chaos-webhook-secret-0123456789';
const QUOTE_VALIDITY_MS = 60_000;
const NODES = 2;

/** Started with start(); close() stops whatever did start, even after a start that failed half-way. */
export class ChaosStack {
  cluster!: RunningCluster;
  sandbox!: Sandbox;
  /** A client per node, node 1 first. */
  clients: Client[] = [];
  workers: WorkerProcess[] = [];
  receivers: ReceiverProcess[] = [];
  private dataDir?: string;
  private connections: Connection[] = [];
  private receiverPorts: number[] = [];
  private readonly clusterLog: string[] = [];
  private readonly retired: { output(): string }[] = [];

  constructor(private readonly options: { activationDelayMs: number }) {}

  async start(): Promise<void> {
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'cluster-chaos-'));
    // Reachable by the account PostgreSQL runs as when the tests run as root (mkdtemp makes it 0700).
    await chmod(this.dataDir, 0o755);
    const [{ nodes }, [postgresPort, ...receiverPorts]] = await Promise.all([
      freeClusterLayout(NODES),
      freePorts(1 + NODES),
    ]);
    this.receiverPorts = receiverPorts;
    this.cluster = await startCluster({
      dataDir: this.dataDir,
      postgresPort,
      nodes,
      namespace: 'default',
      log: (line) => this.clusterLog.push(line),
    });
    this.sandbox = await createSandbox({
      port: 0,
      quoteValidityMs: QUOTE_VALIDITY_MS,
      activationDelayMs: this.options.activationDelayMs,
    });
    this.connections = await Promise.all(this.cluster.addresses.map((address) => Connection.connect({ address })));
    this.clients = this.connections.map(
      (connection) => new Client({ connection, namespace: this.cluster.namespace, dataConverter: testDataConverter }),
    );
    await Promise.all([0, 1].flatMap((index) => [this.restartWorker(index), this.restartReceiver(index)]));
    await this.sandbox.admin.setWebhook({ urls: this.receivers.map((r) => r.url), secret: WEBHOOK_SECRET });
  }

  /** Starts worker `index` (again, after a kill), on its own node. */
  async restartWorker(index: number): Promise<void> {
    if (this.workers[index]) this.retired.push(this.workers[index]);
    this.workers[index] = startWorkerProcess({
      ...sandboxWorkerEnv({
        temporalAddress: this.cluster.addresses[index],
        namespace: this.cluster.namespace,
        taskQueue: TASK_QUEUE,
        sandboxUrl: this.sandbox.url,
      }),
      LUMEN_QUOTE_VALIDITY: `${QUOTE_VALIDITY_MS / 1000} seconds`,
    });
    await this.workers[index].running;
  }

  async restartReceiver(index: number): Promise<void> {
    if (this.receivers[index]) this.retired.push(this.receivers[index]);
    this.receivers[index] = startReceiverProcess({
      TEMPORAL_ADDRESS: this.cluster.addresses[index],
      TEMPORAL_NAMESPACE: this.cluster.namespace,
      WEBHOOK_PORT: String(this.receiverPorts[index]),
      WEBHOOK_SECRET,
      LOG_LEVEL: 'info',
    });
    await this.receivers[index].running;
  }

  /** What the stack's processes printed last, for a failing test's message. */
  output(): string {
    return [
      ...this.clusterLog,
      ...(this.cluster?.nodes ?? []).map((node) => `${node.name}: ${node.lastLines()}`),
      ...[...this.retired, ...this.workers, ...this.receivers].map((part) => part.output().slice(-2_000)),
    ].join('\n');
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers, ...this.receivers].map((part) => part.kill()));
    await Promise.all(this.connections.map((connection) => connection.close()));
    await this.sandbox?.close();
    await this.cluster?.stop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}
