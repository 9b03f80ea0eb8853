// The sandbox's sense of time, injected: the wall clock with real timers for `npm run sandbox` and the
// HTTP tests, or a clock someone else moves (the time-skipping test server) with timers that fire once
// the clock is read past them.

export interface SandboxClock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface SandboxTime extends SandboxClock {
  /** Runs fn once `ms` have passed, unless the sandbox is reset or closed first. */
  after(ms: number, fn: () => void): void;
  /** Resolves after ms, or at once when the sandbox closes (so no request hangs a shutdown). */
  sleep(ms: number): Promise<void>;
  /** Fires the timers due by now(): a moved clock's fire here, before each request; real ones fire by themselves. */
  runDue(): void;
  /** Cancels pending timers (sleepers are released) without refusing new ones: used by reset. */
  clear(): void;
  close(): void;
  readonly isClosed: boolean;
}

/** Date.now() and setTimeout. */
export class WallTime implements SandboxTime {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  now(): number {
    return Date.now();
  }

  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.set(timer, () => undefined);
  }

  sleep(ms: number): Promise<void> {
    if (this.closed || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  runDue(): void {}

  get isClosed(): boolean {
    return this.closed;
  }

  clear(): void {
    for (const [timer, release] of this.pending) {
      clearTimeout(timer);
      release();
    }
    this.pending.clear();
  }

  close(): void {
    this.closed = true;
    this.clear();
  }
}

interface DueTimer {
  dueAt: number;
  fn: () => void;
}

/**
 * A clock read from `source` (which only ever moves forward, by someone else's hand) and timers that fire,
 * in order and each at its own due time, when a request finds the clock past them.
 */
export class ReadTime implements SandboxTime {
  private pending: DueTimer[] = [];
  private pinned?: number;
  private closed = false;

  constructor(private readonly source: () => number) {}

  now(): number {
    return this.pinned ?? this.source();
  }

  /** Runs fn with now() reading `at`: something done at a known time, e.g. a change made in the portal. */
  at<T>(at: number, fn: () => T): T {
    const outer = this.pinned;
    this.pinned = at;
    try {
      return fn();
    } finally {
      this.pinned = outer;
    }
  }

  after(ms: number, fn: () => void): void {
    if (!this.closed) this.pending.push({ dueAt: this.now() + ms, fn });
  }

  /** At once: nothing moves this clock while a request waits on it. */
  sleep(): Promise<void> {
    return Promise.resolve();
  }

  runDue(): void {
    const now = this.now();
    for (;;) {
      const next = this.pending.reduce<DueTimer | undefined>((a, b) => (a && a.dueAt <= b.dueAt ? a : b), undefined);
      if (!next || next.dueAt > now) return;
      this.pending = this.pending.filter((timer) => timer !== next);
      this.at(next.dueAt, next.fn);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  clear(): void {
    this.pending = [];
  }

  close(): void {
    this.closed = true;
    this.clear();
  }
}
