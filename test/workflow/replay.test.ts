// Versioning safety net: the committed histories of this workflow version (test/histories/, recorded
// with record-histories.ts) must replay without nondeterminism, the encrypted ones through the codec
// with their committed key; a changed workflow must not replay.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type ReplayHistoriesIterable, type ReplayWorkerOptions } from '@temporalio/worker';
import { dataConverterFor } from '../../codec/data-converter';
import { personalDataIn, contactForms } from '../env/personal-data';
import { provisioningRequest } from '../env/requests';
import { HISTORY_PAYLOAD_CODEC } from '../histories/payload-codec';
import { SCENARIOS, type Scenario } from '../histories/record-histories';
import { readHistoryFile } from './history-files';
import { bundleProvisioningWorkflow } from './workflow-bundle';

const fileOf = (scenario: Scenario) => path.join(__dirname, '..', 'histories', `${scenario.name}.json`);
const encrypted = SCENARIOS.filter((scenario) => scenario.payloads === 'encrypted');
// Plain payloads pass through the codec, so one converter reads every history.
const dataConverter = dataConverterFor(HISTORY_PAYLOAD_CODEC);

async function* historiesOf(scenarios: Scenario[]): ReplayHistoriesIterable {
  for (const scenario of scenarios) {
    yield { workflowId: `iod-${scenario.requestId}`, history: await readHistoryFile(fileOf(scenario)) };
  }
}

async function replay(options: ReplayWorkerOptions, scenarios: Scenario[]) {
  const results = [];
  for await (const result of Worker.runReplayHistories(options, historiesOf(scenarios))) results.push(result);
  expect(results).toHaveLength(scenarios.length);
  return results;
}

test('every committed history replays against the current workflow code', async () => {
  const workflowBundle = await bundleProvisioningWorkflow(HISTORY_PAYLOAD_CODEC);
  for (const result of await replay({ workflowBundle, dataConverter }, SCENARIOS)) {
    expect(result.error).toBeUndefined();
  }
});

test('an encrypted history holds its payloads encrypted and needs the codec to replay', async () => {
  expect(encrypted.length).toBeGreaterThan(0);
  for (const scenario of encrypted) {
    const raw = await readFile(fileOf(scenario), 'utf8');
    expect(raw).toContain(Buffer.from('binary/encrypted').toString('base64'));
    // Recorded with the sample request's contact.
    expect(personalDataIn(JSON.parse(raw), contactForms(provisioningRequest().contact))).toEqual([]);
  }
  const workflowBundle = await bundleProvisioningWorkflow({ encryption: 'off' });
  for (const result of await replay({ workflowBundle }, encrypted)) expect(result.error).toBeDefined();
});

test('a workflow changed without patching fails replay with a DeterminismViolationError', async () => {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./changed-workflow'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
  });
  for (const result of await replay({ workflowBundle, dataConverter }, SCENARIOS)) {
    expect(result.error).toBeInstanceOf(DeterminismViolationError);
  }
});
