// Turns what the Lumen client throws into failures Temporal understands: transient problems retry
// (honouring Retry-After), refusals become non-retryable business failures in the user's words.
import { ApplicationFailure } from '@temporalio/activity';
import type { FailureType } from '../domain/names';
import { LumenApiError, LumenCredentialsRejected } from '../lumen/errors';
import type { InternalFailureType, RetryHint } from './failure-types';

const UNAVAILABLE: InternalFailureType = 'LumenUnavailable';

/** A retryable failure that tells the retry policy (and the workflow) when Lumen wants to be asked again. */
export function unavailable(error: LumenApiError): ApplicationFailure {
  const hint: RetryHint = {
    retryAfterMs: error.retryAfterMs,
    status: error.status,
    ...(error instanceof LumenCredentialsRejected ? { credentialsRejected: true } : {}),
  };
  return ApplicationFailure.create({
    type: UNAVAILABLE,
    message: error.message,
    nonRetryable: false,
    nextRetryDelay: error.retryAfterMs,
    details: [hint],
  });
}

export function businessFailure(
  type: FailureType | InternalFailureType,
  message: string,
  details?: unknown,
): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: details === undefined ? undefined : [details],
  });
}

/** Field errors as "field: message", for messages that say what Lumen objected to. */
export function describeLumenRefusal(error: LumenApiError): string {
  // The client may already have folded them into its message.
  const fields = (error.fieldErrors ?? [])
    .map((f) => `${f.field}: ${f.message}`)
    .filter((text) => !error.lumenMessage.includes(text));
  return fields.length > 0 ? `${error.lumenMessage} (${fields.join('; ')})` : error.lumenMessage;
}

/**
 * For calls that are safe to repeat (reads, and quote requests: an extra quote is never used).
 * Anything transient retries; 401 too, since credentials can be fixed without losing the provisioning.
 * A refusal of what we asked fails the step with its business type.
 */
export function failureOfRepeatableCall(
  error: unknown,
  type: FailureType,
  explain: (lumenSays: string) => string,
): never {
  if (!(error instanceof LumenApiError)) throw error;
  if (
    error.retryable ||
    error.outcomeUnknown ||
    error.status === undefined ||
    error.status === 401 ||
    error.status >= 500
  ) {
    throw unavailable(error);
  }
  throw businessFailure(type, explain(describeLumenRefusal(error)), { endpoint: error.endpoint, status: error.status });
}
