// The sandbox's rules without a socket: the store, order lifecycle, faults and webhooks, on an injected
// clock and ids, answering one request at a time. The HTTP server serves it for `npm run sandbox` and the
// integration tests; the time-skipping tests call it in process on the test server's clock.
import type { IncomingHttpHeaders } from 'node:http';
import { ADMIN_PREFIX, serveAdmin, type SandboxParts } from './admin';
import { serveApi } from './api';
import { FaultBook, faultResponse } from './faults';
import { randomIds, type SandboxIds } from './ids';
import { Lifecycle } from './lifecycle';
import type { SandboxResponse } from './responses';
import { SandboxStore, type SandboxSettings } from './store';
import { WallTime, type SandboxTime } from './time';
import { WebhookSender } from './webhook-sender';

export interface EngineRequest {
  method: string;
  /** Path and query as sent; the origin is never read. */
  url: URL;
  headers: IncomingHttpHeaders;
  /** The request body, read only when the request gets that far; a response when it cannot be read. */
  body(): Promise<string | SandboxResponse>;
}

/** An answer, or the connection dropped unanswered, before or after the request was applied. */
export type EngineAnswer = { response: SandboxResponse } | { dropped: 'before' | 'after' };

export interface EngineOptions {
  settings: SandboxSettings;
  /** Default: the wall clock with real timers. */
  time?: SandboxTime;
  /** Default: random ids, as Lumen's look. */
  ids?: SandboxIds;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export class SandboxEngine implements SandboxParts {
  readonly store: SandboxStore;
  readonly lifecycle: Lifecycle;
  readonly webhooks: WebhookSender;
  readonly faults: FaultBook;
  readonly time: SandboxTime;

  constructor(options: EngineOptions) {
    this.time = options.time ?? new WallTime();
    this.store = new SandboxStore(options.settings, this.time, options.ids ?? randomIds);
    this.webhooks = new WebhookSender(this.time);
    this.lifecycle = new Lifecycle(this.store, this.time, this.webhooks);
    this.faults = new FaultBook(() => this.time.now());
  }

  /** Back to the seed: forgets orders, quotes, tokens, faults, outcomes, the webhook and the logs. */
  reset(): void {
    this.time.clear();
    this.webhooks.reset();
    this.faults.clear();
    this.store.reset();
  }

  /** The admin surface, injected faults, then the Lumen API itself. */
  async serve(request: EngineRequest): Promise<EngineAnswer> {
    this.time.runDue();
    const { method, headers, url } = request;
    const { pathname: path, searchParams: query } = url;
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      const body = await request.body();
      return { response: typeof body === 'string' ? serveAdmin(method, path, query, body, this) : body };
    }

    const arrivedAt = new Date(this.time.now()).toISOString();
    const customerNumber = headerText(headers['x-customer-number']);
    const log = (status: number, fault?: string) =>
      this.store.logRequest({
        at: arrivedAt,
        method,
        path,
        query: url.search,
        status,
        ...(customerNumber ? { customerNumber } : {}),
        ...(fault ? { fault } : {}),
      });

    const fault = this.faults.take(method, path);
    if (fault?.latencyMs) await this.time.sleep(fault.latencyMs);
    if (fault?.kind === 'reset-before') {
      log(0, fault.kind);
      return { dropped: 'before' };
    }
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit') {
      const response = faultResponse(fault);
      log(response.status, fault.kind);
      return { response };
    }

    const rawBody = await request.body();
    if (typeof rawBody !== 'string') {
      log(rawBody.status);
      return { response: rawBody };
    }
    const response = serveApi({ method, path, query, headers, rawBody }, this);
    if (fault?.kind === 'reset-after') {
      log(0, fault.kind);
      return { dropped: 'after' };
    }
    if (fault?.kind === 'status-after') {
      // Applied behind the gateway, but the caller only hears the gateway's error.
      const lost = faultResponse(fault);
      log(lost.status, fault.kind);
      return { response: lost };
    }
    log(response.status, fault?.kind);
    return { response };
  }

  close(): void {
    this.time.close();
  }
}
