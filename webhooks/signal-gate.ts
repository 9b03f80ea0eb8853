// How many signals the receiver has Temporal working on at once. Lumen may deliver thousands of events
// in the same second (a batch of orders settling); sent to Temporal all at once they contend with each
// other and with the workers' own calls until most miss their deadline and come back as retries. Past
// the bound, a delivery waits its turn, first come first served, until its deadline.

/** Thrown to a delivery that did not get its turn before its deadline: answered 503, Lumen retries. */
export class ReceiverBusyError extends Error {
  override name = 'ReceiverBusyError';
}

export class SignalGate {
  private inFlight = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

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

  private leave(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.inFlight -= 1;
  }
}
