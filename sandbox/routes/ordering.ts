// Step 6: orders that add a connection, change its bandwidth or disconnect it.
import { parseJsonBody, type ApiContext, type ApiRequest, type ApiRoute } from '../api-route';
import { checkOrder, type OrderCheck } from '../order-rules';
import {
  CHARACTERISTICS,
  missingForAction,
  orderRequestSchema,
  type OrderItem,
  type OrderRequest,
} from '../order-schema';
import type { OrderRecord, ServiceRecord } from '../records';
import { gatewayError, json, problem, type SandboxResponse } from '../responses';

const DAY_MS = 86_400_000;

/** TMF622 fields Lumen returns as null on every order item. */
const NULL_ITEM_FIELDS = {
  appointment: null,
  billingAccount: null,
  itemPrice: null,
  itemTerm: null,
  itemTotalPrice: null,
  payment: null,
  productOfferingQualificationItem: null,
  productOrderItem: null,
  productOrderItemRelationship: null,
  qualification: null,
  quoteItem: null,
  state: null,
  '@baseType': null,
  '@schemaLocation': null,
  '@type': 'ProductOrderItem',
};

function characteristic(item: OrderItem, name: string): string {
  return item.product.productCharacteristic?.find((c) => c.name === name)?.value ?? '';
}

/** Lumen's UNI service id, derived from the service id: "77/KXFN/133831/LUMN". */
export function uniServiceId(serviceId: string): string {
  return `${serviceId.slice(0, 2)}/KXFN/${serviceId.slice(2, 8)}/LUMN`;
}

/** Records an accepted order and the service it creates or changes. */
function accept(context: ApiContext, request: ApiRequest, order: OrderRequest, check: OrderCheck): OrderRecord {
  const { store, lifecycle } = context;
  const item = order.productOrderItem[0];
  const now = new Date(store.clock.now()).toISOString();
  const serviceId = check.service?.serviceId ?? store.newServiceId();
  const record: OrderRecord = {
    id: store.ids.orderId(item.action),
    externalId: order.externalId,
    customerNumber: request.customerNumber,
    action: item.action,
    state: 'inProgress',
    serviceId,
    ...(check.quote ? { quoteId: check.quote.id } : {}),
    ...(item.action === 'modify' && check.quote ? { targetMbps: check.quote.mbps } : {}),
    billingAccountId: order.billingAccount.id,
    createdAt: now,
    request: order,
  };
  if (check.quote) check.quote.orderId = record.id;
  store.orders.set(record.id, record);
  if (check.service) {
    check.service.orderIds.push(record.id);
  } else if (check.quote) {
    const service: ServiceRecord = {
      serviceId,
      customerNumber: request.customerNumber,
      status: 'Pending Activate',
      externalId: order.externalId,
      orderId: record.id,
      orderIds: [record.id],
      mbps: check.quote.mbps,
      uniServiceId: uniServiceId(serviceId),
      customerServiceName: characteristic(item, CHARACTERISTICS.serviceName),
      ipv4BlockSize: characteristic(item, CHARACTERISTICS.ipv4),
      billingAccount: { id: order.billingAccount.id, name: order.billingAccount.name },
      masterSiteId: check.quote.masterSiteId,
      partnerId: check.quote.partnerId,
      createdAt: now,
    };
    store.services.set(serviceId, service);
  }
  lifecycle.start(record);
  return record;
}

function placeOrder(request: ApiRequest, context: ApiContext): SandboxResponse {
  const parsed = parseJsonBody(request, orderRequestSchema);
  if (!parsed.ok) return parsed.response;
  const order = parsed.value;
  const item = order.productOrderItem[0];
  const missing = item ? missingForAction(order, item) : [];
  if (missing.length) return problem(422, request.path, missing);

  const check = checkOrder(context.store, request.customerNumber, order);
  if (check.errors.length) return problem(400, request.path, check.errors);
  if (check.conflict) return gatewayError(409, check.conflict.message, check.conflict.fields);

  const { dailyOrderLimit, dailyChangeLimit } = context.store.settings;
  if (dailyOrderLimit !== undefined) {
    const placed = context.store.ordersOf(request.customerNumber, context.store.clock.now() - DAY_MS).length;
    if (placed >= dailyOrderLimit) {
      return gatewayError(429, `customer ${request.customerNumber} reached ${dailyOrderLimit} orders in 24 hours`);
    }
  }
  // Lumen caps changes per customer per day and resets at midnight GMT; its 429 carries no Retry-After.
  if (dailyChangeLimit !== undefined && item.action !== 'add') {
    if (context.store.changesToday(request.customerNumber) >= dailyChangeLimit) {
      return gatewayError(
        429,
        `customer ${request.customerNumber} reached ${dailyChangeLimit} changes today; the count resets at midnight GMT`,
      );
    }
  }

  const record = accept(context, request, order, check);
  // Lumen echoes the order with its id; no state and no service id.
  return json(201, {
    id: record.id,
    ...order,
    productOrderItem: order.productOrderItem.map((line) => ({ ...line, ...NULL_ITEM_FIELDS })),
  });
}

export const orderingRoutes: ApiRoute[] = [
  { method: 'POST', path: '/Customer/v3/Ordering/orderRequest', access: 'customer', handle: placeOrder },
];
