// A durable workflow outlives any Lumen outage: when an activity exhausts its retries on a transient
// problem, note it (the status query shows it as lastError) and try again rather than failing.
import type { Progress } from './progress';
import { describeFailure, isTransientExhaustion } from './failures';

export async function keepTrying<T>(progress: Progress, what: string, call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isTransientExhaustion(error)) throw error;
      progress.error(`${what}: ${describeFailure(error)}; still trying`);
    }
  }
}
