// NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET and NOTIFY_FORMAT, read once by the worker's configuration.
// Unset URL: no notifications. A Slack or Teams URL is itself a secret, so only its origin is ever shown.
import { z } from 'zod';

export type NotificationTarget = { kind: 'http'; url: string } | { kind: 'log' };

export interface NotificationSettings {
  target: NotificationTarget;
  /** Signs each request (X-Signature) when set. */
  secret?: string;
  format: 'json' | 'slack';
}

const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const notificationEnvSchema = z.object({
  NOTIFY_WEBHOOK_URL: z
    .preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .refine(
          (v) => v === 'log' || (/^https?:\/\/[^\s]+$/.test(v) && URL.canParse(v)),
          'must be an http(s) URL, or "log" to write notifications to the worker\'s log',
        )
        .optional(),
    )
    .meta({
      description: "Where notifications go: an http(s) URL, or `log` for the worker's log; unset, none are sent.",
    }),
  NOTIFY_WEBHOOK_SECRET: z.preprocess(blankAsUnset, z.string().optional()).meta({
    description: 'Signs each notification: `X-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
  }),
  NOTIFY_FORMAT: z
    .preprocess(
      blankAsUnset,
      z.enum(['json', 'slack'], 'must be json or slack (a Slack or Teams incoming webhook)').default('json'),
    )
    .meta({ description: '`json` (one object per event), or `slack`: `{ text }` for a Slack or Teams webhook.' }),
});

/** undefined when NOTIFY_WEBHOOK_URL is unset; problems name the variable, never its value. */
export function notificationSettingsFrom(
  vars: z.output<typeof notificationEnvSchema>,
  problems: string[],
): NotificationSettings | undefined {
  const url = vars.NOTIFY_WEBHOOK_URL;
  if (url === undefined) {
    if (vars.NOTIFY_WEBHOOK_SECRET !== undefined) {
      problems.push('NOTIFY_WEBHOOK_SECRET: is set but NOTIFY_WEBHOOK_URL is not, so nothing would be signed or sent');
    }
    return undefined;
  }
  return {
    target: url === 'log' ? { kind: 'log' } : { kind: 'http', url },
    ...(vars.NOTIFY_WEBHOOK_SECRET === undefined ? {} : { secret: vars.NOTIFY_WEBHOOK_SECRET }),
    format: vars.NOTIFY_FORMAT,
  };
}

/** What may be logged: where notifications go (the URL's origin only), the format, whether they are signed. */
export function describeNotifications(settings: NotificationSettings | undefined): Record<string, unknown> | 'off' {
  if (!settings) return 'off';
  const target = settings.target.kind === 'log' ? 'log' : new URL(settings.target.url).origin;
  return { target, format: settings.format, signed: settings.secret !== undefined };
}
