// An OTLP/HTTP trace collector inside the test: takes what an exporter POSTs to /v1/traces (protobuf, as
// the worker sends it) and keeps each span with its trace, parent, service and attributes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import otlp from '@opentelemetry/otlp-transformer/build/src/generated/root';

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  service: string;
  attributes: Record<string, string | number | boolean>;
  startMs: number;
  endMs: number;
}

export interface OtlpCollector {
  /** What OTEL_EXPORTER_OTLP_ENDPOINT names: the exporter appends /v1/traces. */
  endpoint: string;
  spans: CollectedSpan[];
  close(): Promise<void>;
}

// Decoded oneof members that are not set read as null.
interface AnyValue {
  stringValue?: string | null;
  intValue?: { toString(): string } | number | null;
  doubleValue?: number | null;
  boolValue?: boolean | null;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface ExportRequest {
  resourceSpans: {
    resource?: { attributes: KeyValue[] };
    scopeSpans: {
      spans: {
        traceId: Uint8Array;
        spanId: Uint8Array;
        parentSpanId?: Uint8Array;
        name: string;
        attributes: KeyValue[];
        startTimeUnixNano: { toString(): string };
        endTimeUnixNano: { toString(): string };
      }[];
    }[];
  }[];
}

const ExportTraceServiceRequest = (
  otlp as unknown as {
    opentelemetry: {
      proto: {
        collector: { trace: { v1: { ExportTraceServiceRequest: { decode(bytes: Uint8Array): ExportRequest } } } };
      };
    };
  }
).opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('hex');
const millis = (nanos: { toString(): string }) => Number(BigInt(nanos.toString()) / 1_000_000n);

function valueOf(value: AnyValue | undefined): string | number | boolean {
  if (value?.stringValue != null) return value.stringValue;
  if (value?.boolValue != null) return value.boolValue;
  if (value?.doubleValue != null) return value.doubleValue;
  if (value?.intValue != null) return Number(value.intValue.toString());
  return '';
}

const attributesOf = (list: KeyValue[] = []) => Object.fromEntries(list.map((kv) => [kv.key, valueOf(kv.value)]));

export async function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      const exported = ExportTraceServiceRequest.decode(Buffer.concat(chunks));
      for (const resourceSpans of exported.resourceSpans) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
        for (const span of resourceSpans.scopeSpans.flatMap((scope) => scope.spans)) {
          spans.push({
            traceId: hex(span.traceId),
            spanId: hex(span.spanId),
            parentSpanId: hex(span.parentSpanId),
            name: span.name,
            service,
            attributes: attributesOf(span.attributes),
            startMs: millis(span.startTimeUnixNano),
            endMs: millis(span.endTimeUnixNano),
          });
        }
      }
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
