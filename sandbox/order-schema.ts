// The shape of POST /Customer/v3/Ordering/orderRequest. A body that misses it is malformed (422);
// the documented business rules are checked afterwards in order-rules.ts (400).
import { z } from 'zod';
import { pointerOf, type FieldError } from './responses';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const characteristicSchema = z.looseObject({
  name: z.string().min(1),
  valueType: z.string().optional(),
  value: z.string(),
});

export const orderItemSchema = z.looseObject({
  id: z.string().min(1),
  quantity: z.number(),
  action: z.enum(['add', 'modify', 'delete']),
  product: z.looseObject({
    /** The service id, for modify and delete. */
    id: z.string().min(1).optional(),
    productCharacteristic: z.array(characteristicSchema).optional(),
    productSpecification: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  }),
  productOffering: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
});

export const contactSchema = z.looseObject({
  number: z.string(),
  emailAddress: z.string().regex(EMAIL, 'must be an email address'),
  role: z.string().min(1),
  organization: z.string().min(1),
  name: z.string().min(1),
  numberExtension: z.string().optional(),
});

export const orderRequestSchema = z.looseObject({
  externalId: z.string().min(1),
  billingAccount: z.looseObject({ id: z.string().min(1), name: z.string() }),
  channel: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), name: z.string() })).optional(),
  note: z.array(z.looseObject({ text: z.string() })).optional(),
  productOrderItem: z.array(orderItemSchema),
  quote: z.array(z.looseObject({ id: z.string().min(1), name: z.string().optional() })).optional(),
  relatedContactInformation: z.array(contactSchema).optional(),
});

export type OrderRequest = z.output<typeof orderRequestSchema>;
export type OrderItem = z.output<typeof orderItemSchema>;

export const CHARACTERISTICS = {
  serviceName: 'Customer Service Name',
  vlan: 'VLAN Assignment',
  ipv4: 'IPV4 Block Size',
  routing: 'Routing Options',
} as const;

/** Fields an action cannot do without: a body lacking them is malformed, like a missing field. */
export function missingForAction(order: OrderRequest, item: OrderItem): FieldError[] {
  const missing = (path: PropertyKey[], what: string): FieldError => ({
    detail: `${what} is required for action ${item.action}`,
    pointer: pointerOf(path),
  });
  const errors: FieldError[] = [];
  if (item.action === 'add') {
    if (!order.channel?.length) errors.push(missing(['channel'], 'channel'));
    if (!order.quote?.length) errors.push(missing(['quote'], 'quote'));
    if (!order.relatedContactInformation?.length) {
      errors.push(missing(['relatedContactInformation'], 'relatedContactInformation'));
    }
    if (!item.product.productSpecification) {
      errors.push(missing(['productOrderItem', 0, 'product', 'productSpecification'], 'productSpecification'));
    }
    if (!item.productOffering) errors.push(missing(['productOrderItem', 0, 'productOffering'], 'productOffering'));
    const names = new Set((item.product.productCharacteristic ?? []).map((c) => c.name));
    for (const name of Object.values(CHARACTERISTICS)) {
      if (!names.has(name)) {
        errors.push(missing(['productOrderItem', 0, 'product', 'productCharacteristic'], `characteristic "${name}"`));
      }
    }
  } else {
    if (!item.product.id) errors.push(missing(['productOrderItem', 0, 'product', 'id'], 'product.id (the service id)'));
    if (item.action === 'modify' && !order.quote?.length) errors.push(missing(['quote'], 'quote'));
  }
  return errors;
}
