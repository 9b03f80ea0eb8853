// What `npm run cluster` runs, read once from the environment.
import path from 'node:path';
import { z } from 'zod';
import { TEMPORAL_HOME } from '../temporal-servers/paths';
import { allPorts, MAX_MEMBERSHIP_PORT, nodePortsFrom, type NodePorts } from './ports';

const NODE_COUNT = 2;
const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);

/** `npm run cluster`'s variables; each description is its line in docs/configuration.md (npm run docs:config). */
export const clusterEnvironment = z.object({
  CLUSTER_PORT: port(7233)
    .refine(
      (first) => Math.max(...allPorts(nodePortsFrom(first, NODE_COUNT))) <= MAX_MEMBERSHIP_PORT,
      `must leave the nodes' ports (up to ${10 * NODE_COUNT + 7} above it) at or below ${MAX_MEMBERSHIP_PORT}: ` +
        'Temporal stores membership ports as a PostgreSQL smallint',
    )
    .meta({
      description: "The first node's frontend port; the second's is the next one, the nodes' other ports above.",
    }),
  CLUSTER_POSTGRES_PORT: port(5433).meta({ description: "The cluster's PostgreSQL port, on 127.0.0.1 only." }),
  CLUSTER_DATA_DIR: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Databases, password and logs of the cluster.', defaultText: '`.temporal/cluster`' }),
  TEMPORAL_NAMESPACE: z
    .string()
    .trim()
    .min(1)
    .default('default')
    .meta({ description: 'The namespace the cluster creates, with the five search attributes.' }),
});

export interface ClusterConfig {
  dataDir: string;
  postgresPort: number;
  nodes: NodePorts[];
  namespace: string;
}

export class ClusterConfigError extends Error {}

export function readClusterConfig(env: NodeJS.ProcessEnv): ClusterConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = clusterEnvironment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ClusterConfigError(`Invalid configuration for npm run cluster:\n  - ${problems.join('\n  - ')}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.CLUSTER_DATA_DIR ?? path.join(TEMPORAL_HOME, 'cluster')),
    postgresPort: e.CLUSTER_POSTGRES_PORT,
    nodes: nodePortsFrom(e.CLUSTER_PORT, NODE_COUNT),
    namespace: e.TEMPORAL_NAMESPACE,
  };
}
