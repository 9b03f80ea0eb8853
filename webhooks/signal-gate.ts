// How many signals the receiver has Temporal working on at once. Lumen may deliver thousands of events
// in the same second (a batch of orders settling); sent to Temporal all at once they contend with each
// other and with the workers' own calls until most miss their deadline and come back as retries. Past
// the bound, a delivery waits its turn, first come first served, until its deadline. One that cannot
// get its turn by then at the pace signals have been completing is refused at once: thousands held
// open until their deadline would slow the receiver past the sender's own timeout, and a quick 503
// is what a sender's retries are spread by.

/** The recent past whose completed signals set the pace. */
const PACE_WINDOW_MS = 2_000;

/** Thrown to a delivery that did not get its turn before its deadline: answered 503, Lumen retries. */
export class ReceiverBusyError extends Error {
  override name = 'ReceiverBusyError';
}

export class SignalGate {
  private inFlight = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];
  /** When the signals of the last PACE_WINDOW_MS completed, oldest first. */
  private readonly completed: number[] = [];

  constructor(readonly maxInFlight: number) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new RangeError(`SignalGate: maxInFlight must be a whole number of at least 1, not ${maxInFlight}`);
    }
  }

  /** Signals in flight and deliveries waiting for a turn, now. */
  get load(): { inFlight: number; waiting: number } {
    return { inFlight: this.inFlight, waiting: this.waiting.length };
  }

  /** Runs `signal` once a turn is free; rejects with ReceiverBusyError if none is by `deadline` (epoch ms). */
  async run<T>(deadline: number, signal: () => Promise<T>): Promise<T> {
    await this.enter(deadline);
    try {
      return await signal();
    } finally {
      this.leave();
    }
  }

  private enter(deadline: number): Promise<void> {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    const now = Date.now();
    // As many may wait as turns will free up before this one's deadline at the recent pace; with no
    // pace yet (nothing completed lately), as many as are in flight.
    const turnsByDeadline = (this.recentlyCompleted(now) / PACE_WINDOW_MS) * (deadline - now);
    if (this.waiting.length >= Math.max(this.maxInFlight, turnsByDeadline)) {
      return Promise.reject(
        new ReceiverBusyError(
          `${this.maxInFlight} signals in flight and ${this.waiting.length} waiting: no turn would come within the deadline`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        // The turn passes straight from the one leaving: inFlight stays as it is.
        admit: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(
          () => {
            this.waiting.splice(this.waiting.indexOf(entry), 1);
            reject(
              new ReceiverBusyError(
                `${this.maxInFlight} signals already in flight and no turn came within the deadline`,
              ),
            );
          },
          Math.max(0, deadline - Date.now()),
        ),
      };
      this.waiting.push(entry);
    });
  }

  private recentlyCompleted(now: number): number {
    while (this.completed.length > 0 && this.completed[0] <= now - PACE_WINDOW_MS) this.completed.shift();
    return this.completed.length;
  }

  private leave(): void {
    this.completed.push(Date.now());
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.inFlight -= 1;
  }
}
