// One Temporal server node (frontend, history, matching and worker services in one process),
// started by deploy/temporal/start-server.sh with deploy/temporal's configuration: the very files
// docker-compose.yml's `temporal` service mounts.
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { PROJECT_ROOT } from '../temporal-servers/paths';
import type { NodePorts } from './ports';
import { describeExit, SupervisedProcess, type Exit } from './supervised-process';

export const DEPLOY_TEMPORAL_DIR = path.join(PROJECT_ROOT, 'deploy', 'temporal');
export const START_SERVER_SCRIPT = path.join(DEPLOY_TEMPORAL_DIR, 'start-server.sh');
export const SERVER_CONFIG_FILE = path.join(DEPLOY_TEMPORAL_DIR, 'config', 'postgresql.yaml');
export const DYNAMIC_CONFIG_FILE = path.join(DEPLOY_TEMPORAL_DIR, 'dynamic-config.yaml');

export interface DatabaseAccess {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ServerNodeOptions {
  /** 1-based, for messages and the log file's name. */
  number: number;
  serverBinary: string;
  ports: NodePorts;
  database: DatabaseAccess;
  /** The address every node records as the cluster's: the same for all of them. */
  clusterAddress: { rpc: string; http: string };
  logDir: string;
  /** Dynamic config other than deploy/temporal's (a test's lowered intervals). */
  dynamicConfigFile?: string;
}

const HEALTH_SERVICE = 'temporal.api.workflowservice.v1.WorkflowService';
const SERVING = 1;
const START_TIMEOUT_MS = 120_000;

/** The variables config/postgresql.yaml reads, for this node. */
export function nodeEnvironment(options: ServerNodeOptions): NodeJS.ProcessEnv {
  const { ports, database } = options;
  return {
    PATH: process.env.PATH,
    TEMPORAL_SERVER: options.serverBinary,
    DB: 'postgres12',
    POSTGRES_SEEDS: database.host,
    DB_PORT: String(database.port),
    POSTGRES_USER: database.user,
    POSTGRES_PWD: database.password,
    // Two nodes with four services each share one PostgreSQL: smaller pools than a lone server's.
    SQL_MAX_CONNS: '10',
    SQL_MAX_IDLE_CONNS: '10',
    SQL_VIS_MAX_CONNS: '5',
    SQL_VIS_MAX_IDLE_CONNS: '5',
    // Consistent hashing spreads shards unevenly over two nodes: with the image's 4, one often holds all.
    NUM_HISTORY_SHARDS: '16',
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(ports.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    TEMPORAL_CLUSTER_RPC_ADDRESS: options.clusterAddress.rpc,
    TEMPORAL_CLUSTER_HTTP_ADDRESS: options.clusterAddress.http,
    DYNAMIC_CONFIG_FILE_PATH: options.dynamicConfigFile ?? DYNAMIC_CONFIG_FILE,
    TEMPORAL_ALLOW_NO_AUTH: 'true',
    LOG_LEVEL: 'info',
  };
}

export class ServerNode {
  readonly address: string;
  private readonly process: SupervisedProcess;

  constructor(readonly options: ServerNodeOptions) {
    this.address = `127.0.0.1:${options.ports.frontend}`;
    this.process = new SupervisedProcess({
      name: `Temporal node ${options.number}`,
      command: '/bin/sh',
      args: [START_SERVER_SCRIPT],
      env: nodeEnvironment(options),
      cwd: PROJECT_ROOT,
      logFile: path.join(options.logDir, `node-${options.number}.log`),
    });
  }

  get name(): string {
    return this.process.spec.name;
  }

  get running(): boolean {
    return this.process.running;
  }

  get exited(): Promise<Exit> {
    return this.process.exited;
  }

  get logFile(): string {
    return this.process.spec.logFile;
  }

  /** Starts the process and resolves once its frontend answers health checks as serving. */
  async start(): Promise<void> {
    this.process.start();
    await this.waitUntilServing();
  }

  /** A clean stop (the server drains on SIGTERM). */
  async stop(): Promise<void> {
    await this.process.stop('SIGTERM', 20_000);
  }

  /** SIGKILL, as a crashed machine would end it. */
  async kill(): Promise<void> {
    await this.process.kill();
  }

  lastLines(): string {
    return this.process.lastLines();
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (!this.process.running) {
        const exit = await this.process.exited;
        throw new Error(`${this.name} exited (${describeExit(exit)}) while starting:\n${this.lastLines()}`);
      }
      try {
        const connection = await Connection.connect({ address: this.address, connectTimeout: 1_000 });
        try {
          const response = await connection.withDeadline(Date.now() + 2_000, () =>
            connection.healthService.check({ service: HEALTH_SERVICE }),
          );
          if (response.status === SERVING) return;
          lastError = new Error(`health status ${response.status}`);
        } finally {
          await connection.close();
        }
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `${this.name} did not serve on ${this.address} within ${START_TIMEOUT_MS} ms (${String(lastError)}); ` +
        `its log: ${this.logFile}\n${this.lastLines()}`,
    );
  }
}
