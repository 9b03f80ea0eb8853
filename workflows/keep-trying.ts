// A durable workflow outlives any Lumen outage: when a read exhausts its retries on a transient problem,
// note it (the status query shows it as lastError) and go on with slower rounds rather than failing.
import { lumenReads, patientReads } from './activity-proxies';
import { describeFailure, isTransientExhaustion } from './failures';

/** Where keepTrying reports a problem; the workflow's progress. */
export interface ProblemLog {
  error(message: string): void;
}

export async function keepTrying<T>(
  log: ProblemLog,
  what: string,
  call: (reads: typeof lumenReads) => Promise<T>,
): Promise<T> {
  let reads = lumenReads;
  for (;;) {
    try {
      return await call(reads);
    } catch (error) {
      if (!isTransientExhaustion(error)) throw error;
      log.error(`${what}: ${describeFailure(error)}; still trying`);
      reads = patientReads;
    }
  }
}
