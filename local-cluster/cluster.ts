// A PostgreSQL-backed Temporal cluster on this machine: PostgreSQL, the schemas, two server nodes
// that find each other through the shared database, the namespace and the search attributes.
import path from 'node:path';
import { resolveTemporalServer } from '../temporal-servers/server-binary';
import { ensureNamespace, awaitNamespace } from './namespace';
import { Postgres, POSTGRES_USER } from './postgres';
import { findPostgres } from './postgres-binaries';
import type { NodePorts } from './ports';
import { migrateSchemas } from './schema';
import { ServerNode, type DatabaseAccess } from './server-node';
import { unprivilegedUser } from './unprivileged-user';

export interface ClusterOptions {
  /** Holds PostgreSQL's data, its password and the logs; a second start finds everything again. */
  dataDir: string;
  postgresPort: number;
  /** One entry per server node. */
  nodes: NodePorts[];
  namespace: string;
  /** Dynamic config other than deploy/temporal/dynamic-config.yaml, for every node. */
  dynamicConfigFile?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RunningCluster {
  postgres: Postgres;
  nodes: ServerNode[];
  /** The frontends' host:port, node 1 first. */
  addresses: string[];
  namespace: string;
  logDir: string;
  /** Stops the nodes, then PostgreSQL. */
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const logDir = path.join(options.dataDir, 'logs');
  const [binaries, kit, runAs] = await Promise.all([
    findPostgres(env),
    resolveTemporalServer({ env, log }),
    unprivilegedUser(),
  ]);
  log(`PostgreSQL ${binaries.version} from ${binaries.source}; Temporal server from ${kit.source}`);

  const postgres = await Postgres.prepare(
    { binaries, clusterDir: options.dataDir, logDir, port: options.postgresPort, runAs },
    log,
  );
  const nodes: ServerNode[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await postgres.stop();
  };
  try {
    await postgres.start();
    log(`PostgreSQL on ${postgres.address}`);
    const database: DatabaseAccess = {
      host: '127.0.0.1',
      port: postgres.port,
      user: POSTGRES_USER,
      password: postgres.password,
    };
    await migrateSchemas({ sqlTool: kit.sqlTool, schemaDir: kit.schemaDir, database }, log);

    const [first] = options.nodes;
    const clusterAddress = { rpc: `127.0.0.1:${first.frontend}`, http: `127.0.0.1:${first.frontendHttp}` };
    options.nodes.forEach((ports, index) => {
      nodes.push(
        new ServerNode({
          number: index + 1,
          serverBinary: kit.server,
          ports,
          database,
          clusterAddress,
          logDir,
          dynamicConfigFile: options.dynamicConfigFile,
        }),
      );
    });
    // One after the other: the first start of a database records the cluster once, and a second
    // node racing it would fail that write.
    for (const node of nodes) {
      await node.start();
      log(`${node.name} serving on ${node.address}`);
    }
    await ensureNamespace(nodes[0].address, options.namespace, log);
    await Promise.all(nodes.map((node) => awaitNamespace(node.address, options.namespace)));
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    postgres,
    nodes,
    addresses: nodes.map((node) => node.address),
    namespace: options.namespace,
    logDir,
    stop,
  };
}
