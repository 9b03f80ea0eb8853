// The standalone receiver's settings, read once from the environment (docs/configuration.md is generated from its schema).
import { z } from 'zod';
import { DEFAULT_MAX_SIGNALS_IN_FLIGHT, DEFAULT_WEBHOOK_PORT } from './server';

export interface WebhookProcessConfig {
  port: number;
  /** Outside npm start the receiver exists to be reached by Lumen, so it listens on every interface. */
  host: string;
  secret: string;
  /** Signals sent to Temporal at once; later deliveries wait their turn. */
  maxSignalsInFlight: number;
}

/** The receiver's variables; each description is its line in docs/configuration.md (npm run docs:config). */
export const webhookEnvironment = z.object({
  WEBHOOK_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(DEFAULT_WEBHOOK_PORT)
    .meta({ description: 'Port the receiver listens on for `POST /webhooks/lumen`.' }),
  WEBHOOK_HOST: z.string().min(1).default('0.0.0.0').meta({ description: 'Address the receiver listens on.' }),
  WEBHOOK_MAX_SIGNALS_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_MAX_SIGNALS_IN_FLIGHT)
    .meta({
      description:
        'Signals sent to Temporal at once; later events wait their turn or get `503` ([how](#webhook-back-pressure)).',
    }),
  WEBHOOK_SECRET: z
    .string({
      error: 'WEBHOOK_SECRET is required: set it to the HMAC secret Lumen signs its webhooks with',
    })
    .meta({ description: 'The HMAC secret Lumen signs its webhooks with.' }),
});

/** zod's own words for a bad number would not name the variable or what it counts. */
const NUMBER_PROBLEMS: Record<string, string> = {
  WEBHOOK_PORT: 'WEBHOOK_PORT must be a port number 1-65535',
  WEBHOOK_MAX_SIGNALS_IN_FLIGHT: 'WEBHOOK_MAX_SIGNALS_IN_FLIGHT must be a whole number of signals from 1 to 10000',
};

export class WebhookConfigError extends Error {
  override name = 'WebhookConfigError';
}

/** Throws a WebhookConfigError naming every bad variable (never echoing the secret). */
export function readWebhookConfig(env: NodeJS.ProcessEnv): WebhookProcessConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = webhookEnvironment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => NUMBER_PROBLEMS[String(issue.path[0])] ?? issue.message);
    throw new WebhookConfigError(problems.join('; '));
  }
  return {
    port: parsed.data.WEBHOOK_PORT,
    host: parsed.data.WEBHOOK_HOST,
    secret: parsed.data.WEBHOOK_SECRET,
    maxSignalsInFlight: parsed.data.WEBHOOK_MAX_SIGNALS_IN_FLIGHT,
  };
}
