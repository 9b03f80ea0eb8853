// The worker's own event: Lumen's token endpoint refuses the API key. Every activity attempt meets it,
// so a latch in the worker process reports it once per outage (reset when a token is issued again):
// an error in the log, and the lumen.credentialsRejected notification through a delivery workflow
// whose id names this worker and the outage.
import { hostname } from 'node:os';
import type { CredentialsObserver } from '../lumen/config';
import { credentialsRejectedMessage } from '../lumen/errors';
import type { Notification } from '../notifications/events';

export interface CredentialsAlarmDeps {
  /** Hands the notification to delivery; undefined when notifications are off. */
  deliver?: (notification: Notification) => Promise<unknown>;
  logger: { error(fields: object, message: string): void; info(fields: object, message: string): void };
  /** Lumen's base URL, shown by its origin only. */
  lumenBaseUrl: string;
  /** Names this worker in the notification's id; the Temporal SDK's default identity otherwise. */
  identity?: string;
  now?: () => number;
}

export class CredentialsAlarm implements CredentialsObserver {
  private outageSince?: number;
  private readonly identity: string;
  private readonly now: () => number;

  constructor(private readonly deps: CredentialsAlarmDeps) {
    this.identity = deps.identity ?? `${process.pid}@${hostname()}`;
    this.now = deps.now ?? Date.now;
  }

  /** Whether an outage has been reported and not yet ended. */
  get inOutage(): boolean {
    return this.outageSince !== undefined;
  }

  rejected(status: number): void {
    if (this.outageSince !== undefined) return;
    const since = this.now();
    this.outageSince = since;
    const message = credentialsRejectedMessage(status);
    this.deps.logger.error({ status, lumen: new URL(this.deps.lumenBaseUrl).origin }, message);
    if (!this.deps.deliver) return;
    const notification: Notification = {
      id: `iod-notify-worker-${this.identity}-lumen.credentialsRejected-${since}`,
      type: 'lumen.credentialsRejected',
      at: new Date(since).toISOString(),
      summary: `${message}. Renew the key (LUMEN_CONSUMER_KEY, LUMEN_CONSUMER_SECRET) and restart the worker; the work resumes by itself`,
      details: {
        status,
        endpoint: 'POST /oauth/v2/token',
        lumen: new URL(this.deps.lumenBaseUrl).origin,
        worker: this.identity,
        message,
      },
    };
    this.deps.deliver(notification).catch((error: unknown) => {
      this.deps.logger.error(
        { notificationId: notification.id, error: error instanceof Error ? error.message : String(error) },
        'the lumen.credentialsRejected notification could not be handed to delivery',
      );
    });
  }

  accepted(): void {
    if (this.outageSince === undefined) return;
    this.outageSince = undefined;
    this.deps.logger.info({}, 'Lumen accepts the API credentials again');
  }
}
