// OpenTelemetry tracing for the worker: a span per workflow, per activity (scheduled in the workflow,
// run in the worker) and per Lumen HTTP exchange, sent over OTLP/HTTP (protobuf) to a collector. Loaded
// only when tracing-settings.ts finds an exporter named, so a worker without tracing carries none of it.
import { context, propagation, type Attributes, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import { maskContactText } from '../logging/contact-redaction';
import type { TracingSettings } from './tracing-settings';

const DEFAULT_SERVICE_NAME = 'lumen-iod-worker';

export interface Tracing {
  /** For the spans the project makes itself (Lumen HTTP calls). */
  tracer: Tracer;
  /** Activity interceptors, and the sink through which workflow code hands over its spans. */
  workerOptions: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
  /** For a client that starts workflows: the workflow's spans then join the caller's trace. */
  clientInterceptors: WorkflowClientInterceptor[];
  /** Sends what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Starts the tracer provider; `exporter` replaces the OTLP exporter (tests). */
export function startTracing(
  settings: Extract<TracingSettings, { exporter: 'otlp' }>,
  exporter: SpanExporter = new OTLPTraceExporter({ url: settings.tracesUrl }),
): Tracing {
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the default name.
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': DEFAULT_SERVICE_NAME }))
    .merge(envDetectorSync.detect());
  const processor = withoutContactDetails(new BatchSpanProcessor(exporter));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  const tracer = provider.getTracer(DEFAULT_SERVICE_NAME);
  // A Lumen call's span finds its activity's span through the async context; activity spans find the
  // workflow's through the W3C trace context the interceptors put in the task headers.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    tracer,
    workerOptions: {
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }),
            outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      sinks: { exporter: makeWorkflowExporter(processor, resource) },
    },
    clientInterceptors: [new OpenTelemetryWorkflowClientInterceptor({ tracer })],
    async shutdown() {
      await provider.shutdown();
      contextManager.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * What leaves the worker: failure messages masked as in the logs (they can quote an order contact in
 * Lumen's words), and on workflow spans only the plain values of the workflow info the SDK attaches
 * (ids, type, queue, attempt), not its memo, search attributes or last result.
 */
function withoutContactDetails(inner: SpanProcessor): SpanProcessor {
  const masked = (span: ReadableSpan): ReadableSpan => {
    const message = span.status.message;
    return Object.assign(Object.create(span) as ReadableSpan, {
      attributes: plainAttributes(span.attributes),
      status: message === undefined ? span.status : { ...span.status, message: maskContactText(message) },
      events: span.events.map((event) => ({
        ...event,
        attributes: event.attributes ? plainAttributes(event.attributes) : undefined,
      })),
      spanContext: () => span.spanContext(),
    });
  };
  return {
    onStart: (span, parent) => inner.onStart(span, parent),
    onEnd: (span) => inner.onEnd(masked(span)),
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
}

function plainAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string') kept[key] = maskContactText(value);
    else if (typeof value === 'number' || typeof value === 'boolean') kept[key] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))
      kept[key] = value;
  }
  return kept;
}
