// Masks email addresses and US phone numbers in what is about to be logged: free text from Lumen or an
// error may quote an order contact. Structured contacts are dropped by key in logger.ts.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// "+16157691234", "+1 615-769-1234", "(615) 769-1234", "615.769.1234"; bare digit runs (service ids) are left alone.
const US_PHONE =
  /\+1[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b/g;
const MAX_DEPTH = 6;

export function maskContactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(US_PHONE, '[phone]');
}

function maskError(error: Error, depth: number): Error {
  const copy = new Error(maskContactText(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : maskContactText(error.stack);
  return Object.assign(copy, mask({ ...error }, depth + 1));
}

function mask(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskContactText(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return maskError(value, depth);
  if (Array.isArray(value)) return value.map((item) => mask(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item, depth + 1)]));
}

/** A copy of one logger argument (message, fields, error) with emails and phone numbers masked. */
export function withoutContactDetails(value: unknown): unknown {
  return mask(value, 0);
}
