// Lumen may quote the order contact back in an error. The activity knows the contact, so it takes it
// out before the text becomes a failure message, a line of the status query's history or a log line.
import { ApplicationFailure } from '@temporalio/activity';
import type { OrderContact } from '../lumen/api';

const HIDDEN = '[contact]';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The contact's name, email and phone (in any usual US spelling) as one pattern. */
function contactPattern(contact: OrderContact): RegExp {
  const digits = contact.phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  const phone =
    digits.length === 10
      ? `(?:\\+?1[\\s.-]?)?\\(?${digits.slice(0, 3)}\\)?[\\s.-]?${digits.slice(3, 6)}[\\s.-]?${digits.slice(6)}`
      : escape(contact.phone);
  const words = [contact.email, contact.name].filter((word) => word.trim().length > 0).map(escape);
  return new RegExp([...words, phone].join('|'), 'gi');
}

export function withoutContact(text: string, contact: OrderContact | undefined): string {
  return contact ? text.replace(contactPattern(contact), HIDDEN) : text;
}

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
