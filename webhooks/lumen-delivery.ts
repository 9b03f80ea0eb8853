// One POST /webhooks/lumen delivery, from raw request to the answer Lumen gets: bounded body,
// signature, JSON, schema, dedupe, then the signal. Only a signal Temporal accepted earns a 2xx
// that Lumen treats as delivered; anything Temporal could not take is a 503 so Lumen retries.
// An order is routed by its externalId to its provisioning (iod-<externalId>); when no provisioning
// runs under it — a change or disconnect order, or a provisioning already handed over — to the
// service's own workflow (iod-service-<serviceId>).
import type { IncomingMessage } from 'node:http';
import { workflowIdFor } from '../domain/names';
import { serviceWorkflowIdFor } from '../domain/service';
import { lumenNotificationSchema, type LumenNotification } from '../domain/notification';
import type { Logger } from '../logging/logger';
import type { ReceiverMetrics } from './metrics';
import { REJECTIONS, type RejectionReason } from './rejections';
import { readBoundedBody } from './request-body';
import type { SeenEvents } from './seen-events';
import { ReceiverBusyError } from './signal-gate';
import { SIGNATURE_HEADER, verifyLumenSignature } from './signature';
import type { WorkflowSignaller } from './workflow-signaller';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Set when the request body was left unread: the connection cannot be reused. */
  closeConnection?: boolean;
}

export interface DeliveryContext {
  secret: string;
  replayWindowMs: number;
  maxBodyBytes: number;
  now: () => number;
  signaller: WorkflowSignaller;
  seen: SeenEvents;
  metrics: ReceiverMetrics;
  logger: Logger;
}

const RETRY_AFTER_SECONDS = '5';

/** Answers a refused request and writes its one log line; never logs the body or the signature. */
export function reject(
  context: Pick<DeliveryContext, 'metrics' | 'logger'>,
  reason: RejectionReason,
  details: Record<string, unknown> = {},
): Reply {
  const { status, message } = REJECTIONS[reason];
  context.metrics.countRejection(reason);
  context.logger.warn({ reason, status, ...details }, `webhook rejected: ${message}`);
  return { status, body: { error: reason, message, ...details } };
}

function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true; // the signature, not the header, says what the body is
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function fieldIssues(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', problem: issue.message }));
}

/** The error and its cause in one line: the client's "Failed to signal" alone does not say why. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

export class LumenDelivery {
  // Concurrent redeliveries of one event share the first one's signal instead of signalling twice.
  private readonly inFlight = new Map<string, Promise<Reply>>();

  constructor(private readonly context: DeliveryContext) {}

  async handle(request: IncomingMessage): Promise<Reply | undefined> {
    const { context } = this;
    context.metrics.received += 1;
    const remoteAddress = request.socket.remoteAddress;
    const log = { remoteAddress };

    if (!isJsonMediaType(request.headers['content-type'])) {
      return reject(context, 'unsupported_media_type', log);
    }
    const read = await readBoundedBody(request, context.maxBodyBytes);
    if (read.kind === 'aborted') {
      context.logger.info(log, 'webhook request aborted by the sender before its body arrived');
      return undefined;
    }
    if (read.kind === 'too_large') {
      return {
        ...reject(context, 'body_too_large', { ...log, limitBytes: context.maxBodyBytes }),
        closeConnection: true,
      };
    }

    const check = verifyLumenSignature({
      secret: context.secret,
      rawBody: read.body,
      header: request.headers[SIGNATURE_HEADER],
      nowMs: context.now(),
      toleranceMs: context.replayWindowMs,
    });
    if (!check.ok) return reject(context, check.reason, log);

    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return reject(context, 'invalid_json', log);
    }
    const parsed = lumenNotificationSchema.safeParse(json);
    if (!parsed.success) return reject(context, 'invalid_event', { ...log, fields: fieldIssues(parsed.error) });

    return this.deliverOnce(parsed.data);
  }

  private deliverOnce(event: LumenNotification): Promise<Reply> {
    const { eventId } = event;
    const workflowId = workflowIdFor(event.event.productOrder.externalId);
    if (this.context.seen.has(eventId)) return Promise.resolve(this.duplicate(eventId, workflowId));
    const pending = this.inFlight.get(eventId);
    // A redelivery racing the first copy waits for its outcome: acknowledged if Temporal took it.
    if (pending) return pending.then((first) => (first.status < 300 ? this.duplicate(eventId, workflowId) : first));
    const delivery = this.signal(event, workflowId).finally(() => this.inFlight.delete(eventId));
    this.inFlight.set(eventId, delivery);
    return delivery;
  }

  private duplicate(eventId: string, workflowId: string): Reply {
    this.context.metrics.countOutcome('duplicate');
    this.context.logger.info({ eventId, workflowId }, 'duplicate webhook event acknowledged without a second signal');
    return { status: 200, body: { status: 'duplicate', eventId } };
  }

  private async signal(event: LumenNotification, provisioningId: string): Promise<Reply> {
    let workflowId = provisioningId;
    const { context } = this;
    const { eventId } = event;
    const { state } = event.event.productOrder;
    try {
      let outcome = await context.signaller.signal(workflowId, event);
      const serviceId = event.event.productOrder.serviceId;
      if (outcome === 'no-workflow' && serviceId) {
        workflowId = serviceWorkflowIdFor(serviceId);
        outcome = await context.signaller.signal(workflowId, event);
      }
      // Marked seen only now: an event Temporal did not take must be signalled when Lumen retries.
      context.seen.add(eventId);
      if (outcome === 'no-workflow') {
        context.metrics.countOutcome('no_workflow');
        context.logger.warn(
          { eventId, workflowId: provisioningId, state },
          'webhook event for no running provisioning or service acknowledged; nothing was started',
        );
        return { status: 202, body: { status: 'no_running_workflow', eventId, workflowId: provisioningId } };
      }
      context.metrics.countOutcome('signalled');
      context.logger.info({ eventId, workflowId, state }, 'webhook event signalled to its workflow');
      return { status: 200, body: { status: 'signalled', eventId, workflowId } };
    } catch (error) {
      if (error instanceof ReceiverBusyError) {
        context.metrics.countOutcome('busy');
        context.logger.warn(
          { eventId, workflowId, error: error.message },
          'receiver busy: the event waited past its deadline for a turn to signal; answering 503 so Lumen retries',
        );
      } else {
        context.metrics.countOutcome('temporal_unavailable');
        context.logger.error(
          { eventId, workflowId, error: describeError(error) },
          'Temporal did not accept the signal; answering 503 so Lumen retries',
        );
      }
      return {
        status: 503,
        body: { error: 'temporal_unavailable', message: 'the event could not be handed to Temporal; retry later' },
        headers: { 'retry-after': RETRY_AFTER_SECONDS },
      };
    }
  }
}
