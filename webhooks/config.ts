// The standalone receiver's settings, read once from the environment (names as in the README's configuration table).
import { z } from 'zod';
import { DEFAULT_WEBHOOK_PORT } from './server';

export interface WebhookProcessConfig {
  port: number;
  /** Outside npm start the receiver exists to be reached by Lumen, so it listens on every interface. */
  host: string;
  secret: string;
}

const environmentSchema = z.object({
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65_535).default(DEFAULT_WEBHOOK_PORT),
  WEBHOOK_HOST: z.string().min(1).default('0.0.0.0'),
  WEBHOOK_SECRET: z.string({
    error: 'WEBHOOK_SECRET is required: set it to the HMAC secret Lumen signs its webhooks with',
  }),
});

export class WebhookConfigError extends Error {
  override name = 'WebhookConfigError';
}

/** Throws a WebhookConfigError naming every bad variable (never echoing the secret). */
export function readWebhookConfig(env: NodeJS.ProcessEnv): WebhookProcessConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path[0] === 'WEBHOOK_PORT' ? `WEBHOOK_PORT must be a port number 1-65535` : issue.message,
    );
    throw new WebhookConfigError(problems.join('; '));
  }
  return { port: parsed.data.WEBHOOK_PORT, host: parsed.data.WEBHOOK_HOST, secret: parsed.data.WEBHOOK_SECRET };
}
