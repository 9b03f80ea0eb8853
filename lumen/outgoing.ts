// Strict sending: every query and body is checked against its schema before it leaves, so a malformed
// request fails here, named by field, instead of at Lumen.
import type { z } from 'zod';
import { LumenApiError } from './errors';
import { formatFieldPath } from './field-path';

export function checkOutgoing<Schema extends z.ZodType>(
  schema: Schema,
  value: z.input<Schema>,
  endpoint: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors = parsed.error.issues.map((issue) => ({
    field: formatFieldPath(issue.path) || 'request',
    message: issue.message,
  }));
  throw new LumenApiError({
    endpoint,
    lumenMessage: `request not sent: ${fieldErrors.map((entry) => `${entry.field} ${entry.message}`).join('; ')}`,
    retryable: false,
    outcomeUnknown: false,
    fieldErrors,
  });
}
