// A durable workflow outlives any Lumen outage: when a read exhausts its retries on a transient problem,
// note it (the status query shows it as lastError) and go on with slower rounds rather than failing.
import { patched } from '@temporalio/workflow';
import { localReads, lumenReads, patientReads } from './activity-proxies';
import { asActivityFailure, describeFailure, isCredentialsRejection, isTransientExhaustion } from './failures';

/** Marks runs whose reads go first as local activities; runs without it schedule every read as an activity. */
export const LOCAL_READS = 'reads-local-first';

/**
 * Whether this run reads through local activities first. Asked once, in the run's first activation:
 * asked later, right after a local activity, a replay can reach the question one workflow task before
 * the marker that answers it (the SDK then says no), and the run would no longer replay.
 */
export function decideLocalReads(): boolean {
  return patched(LOCAL_READS);
}

/** Where keepTrying reports a problem, and how this run reads; the workflow's progress. */
export interface ProblemLog {
  error(message: string): void;
  /** decideLocalReads(), as the run's first activation answered it. */
  readonly localReadsFirst: boolean;
}

export async function keepTrying<T>(
  log: ProblemLog,
  what: string,
  call: (reads: typeof lumenReads) => Promise<T>,
): Promise<T> {
  if (log.localReadsFirst) {
    try {
      return await call(localReads);
    } catch (error) {
      const failure = asActivityFailure(error, `local read (${what})`);
      // A refusal is an answer; only a problem that may pass goes on to the regular activity.
      if (!isTransientExhaustion(failure)) throw failure;
      // A refused key needs a person: say so now, not after the regular activity's minutes of attempts.
      if (isCredentialsRejection(failure)) log.error(`${what}: ${describeFailure(failure)}; still trying`);
    }
  }
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
