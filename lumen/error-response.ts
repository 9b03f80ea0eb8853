// Reads a non-2xx Lumen response, whichever envelope it uses, into a LumenApiError that says whether
// repeating the call is safe and, for orders, what the 409 and expired-quote answers mean.
import { existingOrderIdFrom, isUnusableQuoteMessage } from './assumptions';
import { LumenApiError } from './errors';
import { fieldFromPointer } from './field-path';
import { errorEnvelopeSchema, type ErrorEnvelope } from './schemas/error-envelopes';
import type { IncomingResponse } from './transport';

export interface ErrorResponseContext {
  endpoint: string;
  /** A read (or token request): any gateway or server fault may be repeated. */
  idempotent: boolean;
  /** orderRequest: 409 names the existing order, 400 may mean the quote expired. */
  isOrder: boolean;
  now: number;
  redact: (text: string) => string;
}

/** Lumen itself answered that it did not process the request: repeating is safe, even for an order. */
const NOT_PROCESSED = new Set([429, 503]);
/** A timeout or a fault somewhere behind the gateway: a write may or may not have been applied. */
const MAYBE_APPLIED = new Set([408, 500, 502, 504]);
const SNIPPET_LENGTH = 200;

export function errorFromResponse(response: IncomingResponse, context: ErrorResponseContext): LumenApiError {
  const { status } = response;
  const envelope = readEnvelope(response.text);
  const fieldErrors = envelope ? fieldErrorsOf(envelope, context.redact) : undefined;
  const lumenMessage = context.redact(messageOf(envelope, response.text, status, fieldErrors));
  const lumenCode = envelope?.code ?? envelope?.ErrorCode ?? (envelope?.error_description ? envelope.Error : undefined);

  // An order, modify or delete that may have been applied must be reconciled, never simply repeated.
  const maybeApplied = MAYBE_APPLIED.has(status) || (status >= 500 && !NOT_PROCESSED.has(status));
  const retryable = NOT_PROCESSED.has(status) || (maybeApplied && context.idempotent);
  const outcomeUnknown = maybeApplied && !context.idempotent;
  const retryAfterMs = retryable ? parseRetryAfter(response.headers['retry-after'], context.now) : undefined;

  return new LumenApiError({
    endpoint: context.endpoint,
    status,
    lumenMessage,
    lumenCode: lumenCode === undefined || lumenCode === null ? undefined : context.redact(lumenCode),
    retryable,
    outcomeUnknown,
    retryAfterMs,
    fieldErrors: fieldErrors?.length ? fieldErrors : undefined,
    existingOrderId:
      context.isOrder && status === 409 ? existingOrderIdFrom(envelope?.existingOrderId, lumenMessage) : undefined,
    quoteExpired: context.isOrder && status === 400 && isUnusableQuoteMessage(lumenMessage) ? true : undefined,
  });
}

function readEnvelope(text: string): ErrorEnvelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = errorEnvelopeSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

function fieldErrorsOf(envelope: ErrorEnvelope, redact: (text: string) => string) {
  return (envelope.errors ?? [])
    .map((entry) => ({
      field: fieldFromPointer(entry.pointer ?? entry.field ?? entry.name ?? ''),
      message: redact(entry.detail ?? entry.message ?? 'is invalid'),
    }))
    .filter((entry) => entry.field !== '');
}

function messageOf(
  envelope: ErrorEnvelope | undefined,
  text: string,
  status: number,
  fieldErrors: { field: string; message: string }[] | undefined,
): string {
  const stated = envelope
    ? (envelope.detail ??
      envelope.message ??
      envelope.error_description ??
      envelope.Error ??
      envelope.title ??
      envelope.reason)
    : undefined;
  const base = stated?.trim() || snippet(text) || `HTTP ${status} with no message`;
  if (!fieldErrors?.length) return base;
  // Name every field Lumen rejected, so the message alone tells the whole story.
  const fields = fieldErrors.map((entry) => `${entry.field}: ${entry.message}`).join('; ');
  return base.includes(fields) ? base : `${base} (${fields})`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat;
}

/** Retry-After as delay-seconds ("120") or an HTTP-date; a date in the past means "now". */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
