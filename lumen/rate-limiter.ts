// The ceiling on requests per second toward Lumen, shared by every call through one transport. Requests
// leave evenly spaced, never in bursts (a gateway's spike arrest refuses a burst even under its per-second
// figure), in the order they asked; one whose turn would come too late is refused before it is sent.
// Background requests (inventory polls, the fallback to webhooks) leave only when no other request is
// waiting, and wait briefly: thousands of waiting orders polled every few minutes must neither delay
// an order being placed nor hold the worker's activity slots while they queue. The
// ceiling is kept as Lumen counts it, on arrival: a request holds its place in the window from the moment
// it leaves until a second after its answer, so a gateway that stalls and then takes in what queued up
// still never receives more than the ceiling in any second.

/** Time and timers, injected so tests move them by hand. */
export interface LimiterClock {
  /** Milliseconds, any origin. */
  now(): number;
  after(ms: number, callback: () => void): void;
}

/** Called once the request's answer (or its failure) is in: its place in the window ends a second later. */
export type Answered = () => void;

/** 'background': may wait for every other request, and only briefly; refused, it is skipped until next time. */
export type RequestPriority = 'foreground' | 'background';

/** What the transport asks before each request leaves. */
export interface RequestLimiter {
  /**
   * Resolves when the request may be sent, with what to call once it has been answered or has failed;
   * rejects with RequestWaitTooLong (nothing sent) when it may not be sent in time.
   */
  acquire(priority?: RequestPriority): Promise<Answered>;
}

const nothingToDo: Answered = () => undefined;

/** No ceiling: for a client that is not the worker's (tests, one-off scripts). */
export const UNLIMITED: RequestLimiter = { acquire: () => Promise.resolve(nothingToDo) };

export interface RateLimiterOptions {
  /** Requests per second, at most; a fraction is allowed (0.5 is one every 2 s). */
  perSecond: number;
  /** How long one request may wait for its turn before it is refused unsent. */
  maxWaitMs: number;
  /** The same for a background request (default: the shorter of maxWaitMs and 2 s). */
  backgroundMaxWaitMs?: number;
  /** What sets the ceiling, for the refusal's message ("LUMEN_MAX_REQUESTS_PER_SECOND"). */
  setting?: string;
  /**
   * A share of each interval and of the window kept free (0.05: 5% longer), for the receiving end:
   * requests that leave exactly an interval apart can arrive closer, and a gateway counts arrivals.
   * Default 0.
   */
  spare?: number;
  clock?: LimiterClock;
}

/** The code of a RequestWaitTooLong, kept as the transportCode of the LumenApiError it becomes. */
export const CEILING_REFUSAL = 'LUMEN_RATE_CEILING';

/** A request refused by the ceiling: it was never sent, so sending it later is safe. */
export class RequestWaitTooLong extends Error {
  readonly code = CEILING_REFUSAL;
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
  resolve(answered: Answered): void;
  reject(error: Error): void;
  /** The latest time it may still be let through. */
  latest: number;
  queuedAt: number;
}

const systemClock: LimiterClock = {
  now: () => performance.now(),
  after: (ms, callback) => void setTimeout(callback, ms),
};

/** The window the ceiling is counted over. */
const WINDOW_MS = 1_000;
/**
 * A background request holds an activity slot while it waits; past this it is skipped (its poll comes
 * again at the next interval) rather than crowd out the work the slots are for.
 */
const DEFAULT_BACKGROUND_MAX_WAIT_MS = 2_000;

/**
 * At most one request every 1000/perSecond ms, counted from the moment the previous one was let through,
 * and at most floor(perSecond) (at least one) holding a place in the window at once. Lumen stamps a
 * request somewhere between its leaving and its answer; every request it stamps within one second still
 * holds its place just before that second ends, so no second as Lumen counts it holds more than the
 * ceiling, however late timers fire or the gateway answers.
 */
export class RequestRateLimiter implements RequestLimiter {
  readonly intervalMs: number;
  /** How long after its answer a request keeps its place. */
  readonly windowMs: number;
  /** Places in the window. */
  readonly places: number;
  readonly backgroundMaxWaitMs: number;
  private readonly clock: LimiterClock;
  /** Foreground waiters, in order; background ones leave only when this is empty. */
  private readonly queue: Waiter[] = [];
  private readonly background: Waiter[] = [];
  private nextAt = Number.NEGATIVE_INFINITY;
  private unanswered = 0;
  /** When the places of answered requests free up, earliest first. */
  private readonly freesAt: number[] = [];
  /** When the armed timer fires; Infinity when none is armed. */
  private wakeAt = Number.POSITIVE_INFINITY;

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
    this.windowMs = WINDOW_MS * (1 + spare);
    this.places = Math.max(1, Math.floor(options.perSecond));
    const backgroundMaxWaitMs =
      options.backgroundMaxWaitMs ?? Math.min(options.maxWaitMs, DEFAULT_BACKGROUND_MAX_WAIT_MS);
    if (!Number.isFinite(backgroundMaxWaitMs) || backgroundMaxWaitMs < 0) {
      throw new RangeError(`backgroundMaxWaitMs must be zero or more, not ${backgroundMaxWaitMs}`);
    }
    this.backgroundMaxWaitMs = backgroundMaxWaitMs;
    this.clock = options.clock ?? systemClock;
  }

  acquire(priority: RequestPriority = 'foreground'): Promise<Answered> {
    const now = this.clock.now();
    this.freePlaces(now);
    const background = priority === 'background';
    // A background request waits behind every background request and every foreground one.
    const ahead = background ? this.queue.length + this.background.length : this.queue.length;
    if (ahead === 0 && this.mayLeave(now)) return Promise.resolve(this.letThrough(now));
    // Its turn comes after everyone queued ahead of it, one interval each, and not before a place frees
    // up. A place held by an unanswered request frees up a window after an answer still to come: at the
    // soonest, a window from now. So this is the least it will wait (a background one may wait longer,
    // for foreground requests that arrive after it).
    const placeFreeAt = Math.min(this.placeFreeAt(now), now + this.windowMs);
    const waitMs = Math.max(0, this.nextAt - now, placeFreeAt - now) + ahead * this.intervalMs;
    const maxWaitMs = background ? this.backgroundMaxWaitMs : this.options.maxWaitMs;
    if (waitMs > maxWaitMs) return Promise.reject(this.refusal(waitMs, maxWaitMs));
    return new Promise<Answered>((resolve, reject) => {
      (background ? this.background : this.queue).push({ resolve, reject, latest: now + maxWaitMs, queuedAt: now });
      this.arm();
    });
  }

  private mayLeave(now: number): boolean {
    return now >= this.nextAt && this.unanswered + this.freesAt.length < this.places;
  }

  private letThrough(now: number): Answered {
    this.nextAt = now + this.intervalMs;
    this.unanswered++;
    let called = false;
    return () => {
      if (called) return;
      called = true;
      this.unanswered--;
      this.freesAt.push(this.clock.now() + this.windowMs);
      this.arm();
    };
  }

  private freePlaces(now: number): void {
    while (this.freesAt.length > 0 && this.freesAt[0] <= now) this.freesAt.shift();
  }

  /** When the next place frees up: now if one is free, Infinity if all wait for answers. */
  private placeFreeAt(now: number): number {
    if (this.unanswered + this.freesAt.length < this.places) return now;
    return this.freesAt[0] ?? Number.POSITIVE_INFINITY;
  }

  private release = (): void => {
    this.wakeAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    this.freePlaces(now);
    // A late timer (a busy event loop) or a slow answer can push a waiter past its bound: refuse it
    // rather than send it late.
    this.refuseLate(this.queue, now, this.options.maxWaitMs);
    this.refuseLate(this.background, now, this.backgroundMaxWaitMs);
    const next = this.queue.length > 0 ? this.queue : this.background;
    if (next.length > 0 && this.mayLeave(now)) (next.shift() as Waiter).resolve(this.letThrough(now));
    this.arm();
  };

  private refuseLate(queue: Waiter[], now: number, maxWaitMs: number): void {
    while (queue.length > 0 && queue[0].latest < now) {
      const late = queue.shift() as Waiter;
      late.reject(this.refusal(now - late.queuedAt, maxWaitMs));
    }
  }

  /** Wakes when the first waiter may leave, or when one passes its bound, whichever is first. */
  private arm(): void {
    if (this.queue.length === 0 && this.background.length === 0) return;
    const now = this.clock.now();
    const mayLeaveAt = Math.max(this.nextAt, this.placeFreeAt(now));
    const bounds = [this.queue[0], this.background[0]].flatMap((waiter) => (waiter ? [waiter.latest + 1] : []));
    const wakeAt = Math.min(mayLeaveAt, ...bounds);
    if (wakeAt >= this.wakeAt) return;
    this.wakeAt = wakeAt;
    this.clock.after(Math.max(0, wakeAt - now), this.release);
  }

  private refusal(waitMs: number, maxWaitMs: number): RequestWaitTooLong {
    return new RequestWaitTooLong(waitMs, maxWaitMs, this.options.perSecond, this.options.setting);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
