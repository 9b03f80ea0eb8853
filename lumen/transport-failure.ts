// Turns a failed HTTP exchange (no response) into a LumenApiError that says whether repeating it is safe.
import { LumenApiError } from './errors';

/** Raised by the transport's own deadline; `sent` says whether the request had reached a socket. */
export class DeadlineExceeded extends Error {
  readonly code = 'LUMEN_DEADLINE';
  constructor(readonly timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
  }
}

export interface FailureContext {
  endpoint: string;
  /** Repeating the request cannot apply it twice (GET, token request). */
  idempotent: boolean;
  /** The request had been handed to a socket, so Lumen may have received it. */
  sent: boolean;
  redact: (text: string) => string;
}

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed by the other side',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
  LUMEN_DEADLINE: 'timed out',
  LUMEN_RATE_CEILING: 'held back by the ceiling on requests per second',
};

/** Faults of this process rather than the network: repeating cannot help. */
const LOCAL_FAULTS = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

/** A refusal that knows when asking again will find room (the rate ceiling's). */
function retryAfterMsOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

export function transportFailure(error: unknown, context: FailureContext): LumenApiError {
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const what = DESCRIPTIONS[code] ?? 'request failed';
  const when = context.sent ? 'after the request was sent' : 'before the request was sent';
  const lumenMessage = context.redact(`${what} ${when} (${code}: ${detail})`);
  const local = LOCAL_FAULTS.has(code);
  // Nothing reached Lumen, or the call is a read: repeating is safe. A write that reached a socket may have been applied.
  const retryable = !local && (!context.sent || context.idempotent);
  const outcomeUnknown = !local && context.sent && !context.idempotent;
  return new LumenApiError({
    endpoint: context.endpoint,
    lumenMessage,
    retryable,
    outcomeUnknown,
    transportCode: code,
    retryAfterMs: context.sent ? undefined : retryAfterMsOf(error),
  });
}
