// A notification endpoint for the tests: records every POST (headers, raw body), checks its X-Signature
// the way the webhook receiver checks Lumen's, and answers with the status the test chooses.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '../../notifications/events';
import { verifyLumenSignature } from '../../webhooks/signature';

export interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Notification;
  signatureValid: boolean;
}

export interface NotificationReceiver {
  url: string;
  secret: string;
  received: ReceivedNotification[];
  /** The status every POST is answered with from now on (default 200). */
  answerWith(status: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startNotificationReceiver(secret = 'notify-test-secret'): Promise<NotificationReceiver> {
  const received: ReceivedNotification[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const check = verifyLumenSignature({
        secret,
        rawBody: raw,
        header: req.headers['x-signature'],
        nowMs: Date.now(),
        toleranceMs: 300_000,
      });
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Notification, signatureValid: check.ok });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`,
    secret,
    received,
    answerWith: (next) => (status = next),
    reset() {
      received.length = 0;
      status = 200;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
