// The ports one server node listens on. Each node of the cluster has its own set on loopback.

export interface NodePorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export const PORTS_PER_NODE = 9;

/**
 * From one base port: the frontends side by side (base, base + 1, …), so the addresses read as a
 * pair, and each node's other eight ports in a block of ten above them.
 */
export function nodePortsFrom(base: number, nodeCount: number): NodePorts[] {
  return Array.from({ length: nodeCount }, (_, index) => {
    const block = base + 10 * (index + 1);
    return {
      frontend: base + index,
      history: block,
      matching: block + 1,
      worker: block + 2,
      frontendMembership: block + 3,
      historyMembership: block + 4,
      matchingMembership: block + 5,
      workerMembership: block + 6,
      frontendHttp: block + 7,
    };
  });
}

/** The same shape from a list of free ports, `PORTS_PER_NODE` per node (tests pick them at random). */
export function nodePortsFromList(ports: number[]): NodePorts[] {
  const nodes: NodePorts[] = [];
  for (let i = 0; i + PORTS_PER_NODE <= ports.length; i += PORTS_PER_NODE) {
    const [frontend, frontendHttp, frontendMembership, history, historyMembership, matching, matchingMembership] =
      ports.slice(i, i + 7);
    const [worker, workerMembership] = ports.slice(i + 7, i + 9);
    nodes.push({
      frontend,
      frontendHttp,
      frontendMembership,
      history,
      historyMembership,
      matching,
      matchingMembership,
      worker,
      workerMembership,
    });
  }
  return nodes;
}
