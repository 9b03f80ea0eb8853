// Lumen's limits, honoured rather than fought: a 429 says when to come back (Retry-After); without one
// it is taken as Lumen's daily cap on changes, which resets at midnight GMT.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { RetryHint } from '../../../activities';

export interface LimitWait {
  /** Workflow time to try again at; undefined when it depends on something else finishing. */
  until?: number;
  reason: string;
}

/** The wait a rate or daily limit imposes, if the failure is one; undefined otherwise. */
export function limitWaitOf(error: unknown, now: number): Required<LimitWait> | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const hint = error.cause.details?.[0] as RetryHint | undefined;
  if (hint?.status !== 429) return undefined;
  if (typeof hint.retryAfterMs === 'number') {
    return { until: now + hint.retryAfterMs, reason: "Lumen's rate limit (429): waiting for its Retry-After" };
  }
  return {
    until: nextMidnightGmt(now),
    reason: "Lumen's daily limit (429 without Retry-After): waiting for midnight GMT",
  };
}

export function nextMidnightGmt(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}
