// The bodies the client POSTs, built field for field as Lumen's examples print them.
import type { NewOrder, OrderContact, QuoteRequest, ServiceChange } from './api';
import { DELETE_ORDER_SHAPE, MODIFY_ORDER_SHAPE, ORDER_ACTION, type ServiceOrderShape } from './assumptions';
import {
  CHANNEL,
  CHARACTERISTIC,
  CHARACTERISTIC_VALUE_TYPE,
  CURRENCY_CODE,
  DEFAULT_PRICE_REQUEST_DESCRIPTION,
  PRODUCT_CODE,
  PRODUCT_NAME,
  PRODUCT_OFFERING,
  PRODUCT_SPECIFICATION,
  QUOTE_NAME,
  ROUTING_STATIC,
  SOURCE_SYSTEM,
  VLAN_AUTO_ASSIGN,
} from './documented-values';
import type { PriceRequestBody } from './schemas/product';
import type { ContactInformation, OrderRequestBody, ProductOrderItem } from './schemas/order';

export function priceRequestBody(customerNumber: string, request: QuoteRequest): PriceRequestBody {
  return {
    sourceSystem: SOURCE_SYSTEM,
    customerPriceRequestDescription: request.description ?? DEFAULT_PRICE_REQUEST_DESCRIPTION,
    // Not a required property: left out rather than sent empty when the caller has none.
    ...(request.purchaseOrderNumber === undefined ? {} : { customerPurchaseOrderNumber: request.purchaseOrderNumber }),
    customerNumber,
    currencyCode: CURRENCY_CODE,
    masterSiteId: request.masterSiteId,
    productCode: PRODUCT_CODE,
    partnerId: request.partnerId,
    productName: PRODUCT_NAME,
    speed: request.speed,
  };
}

export function addOrderBody(order: NewOrder): OrderRequestBody {
  const characteristic = (name: string, value: string) => ({ name, valueType: CHARACTERISTIC_VALUE_TYPE, value });
  return envelope(order, {
    item: {
      id: order.orderItemId,
      quantity: 1,
      action: ORDER_ACTION.add,
      product: {
        productCharacteristic: [
          characteristic(CHARACTERISTIC.customerServiceName, order.customerServiceName),
          characteristic(CHARACTERISTIC.vlanAssignment, VLAN_AUTO_ASSIGN),
          characteristic(CHARACTERISTIC.ipv4BlockSize, order.ipv4BlockSize),
          characteristic(CHARACTERISTIC.routingOptions, ROUTING_STATIC),
        ],
        productSpecification: { ...PRODUCT_SPECIFICATION },
      },
      productOffering: { ...PRODUCT_OFFERING },
    },
    quoteId: order.quoteId,
    contact: order.contact,
  });
}

export function modifyOrderBody(change: ServiceChange & { quoteId: string }): OrderRequestBody {
  return serviceOrderBody(change, MODIFY_ORDER_SHAPE, change.quoteId);
}

export function deleteOrderBody(change: ServiceChange): OrderRequestBody {
  return serviceOrderBody(change, DELETE_ORDER_SHAPE);
}

/** A change to an existing service: no characteristics, the service named in product.id. */
function serviceOrderBody(change: ServiceChange, shape: ServiceOrderShape, quoteId?: string): OrderRequestBody {
  const item: ProductOrderItem = {
    id: shape.itemIdIsServiceId ? change.serviceId : change.orderItemId,
    quantity: 1,
    action: shape.action,
    product: {
      id: change.serviceId,
      productCharacteristic: [],
      productSpecification: { ...PRODUCT_SPECIFICATION },
    },
    productOffering: { ...PRODUCT_OFFERING },
  };
  return envelope(change, { item, quoteId: shape.sendsQuote ? quoteId : undefined, contact: change.contact });
}

interface OrderParts {
  item: ProductOrderItem;
  quoteId?: string;
  contact?: OrderContact;
}

/** The parts every orderRequest shares, in the documented field order. */
function envelope(
  order: { externalId: string; billingAccount: { id: string; name: string }; note?: string },
  parts: OrderParts,
): OrderRequestBody {
  const body: OrderRequestBody = {
    externalId: order.externalId,
    billingAccount: { id: order.billingAccount.id, name: order.billingAccount.name },
    channel: [{ ...CHANNEL }],
    // Not a required property: left out rather than sent empty when the caller has none.
    ...(order.note === undefined ? {} : { note: [{ text: order.note }] }),
    productOrderItem: [parts.item],
  };
  if (parts.quoteId !== undefined) body.quote = [{ id: parts.quoteId, name: QUOTE_NAME }];
  if (parts.contact) body.relatedContactInformation = [contactInformation(parts.contact)];
  return body;
}

function contactInformation(contact: OrderContact): ContactInformation {
  return {
    number: contact.phone,
    emailAddress: contact.email,
    role: contact.role,
    organization: contact.organization,
    name: contact.name,
    numberExtension: contact.phoneExtension ?? '',
  };
}
