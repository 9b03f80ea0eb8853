// What the sandbox remembers about the traffic it served: tokens, quotes, orders, services, events.
import type { LumenNotification } from '../domain/notification';

export interface TokenRecord {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

export interface QuoteRecord {
  id: string;
  customerNumber: string;
  masterSiteId: string;
  partnerId: string;
  /** Present when the quote prices a bandwidth change of an existing service. */
  serviceId?: string;
  /** As the caller sent it. */
  speed: string;
  mbps: number;
  hourlyPrice: string;
  monthlyPrice: string;
  createdAt: string;
  expiresAt: string;
  /** Set once an order used the quote: quotes are single-use. */
  orderId?: string;
}

export type OrderAction = 'add' | 'modify' | 'delete';
export type OrderState = 'inProgress' | 'completed' | 'failed' | 'rejected' | 'cancelled';

export interface OrderRecord {
  id: string;
  externalId: string;
  customerNumber: string;
  action: OrderAction;
  state: OrderState;
  stateReason?: string;
  serviceId: string;
  quoteId?: string;
  /** The bandwidth a modify order changes the service to. */
  targetMbps?: number;
  billingAccountId: string;
  createdAt: string;
  /** The request body as parsed, unknown fields kept. */
  request: unknown;
  /** Placed outside the API (Lumen's portal, another tool) and announced by no event. */
  silent?: boolean;
  /** Placed outside the API to settle after this long, whatever the settings say. */
  settleDelayMs?: number;
}

export const SERVICE_STATUSES = [
  'Pending Activate',
  'Active',
  'Connection Unsuccessful',
  'Change Pending',
  'Disconnect Pending',
  'Inactive',
  'Disconnection Unsuccessful',
  // Lumen's own word for a service it has stopped (e.g. for non-payment), seen on its inventory service.
  'Suspended',
] as const;

export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export interface ServiceRecord {
  serviceId: string;
  customerNumber: string;
  status: ServiceStatus;
  /** The externalId and id of the order that created the service. */
  externalId: string;
  orderId: string;
  /** Every order placed on the service, oldest first. */
  orderIds: string[];
  /** The order still being worked on, if any: a second change meanwhile is refused with 409. */
  pendingOrderId?: string;
  mbps: number;
  uniServiceId: string;
  customerServiceName: string;
  ipv4BlockSize: string;
  billingAccount: { id: string; name: string };
  masterSiteId: string;
  partnerId: string;
  createdAt: string;
}

/** How an order with a given externalId ends, set through PUT /_sandbox/outcomes/:externalId. */
export type Outcome =
  | { outcome: 'active'; delayMs?: number }
  | { outcome: 'failed'; reason?: string; delayMs?: number; state?: 'failed' | 'rejected' | 'cancelled' }
  | { outcome: 'never' };

export type LumenEvent = LumenNotification;

export interface RequestLogEntry {
  /** When the request arrived, as a gateway would count it. */
  at: string;
  method: string;
  path: string;
  query: string;
  /** 0 when the socket was destroyed instead of answered. */
  status: number;
  customerNumber?: string;
  fault?: string;
}
