// How activity failures become the workflows' decisions and their public failure types.
import { RetryState } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  TemporalFailure,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { InternalFailureType, RetryHint } from '../../activities';
import { FAILURE_TYPES, type FailureType } from '../../domain/names';

/** A failure of one of the public types (domain/names.ts), not retried: it ends the workflow or the update. */
export function typedFailure(type: FailureType, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: details === undefined ? [] : [details],
  });
}

/** The type of the ApplicationFailure an activity raised, if that is what ended it. */
export function activityFailureType(error: unknown): string | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)
    return error.cause.type ?? undefined;
  return undefined;
}

export function isActivityFailureOfType(error: unknown, type: FailureType | InternalFailureType): boolean {
  return activityFailureType(error) === type;
}

/** Retry-After that Lumen sent with a transient failure, if any. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const hint = error.cause.details?.[0] as RetryHint | undefined;
  return typeof hint?.retryAfterMs === 'number' ? hint.retryAfterMs : undefined;
}

/** Lumen's token endpoint refused the API credentials: no retry helps until a person fixes the key. */
export function isCredentialsRejection(error: unknown): boolean {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return false;
  return (error.cause.details?.[0] as RetryHint | undefined)?.credentialsRejected === true;
}

/**
 * A local activity's failure reaches the workflow as its bare cause, where an activity's comes wrapped in
 * an ActivityFailure: wrapped here, every rule below reads both the same way.
 */
export function asActivityFailure(error: unknown, activityType: string): unknown {
  if (error instanceof ActivityFailure || isCancellation(error) || !(error instanceof TemporalFailure)) return error;
  return new ActivityFailure(
    'Local activity failed',
    activityType,
    undefined,
    error instanceof TimeoutFailure ? RetryState.TIMEOUT : RetryState.MAXIMUM_ATTEMPTS_REACHED,
    undefined,
    error,
  );
}

/** The activity ran out of attempts on a problem that may still go away (as opposed to a refusal). */
export function isTransientExhaustion(error: unknown): boolean {
  if (!(error instanceof ActivityFailure)) return false;
  if (error.cause instanceof TimeoutFailure) return true;
  return error.cause instanceof ApplicationFailure && !error.cause.nonRetryable;
}

/** What went wrong, in the innermost failure's words. */
export function describeFailure(error: unknown): string {
  let current: unknown = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  if (current instanceof TimeoutFailure) return `no answer in time (${current.timeoutType} timeout)`;
  return current instanceof Error ? current.message : String(current);
}

/** What a failed order call means for what may be sent next. */
export type SendFailure = 'notProcessed' | 'outcomeUnknown' | 'quoteExpired' | 'busy' | 'refused';

export function classifySendFailure(error: unknown): SendFailure {
  switch (activityFailureType(error)) {
    case 'LumenUnavailable':
      return 'notProcessed';
    case 'QuoteExpired':
      return 'quoteExpired';
    case 'ServiceBusy':
      return 'busy';
    case 'OrderRejected':
    case 'DisconnectRefused':
      return 'refused';
    default:
      // OrderOutcomeUnknown, a timeout, a worker lost mid-call, anything unexpected: it may have been applied.
      return 'outcomeUnknown';
  }
}

/** A business failure raised by an activity, re-raised as the workflow's own so its type is the top-level one. */
export function asTypedFailure(error: unknown): unknown {
  const type = activityFailureType(error);
  if (type !== undefined && (FAILURE_TYPES as readonly string[]).includes(type)) {
    const cause = (error as ActivityFailure).cause as ApplicationFailure;
    return ApplicationFailure.create({
      type,
      message: cause.message,
      nonRetryable: true,
      details: cause.details ?? [],
    });
  }
  return error;
}
