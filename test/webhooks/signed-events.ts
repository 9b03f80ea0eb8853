// Builders for the events and signed requests the receiver tests send.
import { randomUUID } from 'node:crypto';
import type { LumenNotification, OrderState } from '../../domain/notification';
import { signLumenWebhook } from '../../webhooks/signature';

export function orderEvent(
  externalId: string,
  state: OrderState = 'completed',
  eventId = randomUUID(),
): LumenNotification {
  return {
    eventId,
    eventTime: new Date().toISOString(),
    eventType: 'ProductOrderStateChangeEvent',
    event: {
      productOrder: {
        id: randomUUID(),
        externalId,
        state,
        ...(state === 'completed' ? { serviceId: '77133831778' } : {}),
      },
    },
  };
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** A body and the headers Lumen would send with it, signed at `unixSeconds` (default now). */
export function signedRequest(
  secret: string,
  payload: unknown,
  unixSeconds = Math.floor(Date.now() / 1000),
): SignedRequest {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-lumen-signature': signLumenWebhook(secret, body, unixSeconds) },
  };
}
