// Tracing, as an operator turns it on: `npm run worker` with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a
// collector (here one inside the test), one provisioning through the Lumen sandbox, and the trace it
// leaves: the workflow's span, a span for every activity it ran, and every Lumen call under its activity.
// The worker runs the prebuilt bundle for tracing with encryption, as `npm run build` writes it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import { serviceWorkflowIdFor } from '../../domain/service';
import type { ProvisioningResult } from '../../domain/status';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { writePrebuiltBundles } from '../../workers/workflow-bundle';
import { serviceQuery } from '../../workflows/messages';
import { eventually } from '../client/eventually';
import { startDevEnvironment } from '../env/temporal';
import { freshRequestId, provisioningRequest } from '../env/requests';
import { localActivities, scheduledActivities } from './history-activities';
import { startOtlpCollector, type CollectedSpan, type OtlpCollector } from './otlp-collector';
import { startWebhookRelay, type WebhookRelay } from './webhook-relay';
import { sandboxWorkerEnv, startWorkerProcess, type WorkerProcess } from './worker-process';

let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let relay: WebhookRelay;
let collector: OtlpCollector;
let bundleDir: string;

beforeAll(async () => {
  bundleDir = await mkdtemp(path.join(os.tmpdir(), 'traced-bundle-'));
  [env, sandbox, collector] = await Promise.all([
    startDevEnvironment(),
    createSandbox({ port: 0, activationDelayMs: 300 }),
    startOtlpCollector(),
    writePrebuiltBundles(bundleDir, pino({ level: 'silent' }), [{ encodedFailures: true, tracing: true }]),
  ]);
  relay = await startWebhookRelay(env.client);
  await sandbox.admin.setWebhook({ url: relay.url, secret: relay.secret });
});

afterAll(async () => {
  await relay?.close();
  await collector?.close();
  await sandbox?.close();
  await env?.teardown();
  await rm(bundleDir, { recursive: true, force: true });
});

function startTracedWorker(taskQueue: string): WorkerProcess {
  return startWorkerProcess({
    ...sandboxWorkerEnv({ temporalAddress: env.address, taskQueue, sandboxUrl: sandbox.url }),
    WORKER_WORKFLOW_BUNDLE_DIR: bundleDir,
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
  });
}

const childrenOf = (spans: CollectedSpan[], parent: CollectedSpan) =>
  spans.filter((span) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId);

test('one provisioning leaves one trace: the workflow, each activity it ran, and the Lumen calls under them', async () => {
  const taskQueue = `traced-${freshRequestId()}`;
  const request: ProvisioningRequestInput = provisioningRequest({
    requestId: freshRequestId('T'),
    customerNumber: '1-SANDBOX',
    site: { masterSiteId: 'PL0001247634' },
    pollInterval: '1 minute',
    activationTimeout: '2 minutes',
  });
  const worker = startTracedWorker(taskQueue);
  let result: ProvisioningResult;
  try {
    await worker.running;
    expect(worker.output()).toContain('"msg":"workflow bundle: prebuilt"');
    const handle = await env.client.workflow.start<(r: ProvisioningRequestInput) => Promise<ProvisioningResult>>(
      'provisionInternetOnDemand',
      { taskQueue, workflowId: workflowIdFor(request.requestId), args: [request] },
    );
    result = await handle.result();
    expect(result.status).toBe('ACTIVE');
    // The service's own workflow reads inventory once after the hand-over: its calls are in the trace too.
    const service = env.client.workflow.getHandle(serviceWorkflowIdFor(String(result.serviceId)));
    await eventually(async () => expect((await service.query(serviceQuery)).status).toBe('ACTIVE'), 30_000);
  } finally {
    // SIGTERM: the worker drains and sends the spans it still holds before it exits.
    await worker.stop();
  }
  const history = await env.client.workflow.getHandle(workflowIdFor(request.requestId)).fetchHistory();
  const scheduled = [...scheduledActivities(history), ...localActivities(history)];
  const { spans } = collector;

  const workflow = spans.find(
    (span) =>
      span.name === 'RunWorkflow:provisionInternetOnDemand' &&
      span.attributes.workflowId === workflowIdFor(request.requestId),
  );
  expect(workflow).toBeDefined();
  expect(workflow!.service).toBe('lumen-iod-worker');
  const trace = spans.filter((span) => span.traceId === workflow!.traceId);

  // Every activity the history shows, local or not: started by the workflow, run by the worker, in this trace.
  expect(scheduled).toEqual(expect.arrayContaining(['findProvider', 'requestPrice', 'placeOrder']));
  const started = childrenOf(trace, workflow!);
  for (const type of new Set(scheduled)) {
    const start = started.find((span) => span.name === `StartActivity:${type}`);
    expect({ type, started: start !== undefined }).toEqual({ type, started: true });
    expect(childrenOf(trace, start!).map((span) => span.name)).toContain(`RunActivity:${type}`);
  }
  // The webhook's signal comes from outside any trace: its span starts a trace of its own, named by workflow id.
  expect(spans).toContainEqual(
    expect.objectContaining({
      name: 'HandleSignal:lumenNotification',
      attributes: expect.objectContaining({ workflowId: workflowIdFor(request.requestId) }),
    }),
  );

  // Every request the sandbox received has its span, under the activity that made it.
  const lumenCalls = trace.filter((span) => span.attributes['http.request.method'] !== undefined);
  const received = await sandbox.admin.requests();
  expect(lumenCalls.map((span) => span.name).sort()).toEqual(
    received.map((entry) => `${entry.method} ${entry.path}`).sort(),
  );
  for (const call of lumenCalls) {
    const parent = trace.find((span) => span.spanId === call.parentSpanId);
    expect({ call: call.name, under: parent?.name }).toEqual({
      call: call.name,
      under: expect.stringMatching(/^RunActivity:/),
    });
  }
  const orderCall = lumenCalls.find((span) => span.name === 'POST /Customer/v3/Ordering/orderRequest');
  expect(trace.find((span) => span.spanId === orderCall?.parentSpanId)?.name).toBe('RunActivity:placeOrder');
  expect(orderCall?.attributes['http.response.status_code']).toBeGreaterThanOrEqual(200);

  // The contact travels encrypted through Temporal; it does not leave by the traces either.
  const exported = JSON.stringify(spans);
  for (const detail of [request.contact.email, request.contact.phone, request.contact.name]) {
    expect(exported).not.toContain(detail);
  }
});
