// What a route answers, and the error envelopes the sandbox answers with: gateway v2 and RFC 9457.
// (Lumen's older v1 gateway envelope only comes from an injected fault's body.)
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is already a string. */
  body?: unknown;
}

export interface FieldError {
  detail: string;
  /** JSON pointer to the offending field, e.g. "/productOrderItem/0/quantity". */
  pointer: string;
}

/** The body as sent on the wire. */
export function bodyText(answer: SandboxResponse): string {
  if (answer.body === undefined) return '';
  return typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, body, headers: { 'content-type': 'application/json', ...headers } };
}

/** The API gateway's envelope, used for authentication, routing, conflicts and gateway faults. */
export function gatewayError(status: number, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
  return json(status, {
    code: String(status),
    reason: STATUS_CODES[status] ?? 'Error',
    message,
    referenceError: `sandbox-${randomUUID()}`,
    ...extra,
  });
}

/** RFC 9457 problem details for validation failures; `detail` repeats every field error. */
export function problem(status: 400 | 422, instance: string, errors: FieldError[]): SandboxResponse {
  const detail = errors.map((error) => (error.pointer ? `${error.pointer}: ${error.detail}` : error.detail)).join('; ');
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: {
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      detail,
      instance,
      errors,
    },
  };
}

/** "/productOrderItem/0/quantity" from a zod-style path. */
export function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
