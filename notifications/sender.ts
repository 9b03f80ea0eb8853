// Sends one notification where the settings say: a POST (signed when a secret is set) or a line in the
// worker's log. The answer decides what the delivery workflow does next: delivered, try again later, or
// refused for good (a 4xx other than 408 and 429: repeating the same request cannot change the answer).
import { request } from 'undici';
import type { Notification } from './events';
import type { NotificationSettings } from './settings';
import { NOTIFICATION_SIGNATURE_HEADER, signNotification } from './signature';
import { notificationBody } from './slack';

/** The endpoint refused the notification; sending it again would be refused too. */
export class NotificationRefused extends Error {
  constructor(readonly status: number) {
    super(`the notification endpoint refused the notification (HTTP ${status}); it is dropped`);
    this.name = 'NotificationRefused';
  }
}

/** Not delivered this time (no answer, a timeout, 408, 429 or 5xx): worth trying again. */
export class NotificationNotDelivered extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'NotificationNotDelivered';
  }
}

export type DeliveryAnswer = { to: 'log' } | { to: 'endpoint'; status: number };

export interface NotificationSender {
  send(notification: Notification): Promise<DeliveryAnswer>;
}

export interface SenderDeps {
  /** Where `log` writes; one line per notification. */
  /** The log sink writes at warn: something needs a person, and `npm start` logs warn and above. */
  logger: { warn(fields: object, message: string): void };
  /** Epoch milliseconds, for the signature's timestamp. */
  now?: () => number;
  /** How long one POST may take, answer included (default 10 s). */
  timeoutMs?: number;
}

const RETRYABLE_4XX = new Set([408, 429]);

export function createNotificationSender(settings: NotificationSettings, deps: SenderDeps): NotificationSender {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const { target } = settings;
  return {
    async send(notification) {
      const body = notificationBody(notification, settings.format);
      if (target.kind === 'log') {
        deps.logger.warn(
          { notification: JSON.parse(body) as unknown },
          `notification ${notification.type}: ${notification.summary}`,
        );
        return { to: 'log' };
      }
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'lumen-iod-notifications',
        'x-notification-id': notification.id,
      };
      if (settings.secret !== undefined) {
        headers[NOTIFICATION_SIGNATURE_HEADER] = signNotification(settings.secret, body, Math.floor(now() / 1000));
      }
      let status: number;
      let retryAfter: string | string[] | undefined;
      try {
        const response = await request(target.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = response.statusCode;
        retryAfter = response.headers['retry-after'];
        await response.body.dump();
      } catch (error) {
        // The URL may hold a token (Slack, Teams): the message names the origin only.
        const code = (error as { code?: string }).code ?? (error as Error).name;
        throw new NotificationNotDelivered(`no answer from ${new URL(target.url).origin} (${code})`);
      }
      if (status >= 200 && status < 300) return { to: 'endpoint', status };
      if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) throw new NotificationRefused(status);
      if (status < 400) throw new NotificationRefused(status); // a redirect: the URL is wrong, not busy
      throw new NotificationNotDelivered(
        `${new URL(target.url).origin} answered HTTP ${status}`,
        retryAfterMs(retryAfter, now()),
      );
    },
  };
}

function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
