// A durable workflow outlives any Lumen outage: when a read exhausts its retries on a transient problem,
// note it (the status query shows it as lastError) and go on with slower rounds rather than failing.
import { localReads, lumenReads, patientReads } from './activity-proxies';
import { asActivityFailure, describeFailure, isCredentialsRejection, isTransientExhaustion } from './failures';

/** Where keepTrying reports a problem: the workflow's progress. */
export interface ProblemLog {
  error(message: string): void;
}

/**
 * Reads go first as local activities (answered within the workflow task that asked); a problem that may
 * pass goes on to the regular activity, whose attempts and lastError show in the history and the UI.
 * `whenSlow` is told just before that, for a caller that waits on a timer only while the read is slow.
 */

export async function keepTrying<T>(
  log: ProblemLog,
  what: string,
  call: (reads: typeof lumenReads) => Promise<T>,
  whenSlow?: () => void,
): Promise<T> {
  try {
    return await call(localReads);
  } catch (error) {
    const failure = asActivityFailure(error, `local read (${what})`);
    // A refusal is an answer; only a problem that may pass goes on to the regular activity.
    if (!isTransientExhaustion(failure)) throw failure;
    // A refused key needs a person: say so now, not after the regular activity's minutes of attempts.
    if (isCredentialsRejection(failure)) log.error(`${what}: ${describeFailure(failure)}; still trying`);
  }
  whenSlow?.();
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
