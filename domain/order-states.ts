// The TMF622 states a Lumen order event names, and which of them end an order; without zod, so workflow
// code imports them without the schemas (see workflows/shared/parsers.ts). Re-exported by domain/notification.ts.

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

export type OrderState = (typeof TMF622_ORDER_STATES)[number];
