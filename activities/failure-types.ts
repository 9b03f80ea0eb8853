// Failure types the activities raise for the workflow's own decisions (not part of the public surface).
// Workflows import these as types only and compare against the literal strings.

/** Lumen could not be reached or asked us to come back: repeating is safe. */
export type LumenUnavailable = 'LumenUnavailable';
/** The order may or may not have been applied: reconcile before anything else. */
export type OrderOutcomeUnknown = 'OrderOutcomeUnknown';
/** Lumen refused the quote as expired or unknown: nothing was ordered with it. */
export type QuoteExpired = 'QuoteExpired';
/** The order has not ended yet: the polling activity's retry policy waits and asks again. */
export type OrderPending = 'OrderPending';

/** Lumen refuses a change while another order on the service is in flight. */
export type ServiceBusy = 'ServiceBusy';
/** Lumen refused to disconnect the service for good. */
export type DisconnectRefused = 'DisconnectRefused';

export type InternalFailureType =
  LumenUnavailable | OrderOutcomeUnknown | QuoteExpired | OrderPending | ServiceBusy | DisconnectRefused;

/** Details attached to a LumenUnavailable failure, for callers that retry by themselves. */
export interface RetryHint {
  retryAfterMs?: number;
  /** Lumen's HTTP status, when it answered: 429 is its rate or daily limit. */
  status?: number;
  /** The token endpoint refused the API key: nothing moves until a person fixes it. */
  credentialsRejected?: boolean;
}
