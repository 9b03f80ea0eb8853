// One dev server, one recorder workflow bundle and one receiver per test file, plus the few
// questions the tests ask of them: what did the receiver answer, what did the workflow get.
import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { Agent, request } from 'undici';
import { requestIdOf, workflowIdFor } from '../../domain/names';
import type { LumenNotification } from '../../domain/notification';
import { createWebhookReceiver, type WebhookReceiver, type WebhookReceiverDeps } from '../../webhooks/server';
import { testDataConverter } from '../env/codec';
import { startDevEnvironment } from '../env/temporal';
import { captureLogs, type CapturedLogs } from './captured-logs';
import { lumenNotificationSignal, receivedQuery, recordNotifications } from './notification-recorder';
import { orderEvent } from './signed-events';

export const TASK_QUEUE = 'webhook-receiver-test';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export class ReceiverHarness {
  readonly secret = `whsec-${randomBytes(16).toString('hex')}`;
  readonly logs: CapturedLogs = captureLogs();
  env!: TestWorkflowEnvironment;
  receiver!: WebhookReceiver;
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private readonly agent = new Agent({ keepAliveTimeout: 1_000 });
  private readonly extraReceivers: WebhookReceiver[] = [];

  async start(overrides: Partial<WebhookReceiverDeps> = {}): Promise<void> {
    this.env = await startDevEnvironment();
    // One worker for the file: the recorder workflow is all it serves.
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      dataConverter: testDataConverter,
      taskQueue: TASK_QUEUE,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./notification-recorder'),
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
      }),
    });
    this.workerRun = this.worker.run();
    this.receiver = await this.startReceiver(overrides);
  }

  /** A receiver with this harness's secret and logs, signalling the dev server unless told otherwise. */
  async startReceiver(overrides: Partial<WebhookReceiverDeps> = {}): Promise<WebhookReceiver> {
    const temporal = 'signaller' in overrides ? {} : { client: this.env.client };
    const receiver = await createWebhookReceiver({
      ...temporal,
      secret: this.secret,
      port: 0,
      logger: this.logs.logger,
      ...overrides,
    } as WebhookReceiverDeps);
    if (this.receiver) this.extraReceivers.push(receiver);
    return receiver;
  }

  async stop(): Promise<void> {
    for (const receiver of this.extraReceivers) await receiver.close();
    await this.receiver?.close();
    await this.agent.close();
    this.worker?.shutdown();
    await this.workerRun;
    await this.env?.teardown();
  }

  /** Starts a recorder under the id the receiver routes `externalId` to (or under another id). */
  startRecorder(
    externalId: string,
    workflowId = workflowIdFor(externalId),
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof recordNotifications>> {
    return this.env.client.workflow.start(recordNotifications, { taskQueue: TASK_QUEUE, workflowId });
  }

  async post(
    body: string | Buffer,
    headers: Record<string, string>,
    options: { url?: string; method?: 'POST' | 'GET' | 'PUT' } = {},
  ): Promise<Reply> {
    const response = await request(options.url ?? this.receiver.url, {
      method: options.method ?? 'POST',
      headers,
      body: options.method === 'GET' ? undefined : body,
      dispatcher: this.agent,
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? JSON.parse(text) : {}, headers: response.headers };
  }

  async get(path: string): Promise<{ status: number; text: string }> {
    const response = await request(new URL(path, this.receiver.url), { dispatcher: this.agent });
    return { status: response.statusCode, text: await response.body.text() };
  }

  /**
   * The events the recorder got through the receiver. A sentinel signalled straight to the workflow
   * goes last: once the recorder shows it, everything accepted before it has been processed too, so
   * "nothing" and "exactly once" are exact rather than timing-dependent.
   */
  async receivedBy(handle: WorkflowHandle): Promise<LumenNotification[]> {
    const sentinel = orderEvent(requestIdOf(handle.workflowId) ?? 'sentinel', 'inProgress', `sentinel-${randomUUID()}`);
    await handle.signal(lumenNotificationSignal, sentinel);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const events = await handle.query(receivedQuery);
      if (events.some((event) => event.eventId === sentinel.eventId)) {
        return events.filter((event) => !event.eventId.startsWith('sentinel-'));
      }
      if (Date.now() > deadline) throw new Error(`${handle.workflowId} did not process the sentinel signal`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
