// A Lumen order-state webhook event (TMF622 style), as the receiver accepts it and the workflows'
// lumenNotification signal carries it.
import { z } from 'zod';

export * from './order-states';

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
