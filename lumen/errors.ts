// The one error type of the Lumen client. It never carries a secret: no token, no consumer secret,
// no Authorization header.

export interface LumenApiErrorDetails {
  /** "POST /Customer/v3/Ordering/orderRequest" */
  endpoint: string;
  /** HTTP status; undefined when no response arrived. */
  status?: number;
  /** Lumen's own message from whichever envelope it used, or a description of the transport failure. */
  lumenMessage: string;
  /** Lumen's code from the envelope, when it gave one. */
  lumenCode?: string;
  /** Repeating the request cannot apply it twice and may succeed: nothing was sent (refused connection, reset or timeout before sending), Lumen answered 429 or 503, or the call is a read. */
  retryable: boolean;
  /** A write may have been applied (408, 500, 502, 504, a timeout or reset after sending): reconcile before repeating. */
  outcomeUnknown: boolean;
  /** From Retry-After, or when the ceiling on requests per second will have room, in milliseconds. */
  retryAfterMs?: number;
  /** Fields Lumen named as wrong (RFC 9457 errors[].pointer), with its text. */
  fieldErrors?: { field: string; message: string }[];
  /** On a 409 for an already-ordered quote: the order that holds it. */
  existingOrderId?: string;
  /** On a 400 for an expired or unknown quote: ask for a new quote and order again. */
  quoteExpired?: boolean;
  /** When no response arrived: the network error code ("ECONNREFUSED", "UND_ERR_SOCKET", "LUMEN_DEADLINE"). */
  transportCode?: string;
}

export class LumenApiError extends Error {
  readonly endpoint: string;
  readonly status?: number;
  readonly lumenMessage: string;
  readonly lumenCode?: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly retryAfterMs?: number;
  readonly fieldErrors?: { field: string; message: string }[];
  readonly existingOrderId?: string;
  readonly quoteExpired?: boolean;
  readonly transportCode?: string;

  constructor(details: LumenApiErrorDetails) {
    const status = details.status === undefined ? 'no response' : `HTTP ${details.status}`;
    super(`${details.endpoint} failed (${status}): ${details.lumenMessage}`);
    this.name = 'LumenApiError';
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.lumenMessage = details.lumenMessage;
    this.lumenCode = details.lumenCode;
    this.retryable = details.retryable;
    this.outcomeUnknown = details.outcomeUnknown;
    this.retryAfterMs = details.retryAfterMs;
    this.fieldErrors = details.fieldErrors;
    this.existingOrderId = details.existingOrderId;
    this.quoteExpired = details.quoteExpired;
    this.transportCode = details.transportCode;
  }
}

/**
 * The token endpoint refused the consumer key and secret (401 or 403): expired or revoked keys. Nothing
 * was sent but the token request, so repeating is safe (an order included); it only helps once a person
 * fixes the key.
 */
export class LumenCredentialsRejected extends LumenApiError {
  constructor(endpoint: string, status: number, lumenMessage: string) {
    super({ endpoint, status, lumenMessage, retryable: true, outcomeUnknown: false });
    this.name = 'LumenCredentialsRejected';
    this.message = credentialsRejectedMessage(status);
  }
}

export function credentialsRejectedMessage(status: number): string {
  return `Lumen refused the API credentials (${status} from the token endpoint); nothing will move until they are fixed`;
}
