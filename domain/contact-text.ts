// The order contact taken out of a text (Lumen may quote it back in an error): pure, so activities and
// workflows (a notification's message) use the same rule.

/** The fields of the order contact a text could quote. */
export interface ContactFields {
  name: string;
  email: string;
  phone: string;
}

const HIDDEN = '[contact]';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The contact's name, email and phone (in any usual US spelling) as one pattern. */
function contactPattern(contact: ContactFields): RegExp | undefined {
  const digits = contact.phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  const phone =
    digits.length === 10
      ? `(?:\\+?1[\\s.-]?)?\\(?${digits.slice(0, 3)}\\)?[\\s.-]?${digits.slice(3, 6)}[\\s.-]?${digits.slice(6)}`
      : escape(contact.phone.trim());
  const words = [contact.email, contact.name].filter((word) => word.trim().length > 0).map(escape);
  const alternatives = phone.length > 0 ? [...words, phone] : words;
  // Nothing to look for: an empty alternative would match everywhere.
  return alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'gi');
}

export function withoutContact(text: string, contact: ContactFields | undefined): string {
  const pattern = contact ? contactPattern(contact) : undefined;
  return pattern ? text.replace(pattern, HIDDEN) : text;
}
