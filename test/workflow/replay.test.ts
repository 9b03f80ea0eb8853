// Versioning safety net: the committed histories of this workflow version (test/histories/, recorded
// with record-histories.ts) must replay without nondeterminism; a changed workflow must not.
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type ReplayHistoriesIterable } from '@temporalio/worker';
import { SCENARIOS } from '../histories/record-histories';
import { readHistoryFile } from './history-files';
import { bundleProvisioningWorkflow } from './workflow-bundle';

async function* recordedHistories(): ReplayHistoriesIterable {
  for (const { name, requestId } of SCENARIOS) {
    const file = path.join(__dirname, '..', 'histories', `${name}.json`);
    yield { workflowId: `iod-${requestId}`, history: await readHistoryFile(file) };
  }
}

test('every committed history replays against the current workflow code', async () => {
  const workflowBundle = await bundleProvisioningWorkflow();
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, recordedHistories())) results.push(result);
  expect(results).toHaveLength(SCENARIOS.length);
  for (const result of results) expect(result.error).toBeUndefined();
});

test('a workflow changed without patching fails replay with a DeterminismViolationError', async () => {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./changed-workflow'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
  });
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, recordedHistories())) results.push(result);
  expect(results).toHaveLength(SCENARIOS.length);
  for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
});
