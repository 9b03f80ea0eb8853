// Records real histories of this workflow version for the replay test (test/workflow/replay.test.ts).
// Run after a deliberate, versioned change to the workflow:
//   npx tsx test/histories/record-histories.ts [scenario …]      (no names: every scenario)
// It starts a dev server, the sandbox and the worker (as the integration tests do), runs each scenario
// once and writes <scenario>.json here. Commit the files with the workflow change that produced them.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { PayloadCodecSettings } from '../../codec/settings';
import type { ProvisioningRequestInput } from '../../domain/request';
import { resolveTemporalCli } from '../../temporal/cli-binary';
import { workflowIdFor } from '../../domain/names';
import { provisionInternetOnDemand } from '../../workflows';
import { approvePriceUpdate } from '../../workflows/messages';
import { sandboxRequest, startIntegrationStack, type IntegrationStack } from '../workflow/integration-stack';
import { statusWhen } from '../workflow/status-polling';
import { HISTORY_PAYLOAD_CODEC } from './payload-codec';

export interface Scenario {
  name: string;
  requestId: string;
  /** How the history stores payloads: plain JSON, or encrypted with the key in payload-codec.keys. */
  payloads: 'plain' | 'encrypted';
  /** Request fields beyond sandboxRequest's (which polls every second). */
  request?: Partial<ProvisioningRequestInput>;
  /** Whether the sandbox sends its order webhooks (default true). */
  webhooks?: boolean;
  run(stack: IntegrationStack, handle: WorkflowHandle<typeof provisionInternetOnDemand>): Promise<unknown>;
}

export const SCENARIOS: Scenario[] = [
  {
    // The common path: every step once, activation announced by webhook (polling is hourly).
    name: 'activated-by-webhook',
    requestId: 'HIST-WEBHOOK',
    payloads: 'plain',
    request: { pollInterval: '1 hour' },
    run: (_stack, handle) => handle.result(),
  },
  {
    // The price guard's update, and activation seen by inventory polling (no webhook registered).
    name: 'price-approved-then-polled',
    requestId: 'HIST-APPROVED',
    payloads: 'plain',
    request: { maxMonthlyPriceUsd: 300 },
    webhooks: false,
    async run(stack, handle) {
      const waiting = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
      await handle.executeUpdate(approvePriceUpdate, { args: [{ quoteId: waiting.quote!.id, approved: true }] });
      return handle.result();
    },
  },
  {
    // The common path with every payload encrypted, as the worker writes them by default.
    name: 'encrypted-activated-by-webhook',
    requestId: 'HIST-ENCRYPTED',
    payloads: 'encrypted',
    request: { pollInterval: '1 hour' },
    run: (_stack, handle) => handle.result(),
  },
];

export function payloadCodecOf(scenario: Scenario): PayloadCodecSettings {
  return scenario.payloads === 'encrypted' ? HISTORY_PAYLOAD_CODEC : { encryption: 'off' };
}

// The CLI writes the JSON form Worker.runReplayHistories reads (the same as the Web UI's download), and
// without a codec endpoint it writes the payloads as stored.
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

async function record(stack: IntegrationStack, scenario: Scenario): Promise<void> {
  await stack.reset();
  if (scenario.webhooks === false) await stack.sandbox.admin.clearWebhook();
  const request = sandboxRequest({ requestId: scenario.requestId, ...scenario.request });
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

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name)}`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const chosen = SCENARIOS.filter((scenario) => names.length === 0 || names.includes(scenario.name));
  // One stack per kind of payloads: its client, webhook relay and worker share the payload settings.
  for (const payloads of ['plain', 'encrypted'] as const) {
    const scenarios = chosen.filter((scenario) => scenario.payloads === payloads);
    if (scenarios.length === 0) continue;
    const stack = await startIntegrationStack({ payloadCodec: payloadCodecOf(scenarios[0]) });
    try {
      for (const scenario of scenarios) await record(stack, scenario);
    } finally {
      await stack.close();
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
