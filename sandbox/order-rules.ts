// The business rules Lumen documents for an order (400), and the conflicts this project assumes (409).
import type { BillingAccount } from './catalog';
import { CHARACTERISTICS, type OrderItem, type OrderRequest } from './order-schema';
import type { QuoteRecord, ServiceRecord } from './records';
import { pointerOf, type FieldError } from './responses';
import type { SandboxStore } from './store';

const US_PHONE = /^\+1[2-9]\d{2}[2-9]\d{6}$/;
const IPV4_BLOCKS = ['/28', '/29', '/30'];
const PRODUCT_SPECIFICATION = '5001';
const PRODUCT_OFFERING = '718';

export interface Conflict {
  message: string;
  /** Extra envelope fields: existingOrderId or pendingOrderId. */
  fields: Record<string, string>;
}

export interface OrderCheck {
  errors: FieldError[];
  conflict?: Conflict;
  quote?: QuoteRecord;
  service?: ServiceRecord;
  account?: BillingAccount;
}

const error = (path: PropertyKey[], detail: string): FieldError => ({ detail, pointer: pointerOf(path) });

function checkItemShape(order: OrderRequest, item: OrderItem, check: OrderCheck): void {
  if (order.externalId.length > 20) {
    check.errors.push(
      error(['externalId'], `externalId must be at most 20 characters, got ${order.externalId.length}`),
    );
  }
  if (item.quantity !== 1) check.errors.push(error(['productOrderItem', 0, 'quantity'], 'quantity must be 1'));
  order.channel?.forEach((channel, i) => {
    if (String(channel.id) !== '99') check.errors.push(error(['channel', i, 'id'], 'channel id must be 99'));
    if (channel.name.toLowerCase() !== 'naas externalapi') {
      check.errors.push(error(['channel', i, 'name'], 'channel name must be "NaaS ExternalAPI"'));
    }
  });
  const specification = item.product.productSpecification;
  if (specification && specification.id !== PRODUCT_SPECIFICATION) {
    check.errors.push(
      error(
        ['productOrderItem', 0, 'product', 'productSpecification', 'id'],
        `productSpecification id must be ${PRODUCT_SPECIFICATION}`,
      ),
    );
  }
  if (item.productOffering && item.productOffering.id !== PRODUCT_OFFERING) {
    check.errors.push(
      error(['productOrderItem', 0, 'productOffering', 'id'], `productOffering id must be ${PRODUCT_OFFERING}`),
    );
  }
  (item.product.productCharacteristic ?? []).forEach(({ name, value }, i) => {
    const at = ['productOrderItem', 0, 'product', 'productCharacteristic', i, 'value'];
    if (name === CHARACTERISTICS.vlan && value !== 'Auto Assign') {
      check.errors.push(error(at, `${name} must be "Auto Assign", got "${value}"`));
    }
    if (name === CHARACTERISTICS.ipv4 && !IPV4_BLOCKS.includes(value)) {
      check.errors.push(error(at, `${name} must be one of ${IPV4_BLOCKS.join(', ')}, got "${value}"`));
    }
    if (name === CHARACTERISTICS.routing && value !== 'Static') {
      check.errors.push(error(at, `${name} must be "Static", got "${value}"`));
    }
    if (name === CHARACTERISTICS.serviceName && !value.trim())
      check.errors.push(error(at, `${name} must not be empty`));
  });
  order.relatedContactInformation?.forEach((contact, i) => {
    if (!US_PHONE.test(contact.number)) {
      check.errors.push(
        error(
          ['relatedContactInformation', i, 'number'],
          `only US phone numbers like +16157691234 are supported, got "${contact.number}"`,
        ),
      );
    }
  });
}

function checkBillingAccount(
  store: SandboxStore,
  customerNumber: string,
  order: OrderRequest,
  check: OrderCheck,
): void {
  const { id } = order.billingAccount;
  const account = store.customers.get(customerNumber)?.billingAccounts.find((a) => a.id === id);
  const at = ['billingAccount', 'id'];
  if (!account) {
    check.errors.push(error(at, `billing account ${id} not found for customer ${customerNumber}`));
    return;
  }
  if (account.hqCountry.toUpperCase() !== 'US') {
    check.errors.push(
      error(at, `billing account ${id} is headquartered in ${account.hqCountry}; hqCountry must be US`),
    );
  }
  if (account.currency.toUpperCase() !== 'USD') {
    check.errors.push(
      error(at, `billing account ${id} bills in ${account.currency}; USD is the only supported currency`),
    );
  }
  check.account = account;
}

function checkQuote(store: SandboxStore, customerNumber: string, order: OrderRequest, check: OrderCheck): void {
  const quotes = order.quote ?? [];
  if (quotes.length !== 1) {
    check.errors.push(error(['quote'], `exactly one quote is required, got ${quotes.length}`));
    return;
  }
  const { id } = quotes[0];
  const quote = store.quotes.get(id);
  const at = ['quote', 0, 'id'];
  const expired = quote !== undefined && Date.parse(quote.expiresAt) <= store.clock.now();
  if (!quote || quote.customerNumber !== customerNumber) {
    check.errors.push(error(at, `quote ${id} not found`));
  } else if (quote.orderId && !(expired && store.settings.usedQuotesAnswerExpired)) {
    // Checked before expiry so a retried order learns which order already holds its quote.
    check.conflict ??= {
      message: `quote ${id} was already ordered: order ${quote.orderId}`,
      fields: { existingOrderId: quote.orderId },
    };
  } else if (expired) {
    check.errors.push(
      error(at, `quote ${id} has expired (it was valid until ${quote.expiresAt}); request a new quote`),
    );
  } else {
    check.quote = quote;
  }
}

function checkService(store: SandboxStore, customerNumber: string, item: OrderItem, check: OrderCheck): void {
  const serviceId = item.product.id ?? '';
  const service = store.services.get(serviceId);
  const at = ['productOrderItem', 0, 'product', 'id'];
  if (!service || service.customerNumber !== customerNumber) {
    check.errors.push(error(at, `service ${serviceId} not found for customer ${customerNumber}`));
  } else if (service.pendingOrderId) {
    check.conflict ??= {
      message: `service ${serviceId} already has order ${service.pendingOrderId} in flight`,
      fields: { pendingOrderId: service.pendingOrderId },
    };
  } else if (service.status !== 'Active') {
    check.errors.push(error(at, `service ${serviceId} is ${service.status}; only an Active service can be changed`));
  } else {
    check.service = service;
  }
}

/** Every documented rule the order breaks, or the conflict that stops it, or what it orders. */
export function checkOrder(store: SandboxStore, customerNumber: string, order: OrderRequest): OrderCheck {
  const check: OrderCheck = { errors: [] };
  if (order.productOrderItem.length !== 1) {
    check.errors.push(
      error(['productOrderItem'], `exactly one productOrderItem is required, got ${order.productOrderItem.length}`),
    );
  }
  const item = order.productOrderItem[0];
  if (!item) return check;
  checkItemShape(order, item, check);
  checkBillingAccount(store, customerNumber, order, check);
  if (item.action === 'add' || item.action === 'modify') checkQuote(store, customerNumber, order, check);
  if (item.action === 'modify' || item.action === 'delete') checkService(store, customerNumber, item, check);

  const { quote, service } = check;
  if (item.action === 'add' && quote?.serviceId) {
    check.errors.push(
      error(
        ['quote', 0, 'id'],
        `quote ${quote.id} prices a change of service ${quote.serviceId}, not a new connection`,
      ),
    );
  }
  if (item.action === 'modify' && quote && service) {
    const fits = quote.serviceId ? quote.serviceId === service.serviceId : quote.masterSiteId === service.masterSiteId;
    if (!fits) {
      check.errors.push(error(['quote', 0, 'id'], `quote ${quote.id} was not priced for service ${service.serviceId}`));
    }
  }
  return check;
}
