// Records real histories of the current workflow code for the replay test (test/workflow/replay.test.ts).
// Run after a deliberate, versioned change to the workflow:
//   npx tsx test/histories/record-histories.ts [scenario …]      (no names: every scenario)
// It starts a dev server, the sandbox and the worker (as the integration tests do), runs each scenario
// once and writes <scenario>.json here. Commit the files with the workflow change that produced them.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { PayloadCodecSettings } from '../../codec/settings';
import type { ProvisioningRequestInput } from '../../domain/request';
import { resolveTemporalCli } from '../../temporal-servers/cli-binary';
import { quoteWorkflowIdFor, workflowIdFor } from '../../domain/names';
import { scheduleIdFor } from '../../domain/service-names';
import {
  adoptCustomerServices,
  applyScheduledBandwidth,
  manageInternetOnDemandService,
  provisionInternetOnDemand,
  quoteInternetOnDemand,
  reconcileManagedServices,
} from '../../workflows';
import { approvePriceUpdate, changeBandwidthUpdate, disconnectUpdate, serviceQuery } from '../../workflows/messages';
import {
  MONROE,
  SANDBOX_CUSTOMER,
  sandboxRequest,
  startIntegrationStack,
  type IntegrationStack,
} from '../workflow/integration-stack';
import { statusWhen } from '../workflow/status-polling';
import { historyFile, updateManifest, type RecordedHistory } from './manifest';
import { HISTORY_PAYLOAD_CODEC } from './payload-codec';

export interface Scenario {
  name: string;
  /** How the history stores payloads: plain JSON, or encrypted with the key in payload-codec.keys. */
  payloads: 'plain' | 'encrypted';
  covers: string;
  /**
   * Sets the sandbox up and runs the workflows to the end; returns the id of the one whose history is
   * kept (and its run, when it is not the latest one).
   */
  run(stack: IntegrationStack, taskQueue: string): Promise<string | { workflowId: string; runId: string }>;
}

const ORDER_PATH = '/Customer/v3/Ordering/orderRequest';

function startProvisioning(stack: IntegrationStack, taskQueue: string, request: Partial<ProvisioningRequestInput>) {
  const full = sandboxRequest(request);
  return stack.env.client.workflow.start(provisionInternetOnDemand, {
    taskQueue,
    workflowId: workflowIdFor(full.requestId),
    args: [full],
  });
}

/** One history per path worth guarding, recorded from the current code. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'activated-by-webhook',
    payloads: 'plain',
    covers: 'every step once, activation announced by the lumenNotification signal, the hand-over to the service',
    async run(stack, taskQueue) {
      const handle = await startProvisioning(stack, taskQueue, { requestId: 'HIST-WEBHOOK', pollInterval: '1 hour' });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'faults-retried',
    payloads: 'plain',
    covers: 'Lumen unwell on reads: local reads give up and go on as activities, a 429 and a 500 retried',
    async run(stack, taskQueue) {
      const { admin } = stack.sandbox;
      await admin.injectFault({ method: 'GET', path: '/Network/v1/provider', kind: 'status', status: 503, times: 4 });
      await admin.injectFault({ method: 'POST', path: '/Product/v1/priceRequest', kind: 'rate-limit', times: 1 });
      await admin.injectFault({ method: 'GET', path: '/Account/v1/billingAccount', kind: 'status', status: 500, times: 1 });
      const handle = await startProvisioning(stack, taskQueue, { requestId: 'HIST-FAULTS' });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'encrypted-activated-by-webhook',
    payloads: 'encrypted',
    covers: 'every step once with every payload encrypted, activation by webhook, the hand-over to the service',
    async run(stack, taskQueue) {
      const handle = await startProvisioning(stack, taskQueue, {
        requestId: 'HIST-ENCRYPTED',
        pollInterval: '1 hour',
        activationTimeout: '2 hours',
      });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'approved-with-ceiling-then-polled',
    payloads: 'plain',
    covers: 'a price above the guard approved with a ceiling, activation seen by inventory polling',
    async run(stack, taskQueue) {
      await stack.sandbox.admin.clearWebhook();
      const handle = await startProvisioning(stack, taskQueue, { requestId: 'HIST-CEILING', maxMonthlyPriceUsd: 300 });
      const waiting = await statusWhen(handle, (s) => s.step === 'AWAIT_APPROVAL');
      await handle.executeUpdate(approvePriceUpdate, {
        args: [{ quoteId: waiting.quote!.id, approved: true, maxMonthlyPriceUsd: 350 }],
      });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'gateway-504-reconciled',
    payloads: 'plain',
    covers: "a gateway 504 after Lumen applied the order, reconciled into that one order",
    async run(stack, taskQueue) {
      await stack.sandbox.admin.injectFault({ method: 'POST', path: ORDER_PATH, kind: 'status-after', status: 504 });
      const handle = await startProvisioning(stack, taskQueue, { requestId: 'HIST-504' });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'cancelled-during-activation',
    payloads: 'plain',
    covers: 'cancelled while the order awaits activation: settled, disconnected, Inactive, then CANCELLED',
    async run(stack, taskQueue) {
      await stack.sandbox.admin.setOutcome('HIST-CANCEL', { outcome: 'active', delayMs: 3_000 });
      const handle = await startProvisioning(stack, taskQueue, { requestId: 'HIST-CANCEL', activationTimeout: '1 minute' });
      await statusWhen(handle, (s) => s.step === 'AWAIT_ACTIVATION');
      await handle.cancel();
      await handle.result().catch(() => undefined);
      return handle.workflowId;
    },
  },
  {
    name: 'service-change-revert-disconnect',
    payloads: 'plain',
    covers: "the service's workflow: a change that reverts by itself, then the disconnect",
    async run(stack, taskQueue) {
      const provisioning = await startProvisioning(stack, taskQueue, { requestId: 'HIST-SERVICE' });
      const { serviceWorkflowId } = await provisioning.result();
      const service = stack.env.client.workflow.getHandle<typeof manageInternetOnDemandService>(serviceWorkflowId!);
      await service.executeUpdate(changeBandwidthUpdate, {
        args: [{ changeId: 'hist-burst', speed: '1 Gbps', revertAfter: '3 seconds' }],
      });
      for (let i = 0; i < 400 && (await service.query(serviceQuery)).lastChange?.changeId !== 'revert-hist-burst'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await service.executeUpdate(disconnectUpdate, { args: [{ reason: 'recording a history' }] });
      await service.result();
      return service.workflowId;
    },
  },
  {
    name: 'service-continued-as-new',
    payloads: 'plain',
    covers: "a service's workflow that reads its service at start, changes twice and continues as new",
    async run(stack, taskQueue) {
      const provisioning = await startProvisioning(stack, taskQueue, { requestId: 'HIST-CAN' });
      const { serviceWorkflowId, serviceId } = await provisioning.result();
      // The same service, adopted by a run of its own that continues as new after a few events.
      await stack.env.client.workflow.getHandle(serviceWorkflowId!).terminate('recording a history');
      const service = await stack.env.client.workflow.start(manageInternetOnDemandService, {
        taskQueue,
        workflowId: serviceWorkflowId!,
        args: [{ serviceId, customerNumber: SANDBOX_CUSTOMER, maxHistoryEvents: 30 }],
      });
      const firstRunId = service.firstExecutionRunId;
      for (const [changeId, speed] of [['hist-up', '1 Gbps'], ['hist-down', '100 Mbps']]) {
        await service.executeUpdate(changeBandwidthUpdate, { args: [{ changeId, speed }] });
      }
      for (let i = 0; i < 400; i++) {
        const { runId } = await stack.env.client.workflow.getHandle(serviceWorkflowId!).describe();
        if (runId !== firstRunId) return { workflowId: serviceWorkflowId!, runId: firstRunId };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the service did not continue as new');
    },
  },
  {
    name: 'calendar-firing',
    payloads: 'plain',
    covers: "a bandwidth calendar's firing, applied to the service's workflow as one change",
    async run(stack, taskQueue) {
      const provisioning = await startProvisioning(stack, taskQueue, { requestId: 'HIST-CALENDAR' });
      const { serviceId } = await provisioning.result();
      // Started as its Schedule would start it, without waiting for a calendar time to come.
      const scheduleId = scheduleIdFor(serviceId, 'nightly');
      const firing = await stack.env.client.workflow.start(applyScheduledBandwidth, {
        taskQueue,
        workflowId: `${scheduleId}-2026-12-07T00:00:00Z`,
        args: [{ serviceId, speed: '1 Gbps', scheduleId }],
      });
      await firing.result();
      return firing.workflowId;
    },
  },
  {
    name: 'quote',
    payloads: 'plain',
    covers: 'a price before ordering: steps 1 to 5, the quote and the offered speeds, nothing ordered',
    async run(stack, taskQueue) {
      const request = sandboxRequest({ requestId: 'HIST-QUOTE' });
      const handle = await stack.env.client.workflow.start(quoteInternetOnDemand, {
        taskQueue,
        workflowId: quoteWorkflowIdFor(request.requestId),
        args: [request],
      });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'reconcile-sweep',
    payloads: 'plain',
    covers: "the reconciliation sweep over a customer's inventory, one service raised outside and signalled",
    async run(stack, taskQueue) {
      const provisioning = await startProvisioning(stack, taskQueue, { requestId: 'HIST-SWEEP' });
      const { serviceId } = await provisioning.result();
      await stack.sandbox.admin.changeServiceOutside(serviceId, { speed: '1 Gbps', event: false });
      await stack.sandbox.admin.settleOrders();
      // Visibility shows the service's memo a moment after its first task.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const sweep = await stack.env.client.workflow.start(reconcileManagedServices, {
        taskQueue,
        workflowId: 'iod-reconcile-HIST',
        args: [],
      });
      await sweep.result();
      return sweep.workflowId;
    },
  },
  {
    name: 'adopt-all',
    payloads: 'plain',
    covers: "adopt --all: a customer's inventory paged, the services no workflow manages adopted",
    async run(stack, taskQueue) {
      await stack.sandbox.admin.seedServices({ customerNumber: SANDBOX_CUSTOMER, masterSiteId: MONROE, speed: '100 Mbps' });
      const adopt = await stack.env.client.workflow.start(adoptCustomerServices, {
        taskQueue,
        workflowId: `iod-adopt-${SANDBOX_CUSTOMER}-HIST`,
        args: [{ customerNumber: SANDBOX_CUSTOMER }],
      });
      await adopt.result();
      return adopt.workflowId;
    },
  },
];

export function payloadCodecOf(scenario: Pick<Scenario, 'payloads'>): PayloadCodecSettings {
  return scenario.payloads === 'encrypted' ? HISTORY_PAYLOAD_CODEC : { encryption: 'off' };
}

// The CLI writes the JSON form Worker.runReplayHistories reads (the same as the Web UI's download), and
// without a codec endpoint it writes the payloads as stored.
async function showHistory(stack: IntegrationStack, workflowId: string, runId?: string): Promise<{ events: unknown[] }> {
  const cli = await resolveTemporalCli();
  if (cli.executable.type !== 'existing-path') throw new Error('needs a Temporal CLI binary');
  const { stdout } = await promisify(execFile)(
    cli.executable.path,
    [
      ...['workflow', 'show', '--workflow-id', workflowId, ...(runId ? ['--run-id', runId] : [])],
      ...['--address', stack.env.address, '--output', 'json'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as { events: unknown[] };
}

async function record(stack: IntegrationStack, scenario: Scenario): Promise<RecordedHistory> {
  await stack.reset();
  const ran = await stack.withWorker((taskQueue) => scenario.run(stack, taskQueue));
  const { workflowId, runId } = typeof ran === 'string' ? { workflowId: ran, runId: undefined } : ran;
  const history = await showHistory(stack, workflowId, runId);
  await writeFile(historyFile(scenario.name), `${JSON.stringify(history, null, 1)}\n`);
  console.log(`${historyFile(scenario.name)}: ${history.events.length} events`);
  return { name: scenario.name, workflowId, payloads: scenario.payloads, covers: scenario.covers };
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
      const recorded: RecordedHistory[] = [];
      for (const scenario of scenarios) recorded.push(await record(stack, scenario));
      await updateManifest(recorded);
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
