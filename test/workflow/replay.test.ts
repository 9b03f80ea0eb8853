// Versioning safety net: every committed history (test/histories/manifest.json, one per path of the
// current code) must replay against the current workflow code without nondeterminism, the encrypted ones
// through the codec with their committed key; a changed workflow must not replay.
import { readFile } from 'node:fs/promises';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type ReplayHistoriesIterable, type ReplayWorkerOptions } from '@temporalio/worker';
import { dataConverterFor } from '../../codec/data-converter';
import { personalDataIn, contactForms } from '../env/personal-data';
import { provisioningRequest } from '../env/requests';
import { historyFile, readManifest, type RecordedHistory } from '../histories/manifest';
import { HISTORY_PAYLOAD_CODEC } from '../histories/payload-codec';
import { SCENARIOS } from '../histories/record-histories';
import { readHistoryFile } from './history-files';
import { bundleProvisioningWorkflow } from './workflow-bundle';

// Plain payloads pass through the codec, so one converter reads every history.
const dataConverter = dataConverterFor(HISTORY_PAYLOAD_CODEC);
let manifest: RecordedHistory[];

beforeAll(async () => {
  manifest = await readManifest();
});

async function* historiesOf(histories: RecordedHistory[]): ReplayHistoriesIterable {
  for (const { name, workflowId } of histories) {
    yield { workflowId, history: await readHistoryFile(historyFile(name)) };
  }
}

async function replay(options: ReplayWorkerOptions, histories: RecordedHistory[]) {
  const results = [];
  for await (const result of Worker.runReplayHistories(options, historiesOf(histories))) results.push(result);
  expect(results).toHaveLength(histories.length);
  return results;
}

test('the manifest holds one history for every scenario, and only those', () => {
  expect(manifest.map((entry) => entry.name).sort()).toEqual(SCENARIOS.map((scenario) => scenario.name).sort());
});

test('every committed history replays against the current workflow code', async () => {
  const workflowBundle = await bundleProvisioningWorkflow(HISTORY_PAYLOAD_CODEC);
  const results = await replay({ workflowBundle, dataConverter }, manifest);
  for (const [i, result] of results.entries()) {
    expect({ history: manifest[i].name, error: result.error?.message }).toEqual({
      history: manifest[i].name,
      error: undefined,
    });
  }
});

test('an encrypted history holds its payloads encrypted and needs the codec to replay', async () => {
  const encrypted = manifest.filter((entry) => entry.payloads === 'encrypted');
  expect(encrypted.length).toBeGreaterThan(0);
  for (const entry of encrypted) {
    const raw = await readFile(historyFile(entry.name), 'utf8');
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
  for (const result of await replay({ workflowBundle, dataConverter }, manifest)) {
    expect(result.error).toBeInstanceOf(DeterminismViolationError);
  }
});
