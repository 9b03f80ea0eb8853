// The time-skipping test server's time, as the activities and the in-process sandbox read it: an
// activity's scheduled time (or the server's clock when a local activity began), and outside any
// activity the latest server time known, so that what a test sets up happens at the server's "now".
import { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Clock } from '../../activities';

/**
 * The test server's time when each local activity began, set by the worker's interceptor
 * (serverTimeForLocalActivities): a local activity's own scheduled time is the worker's wall clock.
 */
const localActivityServerTime = new WeakMap<Context, number>();

// The server starts at the wall clock's time and only ever skips ahead.
let latestKnown = Date.now();

function activityTime(): number | undefined {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return undefined; // not in an activity
  }
  return localActivityServerTime.get(context) ?? context.info.currentAttemptScheduledTimestampMs;
}

/** Server time of the running activity attempt, or the latest known outside one: skips with the test server. */
export const testServerClock: Clock = {
  now: () => {
    const inActivity = activityTime();
    if (inActivity === undefined) return latestKnown;
    latestKnown = Math.max(latestKnown, inActivity);
    return inActivity;
  },
};

/** Tells the clock the server's time, read at a moment nothing runs (before and after a test's worker). */
export function knowServerTime(ms: number): void {
  latestKnown = Math.max(latestKnown, ms);
}

/** Activity interceptors that give local activities the test server's time, as testServerClock reads it. */
export function serverTimeForLocalActivities(serverTimeMs: () => Promise<number>): ActivityInterceptorsFactory {
  return (context) => ({
    inbound: {
      async execute(input, next) {
        if (context.info.isLocal) localActivityServerTime.set(context, await serverTimeMs());
        return next(input);
      },
    },
  });
}
