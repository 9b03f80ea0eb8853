// `npm run cluster` as a user runs it: one ready line naming both frontends, one cluster behind
// them (what is started through one node is seen through the other), Ctrl-C stops every part, and
// a second run finds the namespace and the workflows again.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { describeProvisioning, startProvisioning } from '../../client';
import { SEARCH_ATTRIBUTES } from '../../domain/names';
import { cliEnv, startCli, type CliProcess } from '../cli/run-cli';
import { freePorts } from '../env/free-port';
import { provisioningRequest } from '../env/requests';
import { freeClusterLayout } from './free-layout';

const ROOT = path.resolve(__dirname, '../..');
const COMMAND = [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'scripts/cluster.ts')];
const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const START_TIMEOUT_MS = 300_000;

let dir: string;
let running: CliProcess | undefined;

afterAll(async () => {
  if (running?.child.exitCode === null) {
    running.child.kill('SIGINT');
    await running.done;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function start(env: NodeJS.ProcessEnv): Promise<{ process: CliProcess; line: string }> {
  const process = startCli([], env, undefined, COMMAND);
  const exited = process.done.then(({ code, stdout, stderr }) => {
    throw new Error(`npm run cluster exited with code ${code} before it was ready:\n${stdout}\n${stderr}`);
  });
  const line = await Promise.race([process.waitForLine(/^cluster ready: /, START_TIMEOUT_MS), exited]);
  exited.catch(() => undefined);
  return { process, line };
}

async function withClient<T>(address: string, work: (client: Client, connection: Connection) => Promise<T>) {
  const connection = await Connection.connect({ address });
  try {
    return await work(new Client({ connection }), connection);
  } finally {
    await connection.close();
  }
}

test(
  'it prints one ready line, serves one cluster on both frontends, stops on Ctrl-C and finds its data again',
  async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'npm-run-cluster-'));
    // Reachable by the account PostgreSQL runs as when the tests run as root (mkdtemp makes it 0700).
    await chmod(dir, 0o755);
    const [{ base }, [postgresPort]] = await Promise.all([freeClusterLayout(), freePorts(1)]);
    const env = cliEnv({
      CLUSTER_PORT: String(base),
      CLUSTER_POSTGRES_PORT: String(postgresPort),
      CLUSTER_DATA_DIR: dir,
    });
    const addresses = [`127.0.0.1:${base}`, `127.0.0.1:${base + 1}`];

    const first = await start(env);
    running = first.process;
    expect(first.line).toBe(`cluster ready: TEMPORAL_ADDRESS=${addresses.join(',')}`);

    const clusterIds: string[] = [];
    for (const address of addresses) {
      await withClient(address, async (_client, connection) => {
        const info = await connection.workflowService.getClusterInfo({});
        clusterIds.push(info.clusterId ?? '');
        expect(info.persistenceStore).toBe('postgres12');
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
        for (const name of SEARCH_ATTRIBUTES)
          expect({ name, type: customAttributes?.[name] }).toEqual({ name, type: KEYWORD });
      });
    }
    expect(new Set(clusterIds).size).toBe(1);

    // Started through node 2, seen through node 1; no worker polls this queue, so it stays running.
    const requestId = `NRC-${Date.now().toString(36)}`;
    await withClient(addresses[1], (client) =>
      startProvisioning(client, provisioningRequest({ requestId }), { taskQueue: 'nobody-polls-this' }),
    );
    const seen = await withClient(addresses[0], (client) => describeProvisioning(client, requestId));
    expect(seen.status).toBe('Running');

    first.process.child.kill('SIGINT');
    const stopped = await first.process.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('stopped the cluster');
    const stillListening = await Promise.all([base, base + 1, base + 10, base + 20, postgresPort].map(listening));
    expect(stillListening).toEqual([false, false, false, false, false]);

    const second = await start(env);
    running = second.process;
    expect(second.line).toBe(first.line);
    const secondOutput = await second.process.waitForLine(/namespace default found again/, 1_000);
    expect(secondOutput).toContain('found again');
    const again = await withClient(addresses[0], (client) => describeProvisioning(client, requestId));
    expect(again).toMatchObject({ status: 'Running' });
    await withClient(addresses[1], (client) => client.workflow.getHandle(`iod-${requestId}`).terminate('test over'));

    second.process.child.kill('SIGINT');
    expect((await second.process.done).code).toBe(0);
  },
  2 * START_TIMEOUT_MS,
);
