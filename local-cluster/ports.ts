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

/** Temporal records membership ports in a PostgreSQL smallint: a node on a higher one cannot start. */
export const MAX_MEMBERSHIP_PORT = 32_767;

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

/** Every port of the layout, for checking they are free. */
export function allPorts(nodes: NodePorts[]): number[] {
  return nodes.flatMap((node) => Object.values(node));
}
