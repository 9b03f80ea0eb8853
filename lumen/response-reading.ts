// Reads a 2xx body through its schema; a body the flow cannot use fails naming the endpoint and the field.
import type { z } from 'zod';
import { LumenApiError } from './errors';
import { formatFieldPath } from './field-path';

export interface ReadContext {
  endpoint: string;
  status: number;
  /** A write that succeeded but whose answer is unreadable has still been applied: reconcile, don't repeat. */
  idempotent: boolean;
}

export function readJson<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  context: ReadContext,
): z.output<Schema> {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw unusableResponse(context, 'response body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = formatFieldPath(issue.path);
  if (field === '') throw unusableResponse(context, `response body ${issue.message}`);
  const problem = valueAt(json, issue.path) === undefined ? 'is missing' : issue.message;
  throw unusableResponse(context, `response field ${field} ${problem}`, field);
}

/** A 2xx answer the client cannot use: names the endpoint and, when known, the field. */
export function unusableResponse(context: ReadContext, message: string, field?: string): LumenApiError {
  return new LumenApiError({
    endpoint: context.endpoint,
    status: context.status,
    lumenMessage: message,
    retryable: false,
    outcomeUnknown: !context.idempotent,
    fieldErrors: field === undefined ? undefined : [{ field, message }],
  });
}

/** Follows a path through the raw JSON, matching keys in any letter case as the schemas do. */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current = json;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    const record = current as Record<string, unknown>;
    if (typeof segment !== 'string' || segment in record) {
      current = record[segment as string];
      continue;
    }
    const lower = segment.toLowerCase();
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
    current = key === undefined ? undefined : record[key];
  }
  return current;
}
