// Lumen may quote the order contact back in an error. The activity knows the contact, so it takes it
// out before the text becomes a failure message, a line of the status query's history or a log line.
import { ApplicationFailure } from '@temporalio/activity';
import { withoutContact } from '../domain/contact-text';
import type { OrderContact } from '../lumen/api';

export { withoutContact };

function hideIn(value: unknown, contact: OrderContact): unknown {
  if (typeof value === 'string') return withoutContact(value, contact);
  if (Array.isArray(value)) return value.map((item) => hideIn(item, contact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideIn(item, contact)]));
  }
  return value;
}

/** The same failure with the contact taken out of its message and details; other errors as they are. */
export function failureWithoutContact(error: unknown, contact: OrderContact | undefined): unknown {
  if (!contact || !(error instanceof ApplicationFailure)) return error;
  const hidden = ApplicationFailure.create({
    type: error.type ?? undefined,
    message: withoutContact(error.message, contact),
    nonRetryable: error.nonRetryable ?? undefined,
    nextRetryDelay: error.nextRetryDelay ?? undefined,
    details: error.details ? (hideIn(error.details, contact) as unknown[]) : undefined,
  });
  hidden.stack = error.stack === undefined ? undefined : withoutContact(error.stack, contact);
  return hidden;
}
