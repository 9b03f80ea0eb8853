// The shape of one Lumen API endpoint the sandbox imitates, and how it reads its input.
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Lifecycle } from './lifecycle';
import { pointerOf, problem, type SandboxResponse } from './responses';
import type { SandboxStore } from './store';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The x-customer-number of a customer route, checked against the seeded customers. */
  customerNumber: string;
}

export interface ApiContext {
  store: SandboxStore;
  lifecycle: Lifecycle;
}

/** public: no token; customer: a valid token and a known x-customer-number. */
export type Access = 'public' | 'customer';

export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
  handle(request: ApiRequest, context: ApiContext): SandboxResponse;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: SandboxResponse };

/** Parses a JSON body: unreadable JSON is 400, a body of the wrong shape 422, each naming the field. */
export function parseJsonBody<T extends z.ZodType>(request: ApiRequest, schema: T): Parsed<z.output<T>> {
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    return {
      ok: false,
      response: problem(400, request.path, [{ detail: 'request body is not valid JSON', pointer: '' }]),
    };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = parsed.error.issues.map((issue) => ({ detail: issue.message, pointer: pointerOf(issue.path) }));
  return { ok: false, response: problem(422, request.path, errors) };
}
