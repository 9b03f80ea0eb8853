// Ports for a test cluster: Temporal's membership ports must stay at or below 32767, under the
// range the system hands out for "any free port", so a free block is looked for by binding.
import net from 'node:net';
import { allPorts, MAX_MEMBERSHIP_PORT, nodePortsFrom, type NodePorts } from '../../local-cluster/ports';

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port whose whole two-node layout is free right now. */
export async function freeClusterLayout(nodeCount = 2): Promise<{ base: number; nodes: NodePorts[] }> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * (MAX_MEMBERSHIP_PORT - 20_000 - 10 * (nodeCount + 1)));
    const nodes = nodePortsFrom(base, nodeCount);
    const free = await Promise.all(allPorts(nodes).map(bindable));
    if (free.every(Boolean)) return { base, nodes };
  }
}
