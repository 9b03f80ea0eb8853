// `npm run sandbox`'s variables, read once at start; each description is its line in docs/configuration.md.
import { z } from 'zod';
import { parseDuration } from '../domain/duration';

const duration = z
  .string()
  .optional()
  .refine((text) => text === undefined || parseDuration(text) !== undefined, 'must be a duration like "15 minutes"')
  .transform((text) => (text === undefined ? undefined : parseDuration(text)));

/** A whole number of `unit` of at least `min`, or none when unset or empty. */
export const optionalWholeNumber = (unit: string, min: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number(`must be a whole number of ${unit}`).int('must be a whole number').min(min).optional(),
  );

export const sandboxEnvironment = z.object({
  SANDBOX_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(8089)
    .meta({ description: 'Port the sandbox listens on (`0`: any free one).' }),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1').meta({ description: 'Address the sandbox listens on.' }),
  LUMEN_CONSUMER_KEY: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'The OAuth key the sandbox accepts.', defaultText: '`sandbox-key`' }),
  LUMEN_CONSUMER_SECRET: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'The OAuth secret the sandbox accepts.', defaultText: '`sandbox-secret`' }),
  LUMEN_QUOTE_VALIDITY: duration.meta({
    description: 'How long the sandbox honours a quote.',
    defaultText: '`15 minutes`',
  }),
  SANDBOX_ACTIVATION_DELAY: duration.meta({
    description: 'How long a new service takes to become active.',
    defaultText: '`3 seconds`',
  }),
  // Unset or empty: no cap.
  SANDBOX_DAILY_CHANGE_LIMIT: optionalWholeNumber('changes', 0).meta({
    description: 'Cap on modify and delete orders per customer per GMT day (then `429`).',
    defaultText: 'no cap',
  }),
  SANDBOX_REQUEST_LOG_LIMIT: optionalWholeNumber('requests', 1).meta({
    description: 'How many requests the request log under `/_sandbox/` keeps, the latest.',
    defaultText: '`5000`',
  }),
});
