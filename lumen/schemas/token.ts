// POST /oauth/v2/token: form body out, token JSON back (issued_at and expires_in arrive as strings).
import { z } from 'zod';
import { numeric, optionalNumber, optionalText, tolerantObject } from './tolerant';

export const tokenRequestSchema = z.strictObject({ grant_type: z.literal('client_credentials') });

export const tokenResponseSchema = tolerantObject({
  access_token: z.string().min(1),
  token_type: optionalText,
  /** Seconds the token lives. */
  expires_in: numeric.optional(),
  /** Epoch milliseconds; read but not trusted for expiry (the server's clock is not ours). */
  issued_at: optionalNumber,
});

export type TokenResponse = z.output<typeof tokenResponseSchema>;
