// `npm run cluster`: a PostgreSQL-backed Temporal cluster of two server nodes on this machine.
// Prints one line `cluster ready: TEMPORAL_ADDRESS=<host:port>,<host:port>` once both frontends
// serve the namespace; Ctrl-C stops the nodes, then PostgreSQL; starting again finds the data again.
import path from 'node:path';
import { startCluster } from '../local-cluster/cluster';
import { ClusterConfigError, readClusterConfig } from '../local-cluster/config';
import { describeExit } from '../local-cluster/supervised-process';
import { ShutdownList } from '../local-stack/shutdown';

const say = (line: string) => process.stdout.write(`[cluster] ${line}\n`);
const shutdown = new ShutdownList();
let stopping = false;

// A terminal's Ctrl-C can arrive twice (directly, and relayed by tsx): the nodes and PostgreSQL run
// in their own process groups, so this process must live until it has stopped them.
function stopOnSignals(): void {
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return say(`${signal} received; still stopping`);
    stopping = true;
    say(`${signal} received, stopping`);
    void shutdown.stopAll(say).then(() => process.exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

async function main(): Promise<void> {
  const config = readClusterConfig(process.env);
  const started = Date.now();
  stopOnSignals();
  say(`data in ${path.relative(process.cwd(), config.dataDir) || '.'}`);
  const cluster = await startCluster({ ...config, log: say });
  shutdown.add('the cluster', cluster.stop);
  for (const node of cluster.nodes) {
    // A node that dies is reported; the other keeps serving, as a cluster should.
    void node.exited.then((exit) => {
      if (!stopping) say(`${node.name} stopped (${describeExit(exit)}); its log: ${node.logFile}`);
    });
  }
  say(`logs in ${cluster.logDir}; started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`worker: TEMPORAL_ADDRESS=${cluster.addresses[0]} npm run worker`);
  process.stdout.write(`cluster ready: TEMPORAL_ADDRESS=${cluster.addresses.join(',')}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ClusterConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`[cluster] ${message}\n`);
  stopping = true;
  void shutdown.stopAll(say).then(() => process.exit(1));
});
