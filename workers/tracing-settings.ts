// Whether and where the worker sends traces, from the standard OTEL_* variables: off unless one names an
// exporter. Apart from the tracing itself (tracing.ts) so that reading it loads no OpenTelemetry code.

export type TracingSettings = { exporter: 'none' } | { exporter: 'otlp'; tracesUrl: string };

export const TRACING_OFF: TracingSettings = { exporter: 'none' };

/** The workflow-side interceptors, bundled into the workflow code when tracing is on. */
export const WORKFLOW_TRACING_MODULE =
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

// The OTLP/HTTP default of the specification, for OTEL_TRACES_EXPORTER=otlp with no endpoint.
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/**
 * Reads OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP[_TRACES]_ENDPOINT and _PROTOCOL.
 * Headers, timeout, compression, sampling, batching and resource attributes are read by the
 * OpenTelemetry SDK itself, as everywhere else. Problems are pushed as "VARIABLE: why" lines.
 */
export function readTracingSettings(env: NodeJS.ProcessEnv, problems: string[]): TracingSettings | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return TRACING_OFF;
  const tracesEndpoint = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = value('OTEL_EXPORTER_OTLP_ENDPOINT');
  const exporter = value('OTEL_TRACES_EXPORTER')?.toLowerCase() ?? (tracesEndpoint || endpoint ? 'otlp' : 'none');
  if (exporter === 'none') return TRACING_OFF;
  const before = problems.length;
  if (exporter !== 'otlp') {
    problems.push(
      `OTEL_TRACES_EXPORTER: "${exporter}" is not supported; use otlp (a collector over OTLP/HTTP) or none`,
    );
  }
  const protocolVariable = value('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = value(protocolVariable);
  if (protocol !== undefined && protocol !== 'http/protobuf') {
    problems.push(`${protocolVariable}: "${protocol}" is not supported; the worker sends http/protobuf`);
  }
  // Per the specification the signal's own endpoint is used as is; the general one gets /v1/traces.
  const [variable, url] = tracesEndpoint
    ? ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint]
    : ['OTEL_EXPORTER_OTLP_ENDPOINT', `${(endpoint ?? DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, '')}/v1/traces`];
  // The value is not echoed: an endpoint may carry credentials.
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
    problems.push(`${variable}: not an http(s) URL like http://localhost:4318`);
  }
  return problems.length > before ? undefined : { exporter: 'otlp', tracesUrl: url };
}

/** "OTLP http/protobuf to http://collector:4318/v1/traces" or "off", without credentials or query. */
export function describeTracing(settings: TracingSettings): string {
  if (settings.exporter === 'none') return 'off';
  const url = new URL(settings.tracesUrl);
  return `OTLP http/protobuf to ${url.protocol}//${url.host}${url.pathname}`;
}
