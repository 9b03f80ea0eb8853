// The deploy of docs/releases.md, rehearsed on a real cluster: build A serves provisionings and services;
// build B, with a changed workflow, is made current with `temporal worker deployment set-current-version`;
// A's provisionings in flight finish on A with one order each, new ones run on B, every service moves to B
// at its continue-as-new once woken (the runbook's signal), nothing is lost, and A drains and stops. The
// server's drainage intervals are lowered in its dynamic config so the drain shows in seconds. The figures
// go to test-results/deploy.md.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startCluster, type RunningCluster } from '../../local-cluster/cluster';
import { DYNAMIC_CONFIG_FILE } from '../../local-cluster/server-node';
import { workflowIdFor } from '../../domain/names';
import { serviceWorkflowIdFor } from '../../domain/service-names';
import { createLogger } from '../../logging/logger';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { resolveTemporalCli } from '../../temporal-servers/cli-binary';
import { runCommand } from '../../temporal-servers/run-command';
import { buildIdFor } from '../../workers/deployment';
import { writePrebuiltBundles } from '../../workers/workflow-bundle';
import { changeBandwidthUpdate } from '../../workflows/messages';
import { provisionInternetOnDemand } from '../../workflows';
import { testDataConverter } from '../env/codec';
import { freePorts } from '../env/free-port';
import { sandboxRequest } from '../workflow/integration-stack';
import { sandboxWorkerEnv, startWorkerProcess, type WorkerProcess } from '../workflow/worker-process';
import { freeClusterLayout } from './free-layout';

const ROOT = path.resolve(__dirname, '../..');
const DEPLOYMENT = 'lumen-iod';
const TASK_QUEUE = 'lumen-iod-deploy';
const { VersioningBehavior, VersionDrainageStatus } = temporal.api.enums.v1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Build B's change: what a provisioning and a bandwidth change say when they end (no command changes). */
const CHANGED_TEXT: [string, string][] = [
  ['is active (', 'is active on the new build ('],
  [': active at ', ': active on the new build at '],
];

let dataDir: string;
let cluster: RunningCluster;
let sandbox: Sandbox;
let connection: Connection;
let client: Client;
let cli: string;
const workers: WorkerProcess[] = [];
const figures: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'cluster-deploy-'));
  await chmod(dataDir, 0o755); // reachable by the account PostgreSQL runs as
  // The server re-checks a draining version every 2 s, after a 2 s grace for visibility to catch up.
  const dynamicConfig = path.join(dataDir, 'dynamic-config.yaml');
  await writeFile(
    dynamicConfig,
    `${await readFile(DYNAMIC_CONFIG_FILE, 'utf8')}
matching.wv.VersionDrainageStatusVisibilityGracePeriod:
  - value: 2s
    constraints: {}
matching.wv.VersionDrainageStatusRefreshInterval:
  - value: 2s
    constraints: {}
`,
  );
  const [{ nodes }, [postgresPort]] = await Promise.all([freeClusterLayout(1), freePorts(1)]);
  const resolvedCli = await resolveTemporalCli();
  if (resolvedCli.executable.type !== 'existing-path') throw new Error('the deploy test needs the Temporal CLI');
  cli = resolvedCli.executable.path;
  cluster = await startCluster({
    dataDir,
    postgresPort,
    nodes,
    namespace: 'default',
    dynamicConfigFile: dynamicConfig,
  });
  sandbox = await createSandbox({ port: 0, quoteValidityMs: 60_000, activationDelayMs: 300 });
  connection = await Connection.connect({ address: cluster.addresses[0] });
  client = new Client({ connection, namespace: cluster.namespace, dataConverter: testDataConverter });
}, 300_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill()));
  await connection?.close();
  await sandbox?.close();
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (figures.length > 0) {
    await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
    await writeFile(path.join(ROOT, 'test-results', 'deploy.md'), `${figures.join('\n')}\n`);
    process.stdout.write(`\n${figures.join('\n')}\n`);
  }
}, 120_000);

/** The prebuilt bundle a worker with the tests' payload keys runs, in `dir`; B's with the changed text. */
async function prebuiltBuild(dir: string, change?: [string, string][]): Promise<string> {
  const manifest = await writePrebuiltBundles(dir, createLogger('bundle', { level: 'silent' }), [
    { encodedFailures: true, tracing: false },
  ]);
  const file = path.join(dir, manifest.bundles[0].file);
  if (change) {
    let code = await readFile(file, 'utf8');
    for (const [from, to] of change) {
      expect({ from, found: code.includes(from) }).toEqual({ from, found: true });
      code = code.split(from).join(to);
    }
    await writeFile(file, code);
  }
  return buildIdFor({ codePath: file });
}

function startWorker(bundleDir: string): WorkerProcess {
  const worker = startWorkerProcess({
    ...sandboxWorkerEnv({
      temporalAddress: cluster.addresses[0],
      namespace: cluster.namespace,
      taskQueue: TASK_QUEUE,
      sandboxUrl: sandbox.url,
    }),
    WORKER_WORKFLOW_BUNDLE_DIR: bundleDir,
    WORKER_DEPLOYMENT_NAME: DEPLOYMENT,
  });
  workers.push(worker);
  return worker;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s (last: ${JSON.stringify(value)})`);
    await sleep(250);
  }
}

const describeDeployment = () =>
  client.workflowService.describeWorkerDeployment({ namespace: cluster.namespace, deploymentName: DEPLOYMENT });

async function versioningOf(workflowId: string) {
  const info = (await client.workflow.getHandle(workflowId).describe()).raw.workflowExecutionInfo!;
  return { behavior: info.versioningInfo?.behavior, buildId: info.versioningInfo?.deploymentVersion?.buildId };
}

async function runCli(...args: string[]): Promise<string> {
  const result = await runCommand(cli, [...args, '--address', cluster.addresses[0]], { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`temporal ${args.join(' ')}: exit ${result.code}\n${result.stderr}`);
  return result.stdout;
}

const tag = Date.now().toString(36).slice(-5);
const startProvisioning = (requestId: string) =>
  client.workflow.start(provisionInternetOnDemand, {
    taskQueue: TASK_QUEUE,
    workflowId: workflowIdFor(requestId),
    args: [sandboxRequest({ requestId, activationTimeout: '20 minutes' })],
  });

test('a deploy: A finishes its provisionings, new ones run on B, every service moves to B, A drains', async () => {
  const [buildA, buildB] = await Promise.all([
    prebuiltBuild(path.join(dataDir, 'build-a')),
    prebuiltBuild(path.join(dataDir, 'build-b'), CHANGED_TEXT),
  ]);
  expect(buildB).not.toBe(buildA);

  // Build A: the first of the deployment, current by itself; it provisions three services.
  const workerA = startWorker(path.join(dataDir, 'build-a'));
  await workerA.running;
  await until(
    'A current',
    describeDeployment,
    (d) => d.workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId === buildA,
  );
  const early = ['1', '2', '3'].map((n) => `D${tag}-A${n}`);
  const earlyResults = await Promise.all(early.map(async (id) => (await startProvisioning(id)).result()));
  const services = earlyResults.map((result) => serviceWorkflowIdFor(result.serviceId!));

  // Three more are in flight on A (ordered, waiting 40 s for activation) when B becomes current.
  await sandbox.admin.updateSettings({ activationDelayMs: 40_000 });
  const inFlight = ['1', '2', '3'].map((n) => `D${tag}-F${n}`);
  const inFlightHandles = await Promise.all(inFlight.map(startProvisioning));
  await until(
    'in-flight orders placed',
    () => sandbox.admin.orders(),
    (orders) => inFlight.every((id) => orders.some((order) => order.externalId === id)),
  );

  // Build B starts beside A and is made current, as the runbook does.
  const workerB = startWorker(path.join(dataDir, 'build-b'));
  await workerB.running;
  await until('B registered', describeDeployment, (d) =>
    Boolean(d.workerDeploymentInfo?.versionSummaries?.some((v) => v.deploymentVersion?.buildId === buildB)),
  );
  expect((await describeDeployment()).workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId).toBe(
    buildA,
  );
  const cutover = Date.now();
  await runCli(
    'worker',
    'deployment',
    'set-current-version',
    '--deployment-name',
    DEPLOYMENT,
    '--build-id',
    buildB,
    '--yes',
  );
  await sandbox.admin.updateSettings({ activationDelayMs: 300 });

  // New provisionings run on B, and say so in B's words.
  const late = ['1', '2'].map((n) => `D${tag}-B${n}`);
  const lateResults = await Promise.all(late.map(async (id) => (await startProvisioning(id)).result()));
  for (const id of late) {
    expect({ id, ...(await versioningOf(workflowIdFor(id))) }).toEqual({
      id,
      behavior: VersioningBehavior.VERSIONING_BEHAVIOR_PINNED,
      buildId: buildB,
    });
  }

  // The runbook's wake-up for the quiet services on A: a notification they ignore.
  await runCli(
    'workflow',
    'signal',
    '--name',
    'lumenNotification',
    '--input',
    '{}',
    '--yes',
    '--reason',
    'move to the current build',
    '--query',
    `WorkflowType='manageInternetOnDemandService' AND ExecutionStatus='Running' AND TemporalWorkerDeploymentVersion='${DEPLOYMENT}:${buildA}'`,
  );
  const woken = Date.now();
  const moved = await Promise.all(
    services.map(async (workflowId) => {
      await until(
        `${workflowId} on B`,
        () => versioningOf(workflowId),
        (v) => v.buildId === buildB,
      );
      return { workflowId, seconds: (Date.now() - cutover) / 1000, afterWake: (Date.now() - woken) / 1000 };
    }),
  );

  // A's in-flight provisionings finish on A, one order each; their services start on B.
  const inFlightResults = await Promise.all(inFlightHandles.map((handle) => handle.result()));
  const inFlightDoneSeconds = (Date.now() - cutover) / 1000;
  for (const id of inFlight) {
    expect({ id, ...(await versioningOf(workflowIdFor(id))) }).toEqual({
      id,
      behavior: VersioningBehavior.VERSIONING_BEHAVIOR_PINNED,
      buildId: buildA,
    });
  }
  const handedOver = inFlightResults.map((result) => serviceWorkflowIdFor(result.serviceId!));
  for (const workflowId of [...handedOver, ...lateResults.map((r) => serviceWorkflowIdFor(r.serviceId!))]) {
    await until(
      `${workflowId} on B`,
      () => versioningOf(workflowId),
      (v) => v.buildId === buildB,
    );
  }

  // Nothing lost: every request ACTIVE with exactly one order; a moved service still changes, on B's code.
  const all = [...early, ...inFlight, ...late];
  const orders = (await sandbox.admin.orders()).filter((order) => all.includes(order.externalId));
  expect(orders.map((order) => order.externalId).sort()).toEqual([...all].sort());
  expect([...earlyResults, ...inFlightResults, ...lateResults].map((r) => r.status)).toEqual(all.map(() => 'ACTIVE'));
  const changed = await client.workflow.getHandle(services[0]).executeUpdate(changeBandwidthUpdate, {
    args: [{ changeId: `after-deploy-${tag}`, speed: '200 Mbps' }],
  });
  expect(changed.speed).toBe('200 Mbps');

  // A drains, then stops cleanly.
  const drained = await until(
    'A drained',
    () =>
      client.workflowService.describeWorkerDeploymentVersion({
        namespace: cluster.namespace,
        deploymentVersion: { deploymentName: DEPLOYMENT, buildId: buildA },
      }),
    (d) =>
      d.workerDeploymentVersionInfo?.drainageInfo?.status === VersionDrainageStatus.VERSION_DRAINAGE_STATUS_DRAINED,
  );
  const drainedSeconds = (Date.now() - cutover) / 1000;
  expect(drained.workerDeploymentVersionInfo?.drainageInfo?.status).toBe(
    VersionDrainageStatus.VERSION_DRAINAGE_STATUS_DRAINED,
  );
  expect(await workerA.stop()).toBe(0);

  figures.push(
    `| step | seconds after set-current-version |`,
    `|---|---|`,
    `| two new provisionings ACTIVE on B, then the runbook's wake-up signal sent | ${((woken - cutover) / 1000).toFixed(1)} |`,
    ...moved.map(
      ({ workflowId, seconds, afterWake }) =>
        `| ${workflowId} on B (continued as new) | ${seconds.toFixed(1)} (${afterWake.toFixed(1)} after the signal) |`,
    ),
    `| A's in-flight provisionings ACTIVE (Lumen activates 40 s after their order) | ${inFlightDoneSeconds.toFixed(1)} |`,
    `| A drained | ${drainedSeconds.toFixed(1)} |`,
  );
});
