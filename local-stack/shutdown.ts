// Stops what a process started, last started first, once, on Ctrl-C or SIGTERM.

export type Stopper = { name: string; stop: () => Promise<void> };

export class ShutdownList {
  private readonly stoppers: Stopper[] = [];
  private stopping?: Promise<void>;

  add(name: string, stop: () => Promise<void>): void {
    this.stoppers.push({ name, stop });
  }

  /** Runs every stopper in reverse order; a failing one is reported and the rest still run. */
  stopAll(report: (line: string) => void = () => {}): Promise<void> {
    this.stopping ??= (async () => {
      for (const { name, stop } of [...this.stoppers].reverse()) {
        try {
          await stop();
          report(`stopped ${name}`);
        } catch (error) {
          report(`could not stop ${name} cleanly: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.stopping;
  }

  /** Calls stopAll on SIGINT/SIGTERM, then exits; a second signal exits at once. */
  onSignals(report: (line: string) => void): void {
    let signals = 0;
    const handler = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) process.exit(130);
      report(`${signal} received, stopping`);
      void this.stopAll(report).then(() => process.exit(0));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }
}
