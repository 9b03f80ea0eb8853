// A Lumen order-state webhook event (TMF622 style), as the receiver accepts it and the workflows'
// lumenNotification signal carries it.
import { z } from 'zod';

/** The TMF622 order states; Lumen may send any of them, and perhaps others, so none is refused. */
export const TMF622_ORDER_STATES = [
  'acknowledged',
  'pending',
  'held',
  'inProgress',
  'partial',
  'completed',
  'failed',
  'rejected',
  'cancelled',
  'assessingCancellation',
  'pendingCancellation',
] as const;

/** The order went through. */
export const ORDER_COMPLETED_STATE = 'completed';
/** The order ended without being carried out. */
export const ORDER_FAILED_STATES: readonly string[] = ['failed', 'rejected', 'cancelled'];

export type OrderEnd = 'completed' | 'failed';

/** Whether this state ends the order, and how; undefined while it is still being worked on. */
export function orderEndOf(state: string): OrderEnd | undefined {
  if (state === ORDER_COMPLETED_STATE) return 'completed';
  return ORDER_FAILED_STATES.includes(state) ? 'failed' : undefined;
}

export const lumenNotificationSchema = z.looseObject({
  eventId: z.string().min(1),
  eventTime: z.string().min(1),
  eventType: z.string().min(1),
  event: z.looseObject({
    productOrder: z.looseObject({
      id: z.string().min(1),
      externalId: z.string().min(1),
      state: z.string().min(1),
      stateReason: z.string().optional(),
      serviceId: z.string().optional(),
    }),
  }),
});

export type LumenNotification = z.infer<typeof lumenNotificationSchema>;
export type OrderState = (typeof TMF622_ORDER_STATES)[number];
