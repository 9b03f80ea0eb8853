// Looks for personal data in what Temporal stores: a value as written, JSON-escaped, or inside any
// base64 string (payload data and metadata), case-insensitively, anywhere in a history's JSON.
import type { OrderContact } from '../../lumen/api';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The contact's name, email and phone in the spellings a history could hold. */
export function contactForms(contact: Pick<OrderContact, 'name' | 'email' | 'phone'>): string[] {
  const digits = contact.phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return [
    contact.name,
    contact.email,
    contact.phone,
    digits,
    `${area}-${exchange}-${line}`,
    `(${area}) ${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
  ];
}

function textsIn(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') {
    out.push({ path, text: value });
    if (value.length >= 8 && value.length % 4 === 0 && BASE64.test(value)) {
      out.push({ path: `${path} (base64)`, text: Buffer.from(value, 'base64').toString('latin1') });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => textsIn(item, `${path}[${index}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) textsIn(item, `${path}.${key}`, out);
  }
}

/** The part of needle's base64 that does not depend on the bytes around it, at each of the 3 alignments. */
function base64Forms(needle: string): string[] {
  return [0, 1, 2]
    .map((shift) => Buffer.from('\0'.repeat(shift) + needle).toString('base64'))
    .map((encoded, shift) => encoded.slice(shift === 0 ? 0 : 4, -4))
    .filter((form) => form.length >= 8);
}

/** Where any of `needles` shows up in `json`, as "path: needle"; empty when nowhere. */
export function personalDataIn(json: unknown, needles: string[]): string[] {
  const texts: { path: string; text: string }[] = [];
  textsIn(json, '', texts);
  const whole = JSON.stringify(json);
  const found: string[] = [];
  for (const needle of needles) {
    const lower = needle.toLowerCase();
    if (whole.toLowerCase().includes(JSON.stringify(lower).slice(1, -1))) found.push(`(raw JSON): ${needle}`);
    for (const form of base64Forms(needle)) if (whole.includes(form)) found.push(`(base64 in raw JSON): ${needle}`);
    for (const { path, text } of texts) if (text.toLowerCase().includes(lower)) found.push(`${path}: ${needle}`);
  }
  return [...new Set(found)];
}
