// Pauses between order attempts: short at first, then capped, so an outage of hours adds a bounded
// number of events per hour (six attempts an hour at the cap, each with its timer).
import { sleep } from '@temporalio/workflow';

const FIRST_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 10 * 60_000;

export class Pauses {
  private nextMs = FIRST_PAUSE_MS;

  /** Sleeps for Lumen's Retry-After when it gave one, else for the next pause in the series. */
  async take(retryAfterMs?: number): Promise<void> {
    const ms = retryAfterMs ?? this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, MAX_PAUSE_MS);
    await sleep(Math.max(ms, 1_000));
  }
}
