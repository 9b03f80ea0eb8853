// The ceiling on requests per second toward Lumen, shared by every call through one transport. Requests
// leave evenly spaced, never in bursts (a gateway's spike arrest refuses a burst even under its per-second
// figure), in the order they asked; one whose turn would come too late is refused before it is sent.

/** Time and timers, injected so tests move them by hand. */
export interface LimiterClock {
  /** Milliseconds, any origin. */
  now(): number;
  after(ms: number, callback: () => void): void;
}

/** What the transport asks before each request leaves. */
export interface RequestLimiter {
  /** Resolves when the request may be sent; rejects with RequestWaitTooLong (nothing sent) when it may not. */
  acquire(): Promise<void>;
}

/** No ceiling: for a client that is not the worker's (tests, one-off scripts). */
export const UNLIMITED: RequestLimiter = { acquire: () => Promise.resolve() };

export interface RateLimiterOptions {
  /** Requests per second, at most; a fraction is allowed (0.5 is one every 2 s). */
  perSecond: number;
  /** How long one request may wait for its turn before it is refused unsent. */
  maxWaitMs: number;
  /** What sets the ceiling, for the refusal's message ("LUMEN_MAX_REQUESTS_PER_SECOND"). */
  setting?: string;
  /**
   * A share of each interval kept free (0.05: intervals 5% longer), for the receiving end: requests that
   * leave exactly an interval apart can arrive closer, and a gateway counts arrivals. Default 0.
   */
  spare?: number;
  clock?: LimiterClock;
}

/** A request refused by the ceiling: it was never sent, so sending it later is safe. */
export class RequestWaitTooLong extends Error {
  readonly code = 'LUMEN_RATE_CEILING';
  /** When its turn would have come: by then the queue it met has drained. */
  readonly retryAfterMs: number;

  constructor(waitMs: number, maxWaitMs: number, perSecond: number, setting?: string) {
    const ceiling = setting ? `${setting}=${perSecond}` : `${perSecond} requests per second`;
    super(
      `the ceiling on requests to Lumen (${ceiling}) would keep it waiting ${seconds(waitMs)}, ` +
        `more than the ${seconds(maxWaitMs)} a request may wait`,
    );
    this.name = 'RequestWaitTooLong';
    this.retryAfterMs = Math.ceil(waitMs);
  }
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  /** The latest time it may still be let through. */
  latest: number;
  queuedAt: number;
}

const systemClock: LimiterClock = {
  now: () => performance.now(),
  after: (ms, callback) => void setTimeout(callback, ms),
};

/**
 * At most one request every 1000/perSecond ms, counted from the moment the previous one was let through,
 * so no window of one second ever holds more than perSecond requests however late a timer fires.
 */
export class RequestRateLimiter implements RequestLimiter {
  readonly intervalMs: number;
  private readonly clock: LimiterClock;
  private readonly queue: Waiter[] = [];
  private nextAt = Number.NEGATIVE_INFINITY;
  private armed = false;

  constructor(private readonly options: RateLimiterOptions) {
    if (!Number.isFinite(options.perSecond) || options.perSecond <= 0) {
      throw new RangeError(`perSecond must be a positive number, not ${options.perSecond}`);
    }
    if (!Number.isFinite(options.maxWaitMs) || options.maxWaitMs < 0) {
      throw new RangeError(`maxWaitMs must be zero or more, not ${options.maxWaitMs}`);
    }
    const spare = options.spare ?? 0;
    if (!Number.isFinite(spare) || spare < 0 || spare >= 1) {
      throw new RangeError(`spare must be from 0 to less than 1, not ${spare}`);
    }
    this.intervalMs = (1000 / options.perSecond) * (1 + spare);
    this.clock = options.clock ?? systemClock;
  }

  acquire(): Promise<void> {
    const now = this.clock.now();
    if (this.queue.length === 0 && now >= this.nextAt) {
      this.nextAt = now + this.intervalMs;
      return Promise.resolve();
    }
    // Its turn comes after everyone queued ahead of it, one interval each.
    const waitMs = Math.max(0, this.nextAt - now) + this.queue.length * this.intervalMs;
    if (waitMs > this.options.maxWaitMs) return Promise.reject(this.refusal(waitMs));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ resolve, reject, latest: now + this.options.maxWaitMs, queuedAt: now });
      this.arm();
    });
  }

  private release = (): void => {
    this.armed = false;
    const now = this.clock.now();
    // A late timer (a busy event loop) can push a waiter past its bound: refuse it rather than send late.
    while (this.queue.length > 0 && this.queue[0].latest < now) {
      const late = this.queue.shift() as Waiter;
      late.reject(this.refusal(now - late.queuedAt));
    }
    if (this.queue.length > 0 && now >= this.nextAt) {
      this.nextAt = now + this.intervalMs;
      (this.queue.shift() as Waiter).resolve();
    }
    this.arm();
  };

  private arm(): void {
    if (this.queue.length === 0 || this.armed) return;
    this.armed = true;
    this.clock.after(Math.max(0, this.nextAt - this.clock.now()), this.release);
  }

  private refusal(waitMs: number): RequestWaitTooLong {
    return new RequestWaitTooLong(waitMs, this.options.maxWaitMs, this.options.perSecond, this.options.setting);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
