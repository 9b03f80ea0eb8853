// Worker Versioning's parts that need no server: the build id a worker derives, the options it gives
// the SDK, and how the first worker of a deployment makes itself current (against a scripted service).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../logging/logger';
import { becomeCurrentIfNone, buildIdFor, deploymentOptionsFor } from '../../workers/deployment';
import { packageVersion } from '../../workers/project';

const logger = createLogger('test', { level: 'silent' });

test('the build id is the release and a digest of the bundle: the same code anywhere gets the same id', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'bundle-'));
  const code = 'globalThis.workflows = {};';
  await writeFile(path.join(dir, 'a.js'), code);
  await writeFile(path.join(dir, 'b.js'), code);
  const fromFile = await buildIdFor({ codePath: path.join(dir, 'a.js') });
  expect(fromFile).toMatch(new RegExp(`^${packageVersion().replace(/\./g, '\\.')}-[0-9a-f]{12}$`));
  expect(await buildIdFor({ codePath: path.join(dir, 'b.js') })).toBe(fromFile);
  expect(await buildIdFor({ code })).toBe(fromFile);
  expect(await buildIdFor({ code: `${code} // changed` })).not.toBe(fromFile);
  expect(await buildIdFor({ code }, '9.9.9')).toMatch(/^9\.9\.9-/);
});

test('a versioned worker pins every workflow to its build by default', () => {
  expect(deploymentOptionsFor('lumen-iod', '1.0.0-abc')).toEqual({
    version: { deploymentName: 'lumen-iod', buildId: '1.0.0-abc' },
    useWorkerVersioning: true,
    defaultVersioningBehavior: 'PINNED',
  });
});

type Described = {
  routingConfig?: { currentDeploymentVersion?: { buildId: string } };
  versionSummaries?: { deploymentVersion: { buildId: string } }[];
};

/** A worker deployment service that answers from a script: each describe takes the next answer. */
function scriptedService(answers: (Described | 'not-found')[]) {
  const sets: { buildId: string; conflictToken: unknown }[] = [];
  let call = 0;
  return {
    sets,
    service: {
      describeWorkerDeployment: async () => {
        const answer = answers[Math.min(call++, answers.length - 1)];
        if (answer === 'not-found') throw Object.assign(new Error('deployment not found'), { code: 5 });
        return { workerDeploymentInfo: answer, conflictToken: Buffer.from(`token-${call}`) };
      },
      setWorkerDeploymentCurrentVersion: async (request: { buildId: string; conflictToken: unknown }) => {
        sets.push({ buildId: request.buildId, conflictToken: request.conflictToken });
        return {};
      },
    },
  };
}

const options = (service: unknown) => ({
  workflowService: service as never,
  namespace: 'default',
  deploymentName: 'lumen-iod',
  buildId: 'B',
  identity: 'test',
  logger,
  intervalMs: 1,
  timeoutMs: 5_000,
});

test('the first worker waits until the server knows its version, then makes it current with the conflict token', async () => {
  const { service, sets } = scriptedService([
    'not-found',
    { versionSummaries: [] },
    { versionSummaries: [{ deploymentVersion: { buildId: 'B' } }] },
  ]);
  expect(await becomeCurrentIfNone(options(service))).toBe('made-current');
  expect(sets).toEqual([{ buildId: 'B', conflictToken: Buffer.from('token-3') }]);
});

test('a deployment that has a current version keeps it: a new build becomes current only by the runbook', async () => {
  const other = scriptedService([
    {
      routingConfig: { currentDeploymentVersion: { buildId: 'A' } },
      versionSummaries: [{ deploymentVersion: { buildId: 'B' } }],
    },
  ]);
  expect(await becomeCurrentIfNone(options(other.service))).toBe('other-current');
  expect(other.sets).toEqual([]);
  const same = scriptedService([{ routingConfig: { currentDeploymentVersion: { buildId: 'B' } } }]);
  expect(await becomeCurrentIfNone(options(same.service))).toBe('already-current');
});

test('a worker that stops before its version is known gives up quietly', async () => {
  const { service, sets } = scriptedService(['not-found']);
  const stopped = new AbortController();
  const outcome = becomeCurrentIfNone({ ...options(service), intervalMs: 10, signal: stopped.signal });
  setTimeout(() => stopped.abort(), 30);
  expect(await outcome).toBe('gave-up');
  expect(sets).toEqual([]);
});
