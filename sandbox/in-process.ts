// The engine behind an undici Dispatcher, so the real Lumen client can talk to it without a socket: the
// time-skipping tests run the client, the activities and the sandbox's rules in one process.
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { Dispatcher } from 'undici';
import type { SandboxEngine } from './engine';
import { bodyText, json, type SandboxResponse } from './responses';

function headersOf(raw: Dispatcher.DispatchOptions['headers']): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  if (!raw) return headers;
  const pairs: [string, unknown][] = Array.isArray(raw)
    ? Array.from({ length: raw.length / 2 }, (_, i) => [String(raw[2 * i]), raw[2 * i + 1]])
    : Object.entries(raw);
  for (const [name, value] of pairs) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return headers;
}

function textOf(body: Dispatcher.DispatchOptions['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new Error('the in-process sandbox reads string and buffer bodies only');
}

/** What undici reports when the other side closes the connection without answering. */
function socketClosed(): Error {
  return Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
}

class Exchange implements Dispatcher.DispatchController {
  aborted = false;
  paused = false;
  reason: Error | null = null;

  abort(reason: Error): void {
    this.aborted = true;
    this.reason = reason;
  }

  pause(): void {}
  resume(): void {}
}

export class EngineDispatcher extends Dispatcher {
  constructor(private readonly engine: SandboxEngine) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    void this.exchange(options, handler);
    return true;
  }

  private async exchange(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): Promise<void> {
    const exchange = new Exchange();
    handler.onRequestStart?.(exchange, {});
    if (exchange.aborted) {
      handler.onResponseError?.(exchange, exchange.reason ?? socketClosed());
      return;
    }
    let answer: SandboxResponse;
    try {
      const served = await this.engine.serve({
        method: options.method.toUpperCase(),
        url: new URL(options.path, 'http://sandbox.invalid'),
        headers: headersOf(options.headers),
        body: async () => textOf(options.body),
      });
      if ('dropped' in served) {
        handler.onResponseError?.(exchange, socketClosed());
        return;
      }
      answer = served.response;
    } catch {
      answer = json(500, { error: 'sandbox failure' });
    }
    if (exchange.aborted) {
      handler.onResponseError?.(exchange, exchange.reason ?? socketClosed());
      return;
    }
    const text = bodyText(answer);
    const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
    handler.onResponseStart?.(exchange, answer.status, headers, STATUS_CODES[answer.status] ?? '');
    handler.onResponseData?.(exchange, Buffer.from(text));
    handler.onResponseEnd?.(exchange, {});
  }

  override async close(): Promise<void> {}

  override async destroy(): Promise<void> {}
}
