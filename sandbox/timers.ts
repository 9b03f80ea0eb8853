// Every timer the sandbox starts goes through here, so close() can stop them all at once.

export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  /** Runs fn after ms unless the sandbox closes first. */
  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.set(timer, () => undefined);
  }

  /** Resolves after ms, or at once when the sandbox closes (so no request hangs a shutdown). */
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

  get isClosed(): boolean {
    return this.closed;
  }

  /** Cancels pending timers (sleepers are released) without refusing new ones: used by reset. */
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
