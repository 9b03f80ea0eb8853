// Signed, at-least-once delivery of order events to the registered receiver (or receivers, with
// failover), with optional duplicates and reordering so receivers are tested against what the
// contract allows.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import type { LumenEvent } from './records';
import type { SandboxTime } from './time';

export interface WebhookConfig {
  /** The receiver. */
  url?: string;
  /**
   * Receivers in order of preference, for a receiver that runs more than once: a failed attempt is
   * retried at the next one, and deliveries stay with the last that answered 2xx.
   */
  urls?: string[];
  secret: string;
  /** Send every event twice (same eventId). */
  duplicate?: boolean;
  /**
   * Hold each inProgress event back and send it after the order's completed/failed event
   * (so never, for an order that never settles).
   */
  reorder?: boolean;
  /** Attempts per event before giving up (default 6). */
  maxAttempts?: number;
  /** First retry delay; it doubles on each further attempt (default 250 ms). */
  retryBaseMs?: number;
}

export interface DeliveryRecord {
  eventId: string;
  orderId: string;
  externalId: string;
  state: string;
  attempts: number;
  /** HTTP status of each attempt, or the connection error's code. */
  results: (number | string)[];
  /** Where each attempt went. */
  urls: string[];
  outcome: 'pending' | 'delivered' | 'gave-up' | 'cancelled';
  /** Epoch milliseconds when the outcome was decided (absent while pending). */
  settledAt?: number;
}

/** Counts over many deliveries, so a caller watching thousands need not fetch every record. */
export interface DeliverySummary {
  deliveries: number;
  pending: number;
  delivered: number;
  gaveUp: number;
  cancelled: number;
  attempts: number;
  /** Epoch milliseconds of the latest outcome decided, if any. */
  lastSettledAt?: number;
}

/** Which deliveries a summary counts. */
export interface DeliveryFilter {
  externalIdPrefix?: string;
  state?: string;
}

export function summarizeDeliveries(records: DeliveryRecord[], filter: DeliveryFilter = {}): DeliverySummary {
  const summary: DeliverySummary = { deliveries: 0, pending: 0, delivered: 0, gaveUp: 0, cancelled: 0, attempts: 0 };
  const counter = { pending: 'pending', delivered: 'delivered', 'gave-up': 'gaveUp', cancelled: 'cancelled' } as const;
  for (const record of records) {
    if (filter.externalIdPrefix !== undefined && !record.externalId.startsWith(filter.externalIdPrefix)) continue;
    if (filter.state !== undefined && record.state !== filter.state) continue;
    summary.deliveries += 1;
    summary[counter[record.outcome]] += 1;
    summary.attempts += record.attempts;
    if (record.settledAt !== undefined) summary.lastSettledAt = Math.max(summary.lastSettledAt ?? 0, record.settledAt);
  }
  return summary;
}

const DEFAULT_MAX_ATTEMPTS = 6;
const DEFAULT_RETRY_BASE_MS = 250;
const REQUEST_TIMEOUT_MS = 5_000;

/** The receivers a configuration names, in order of preference. */
export function receiversOf(config: Pick<WebhookConfig, 'url' | 'urls'>): string[] {
  return [...(config.url ? [config.url] : []), ...(config.urls ?? [])];
}

/** The X-Lumen-Signature value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

function settle(record: DeliveryRecord, outcome: Exclude<DeliveryRecord['outcome'], 'pending'>): void {
  record.outcome = outcome;
  record.settledAt = Date.now();
}

export class WebhookSender {
  private config: WebhookConfig | undefined;
  private deliveries: DeliveryRecord[] = [];
  /** inProgress events held back for reordering, by order id. */
  private readonly held = new Map<string, LumenEvent>();
  /** One chain per order so its events arrive in the order they were sent (unless reordered). */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<AbortController>();
  private readonly agent = new Agent({ keepAliveTimeout: 1_000 });
  // Bumped by reset and close: deliveries of an older generation stop at their next step.
  private generation = 0;
  /** Index in the receivers of the one that answered last; attempts start there. */
  private preferred = 0;

  constructor(private readonly timers: SandboxTime) {}

  configure(config: WebhookConfig | undefined): void {
    if (config && receiversOf(config).length === 0) throw new Error('a webhook needs url or urls');
    this.config = config;
    this.preferred = 0;
    this.held.clear();
  }

  get webhook(): WebhookConfig | undefined {
    return this.config;
  }

  records(): DeliveryRecord[] {
    return this.deliveries;
  }

  /** Queues an event for delivery; a no-op without a registered receiver. */
  send(event: LumenEvent): void {
    const config = this.config;
    if (!config) return;
    const orderId = event.event.productOrder.id;
    const batch = [event];
    if (config.reorder) {
      if (event.event.productOrder.state === 'inProgress') {
        this.held.set(orderId, event);
        return;
      }
      const held = this.held.get(orderId);
      this.held.delete(orderId);
      if (held) batch.push(held);
    }
    const copies = config.duplicate ? batch.flatMap((e) => [e, e]) : batch;
    const generation = this.generation;
    const previous = this.chains.get(orderId) ?? Promise.resolve();
    const chain = previous
      .then(async () => {
        for (const copy of copies) await this.deliver(config, copy, generation);
      })
      .catch(() => undefined);
    this.chains.set(orderId, chain);
    void chain.finally(() => {
      if (this.chains.get(orderId) === chain) this.chains.delete(orderId);
    });
  }

  /** Forgets the receiver and cancels pending deliveries (used by reset). */
  reset(): void {
    this.generation += 1;
    this.config = undefined;
    this.deliveries = [];
    this.held.clear();
    for (const controller of this.inFlight) controller.abort();
  }

  async close(): Promise<void> {
    this.reset();
    await this.agent.destroy();
  }

  private async deliver(config: WebhookConfig, event: LumenEvent, generation: number): Promise<void> {
    const { id: orderId, externalId, state } = event.event.productOrder;
    const record: DeliveryRecord = {
      eventId: event.eventId,
      orderId,
      externalId,
      state,
      attempts: 0,
      results: [],
      urls: [],
      outcome: 'pending',
    };
    this.deliveries.push(record);
    const body = JSON.stringify(event);
    const maxAttempts = config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const receivers = receiversOf(config);
    let target = this.preferred % receivers.length;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (generation !== this.generation || this.timers.isClosed) {
        settle(record, 'cancelled');
        return;
      }
      record.attempts = attempt;
      const url = receivers[target];
      const result = await this.post(url, config.secret, body);
      record.results.push(result);
      record.urls.push(url);
      if (typeof result === 'number' && result >= 200 && result < 300) {
        settle(record, 'delivered');
        if (generation === this.generation) this.preferred = target;
        return;
      }
      target = (target + 1) % receivers.length;
      if (attempt < maxAttempts)
        await this.timers.sleep((config.retryBaseMs ?? DEFAULT_RETRY_BASE_MS) * 2 ** (attempt - 1));
    }
    settle(record, generation !== this.generation || this.timers.isClosed ? 'cancelled' : 'gave-up');
  }

  private async post(url: string, secret: string, body: string): Promise<number | string> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      const response = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-lumen-signature': signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        dispatcher: this.agent,
        signal: controller.signal,
        headersTimeout: REQUEST_TIMEOUT_MS,
        bodyTimeout: REQUEST_TIMEOUT_MS,
      });
      await response.body.dump();
      return response.statusCode;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      return code ?? message ?? 'error';
    } finally {
      this.inFlight.delete(controller);
    }
  }
}
