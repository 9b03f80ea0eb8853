// X-Signature on each notification: the scheme Lumen signs its events with and the receiver checks,
// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, with NOTIFY_WEBHOOK_SECRET.
import { signLumenWebhook } from '../webhooks/signature';

export const NOTIFICATION_SIGNATURE_HEADER = 'x-signature';

export function signNotification(secret: string, body: string, unixSeconds: number): string {
  return signLumenWebhook(secret, body, unixSeconds);
}
