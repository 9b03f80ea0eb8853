// The one HTTP door to Lumen: the ceiling on requests per second, a keep-alive undici Pool, a deadline on
// every exchange, knowledge of whether a failed request had been sent (which decides if repeating it is
// safe), and a trace span per exchange when a tracer is given.
import type { IncomingHttpHeaders } from 'node:http';
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { Pool, type Dispatcher } from 'undici';
import type { LumenLogger } from './config';
import type { RequestLimiter } from './rate-limiter';
import { DeadlineExceeded, transportFailure } from './transport-failure';

export interface OutgoingRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, "/Network/v1/provider". */
  path: string;
  query?: Record<string, string | undefined>;
  headers: Record<string, string>;
  body?: string;
  /** Repeating cannot apply it twice: timeouts and resets after sending stay retryable. */
  idempotent: boolean;
  /** This exchange's deadline, when it should differ from the configured requestTimeoutMs. */
  timeoutMs?: number;
  /** A poll that may wait for every other request under the ceiling (RequestPriority 'background'). */
  background?: boolean;
}

export interface IncomingResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface TransportOptions {
  origin: string;
  pathPrefix: string;
  connections: number;
  requestTimeoutMs: number;
  /** Asked before every request leaves (token, pages, repeats after a 401 included). */
  limiter: RequestLimiter;
  logger: LumenLogger;
  redact: (text: string) => string;
  /** A span per exchange, a child of whatever span is active (the activity's); none without. */
  tracer?: Tracer;
  /** Used instead of a pool of its own (which close() would end). */
  dispatcher?: Dispatcher;
}

/** "GET /Network/v1/provider": how errors and logs name a call. */
export function endpointOf(request: Pick<OutgoingRequest, 'method' | 'path'>): string {
  return `${request.method} ${request.path}`;
}

export class LumenTransport {
  private readonly pool: Dispatcher;
  private readonly ownsPool: boolean;

  constructor(private readonly options: TransportOptions) {
    const limit = options.requestTimeoutMs;
    this.ownsPool = options.dispatcher === undefined;
    this.pool =
      options.dispatcher ??
      new Pool(options.origin, {
        connections: options.connections,
        connect: { timeout: limit },
        headersTimeout: limit,
        bodyTimeout: limit,
      });
  }

  send(request: OutgoingRequest): Promise<IncomingResponse> {
    const tracer = this.options.tracer;
    if (!tracer) return this.sendUntraced(request);
    // Method and path only: the query and the body carry customer identifiers, never needed to see the time.
    const attributes = {
      'http.request.method': request.method,
      'url.path': this.options.pathPrefix + request.path,
      'server.address': new URL(this.options.origin).hostname,
    };
    return tracer.startActiveSpan(endpointOf(request), { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        const response = await this.sendUntraced(request);
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      } catch (error) {
        // The transport's own message: redacted, and it says whether the request was sent.
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async sendUntraced(request: OutgoingRequest): Promise<IncomingResponse> {
    const endpoint = endpointOf(request);
    const started = performance.now();
    const path = this.options.pathPrefix + request.path + queryString(request.query);
    try {
      // Waiting here is before sending: a refusal by the ceiling is "not sent", and the deadline starts after.
      const answered = await this.options.limiter.acquire(request.background ? 'background' : 'foreground');
      const queuedMs = elapsed(started);
      const response = await this.exchange(path, request).finally(answered);
      this.options.logger.debug(
        { endpoint, status: response.status, ms: elapsed(started), queuedMs },
        'lumen response',
      );
      return response;
    } catch (failure) {
      // Anything thrown before the handler existed was thrown before dispatch: nothing was sent.
      const { error, sent } = isExchangeFailure(failure) ? failure : { error: failure, sent: false };
      const apiError = transportFailure(error, {
        endpoint,
        idempotent: request.idempotent,
        sent,
        redact: this.options.redact,
      });
      this.options.logger.warn(
        { endpoint, transportCode: apiError.transportCode, retryable: apiError.retryable, ms: elapsed(started) },
        apiError.message,
      );
      throw apiError;
    }
  }

  close(): Promise<void> {
    return this.ownsPool ? this.pool.close() : Promise.resolve();
  }

  private exchange(path: string, request: OutgoingRequest): Promise<IncomingResponse> {
    return new Promise((resolve, reject) => {
      const handler = new BufferingHandler(resolve, reject, request.timeoutMs ?? this.options.requestTimeoutMs);
      this.pool.dispatch(
        { method: request.method, path, headers: request.headers, body: request.body ?? null },
        handler,
      );
    });
  }
}

interface ExchangeFailure {
  error: unknown;
  sent: boolean;
}

function isExchangeFailure(value: unknown): value is ExchangeFailure {
  return typeof value === 'object' && value !== null && 'sent' in value && 'error' in value;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function queryString(query: OutgoingRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.append(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Collects one response in memory and enforces the deadline from dispatch to the last body byte. */
class BufferingHandler implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private sent = false;
  private settled = false;
  private cancelled?: Error;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (response: IncomingResponse) => void,
    private readonly reject: (failure: ExchangeFailure) => void,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(() => this.onDeadline(new DeadlineExceeded(timeoutMs)), timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Still queued when the deadline passed: the caller was told "not sent", so never send it now.
    if (this.cancelled) return controller.abort(this.cancelled);
    this.controller = controller;
    this.sent = true;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (status < 200) return; // 1xx informational
    this.status = status;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text =
      this.chunks.length === 1 ? this.chunks[0].toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
    this.settle(() => this.resolve({ status: this.status, headers: this.headers, text }));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settle(() => this.reject({ error, sent: this.sent }));
  }

  private onDeadline(error: DeadlineExceeded): void {
    if (this.settled) return;
    if (this.controller) {
      this.controller.abort(error); // reported through onResponseError, after sending
    } else {
      this.cancelled = error;
      this.settle(() => this.reject({ error, sent: false }));
    }
  }

  private settle(report: () => void): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    report();
  }
}
