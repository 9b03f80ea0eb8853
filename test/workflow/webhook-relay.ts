// A minimal stand-in for the webhook receiver: takes the sandbox's signed POSTs, checks the signature
// and signals the workflow the event is for, routed as the receiver routes it. Tests only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { workflowIdFor } from '../../domain/names';
import { serviceWorkflowIdFor } from '../../domain/service';
import type { LumenNotification } from '../../domain/notification';
import { lumenNotificationSignal } from '../../workflows/messages';

export interface WebhookRelay {
  url: string;
  secret: string;
  /** Events signalled so far. */
  relayed: LumenNotification[];
  close(): Promise<void>;
}

export async function startWebhookRelay(client: Client): Promise<WebhookRelay> {
  const secret = 'relay-secret';
  const relayed: LumenNotification[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (!signedBy(secret, body, String(request.headers['x-lumen-signature'] ?? ''))) {
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body) as LumenNotification;
      const { externalId, serviceId } = event.event.productOrder;
      // As the receiver routes: to the provisioning, else (a change or disconnect order) to the service.
      const signal = (workflowId: string) =>
        client.workflow.getHandle(workflowId).signal(lumenNotificationSignal, event);
      signal(workflowIdFor(externalId))
        .catch((error: unknown) => {
          if (serviceId && error instanceof WorkflowNotFoundError) return signal(serviceWorkflowIdFor(serviceId));
          throw error;
        })
        .then(
          () => {
            relayed.push(event);
            response.writeHead(204).end();
          },
          // A closed provisioning: acknowledged, like the real receiver does.
          () => response.writeHead(202).end(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/lumen`,
    secret,
    relayed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signedBy(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return parts.v1.length === expected.length && timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected));
}
