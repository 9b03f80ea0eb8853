// Records real histories of this workflow version for the replay test (test/workflow/replay.test.ts).
// Run after a deliberate, versioned change to the workflow:  npx tsx test/histories/record-histories.ts
// It starts a dev server, the sandbox and the worker (as the integration tests do), runs each scenario
// once and writes <scenario>.json here. Commit the files with the workflow change that produced them.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { resolveTemporalCli } from '../../temporal/cli-binary';
import { workflowIdFor } from '../../domain/names';
import { provisionInternetOnDemand } from '../../workflows';
import { approvePriceUpdate } from '../../workflows/messages';
import { sandboxRequest, startIntegrationStack, type IntegrationStack } from '../workflow/integration-stack';
import { statusWhen } from '../workflow/status-polling';

interface Scenario {
  name: string;
  requestId: string;
  run(stack: IntegrationStack, handle: WorkflowHandle<typeof provisionInternetOnDemand>): Promise<unknown>;
}

export const SCENARIOS: Scenario[] = [
  {
    // The common path: every step once, activation announced by webhook (polling is hourly).
    name: 'activated-by-webhook',
    requestId: 'HIST-WEBHOOK',
    run: (_stack, handle) => handle.result(),
  },
  {
    // The price guard's update, and activation seen by inventory polling (no webhook registered).
    name: 'price-approved-then-polled',
    requestId: 'HIST-APPROVED',
    async run(stack, handle) {
      const waiting = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
      await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: waiting.quote!.id, approved: true }] });
      return handle.result();
    },
  },
];

// The CLI writes the JSON form Worker.runReplayHistories reads (the same as the Web UI's download).
async function showHistory(stack: IntegrationStack, workflowId: string): Promise<{ events: unknown[] }> {
  const cli = await resolveTemporalCli();
  if (cli.executable.type !== 'existing-path') throw new Error('needs a Temporal CLI binary');
  const { stdout } = await promisify(execFile)(
    cli.executable.path,
    ['workflow', 'show', '--workflow-id', workflowId, '--address', stack.env.address, '--output', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as { events: unknown[] };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await startIntegrationStack();
  try {
    for (const scenario of SCENARIOS) {
      await stack.reset();
      if (scenario.name === 'price-approved-then-polled') await stack.sandbox.admin.clearWebhook();
      const request = sandboxRequest({
        requestId: scenario.requestId,
        pollInterval: scenario.name === 'activated-by-webhook' ? '1 hour' : '1 second',
        maxMonthlyPriceUsd: scenario.name === 'price-approved-then-polled' ? 300 : undefined,
      });
      await stack.withWorker(async (taskQueue) => {
        const handle = await stack.env.client.workflow.start(provisionInternetOnDemand, {
          taskQueue,
          workflowId: workflowIdFor(request.requestId),
          args: [request],
        });
        await scenario.run(stack, handle);
      });
      const history = await showHistory(stack, workflowIdFor(request.requestId));
      const file = path.join(__dirname, `${scenario.name}.json`);
      await writeFile(file, `${JSON.stringify(history, null, 1)}\n`);
      console.log(`${file}: ${history.events.length} events`);
    }
  } finally {
    await stack.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
