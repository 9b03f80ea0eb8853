// Step 6: POST /Customer/v3/Ordering/orderRequest — the documented body for add, and the same envelope
// for modify and delete. The response is the echoed order with its id and no state.
import { z } from 'zod';
import { ORDER_ACTION } from '../assumptions';
import { CHANNEL, CHARACTERISTIC_VALUE_TYPE, PRODUCT_OFFERING, PRODUCT_SPECIFICATION } from '../documented-values';
import { idText, optionalId, tolerantObject } from './tolerant';

const characteristicSchema = z.strictObject({
  name: z.string().min(1),
  valueType: z.literal(CHARACTERISTIC_VALUE_TYPE),
  value: z.string(),
});

const productOrderItemSchema = z.strictObject({
  id: z.string().min(1),
  quantity: z.literal(1),
  action: z.enum([ORDER_ACTION.add, ORDER_ACTION.modify, ORDER_ACTION.delete]),
  product: z.strictObject({
    /** The service a modify or delete acts on; absent on add. */
    id: z.string().min(1).optional(),
    productCharacteristic: z.array(characteristicSchema),
    productSpecification: z.strictObject({
      id: z.literal(PRODUCT_SPECIFICATION.id),
      name: z.literal(PRODUCT_SPECIFICATION.name),
    }),
  }),
  productOffering: z.strictObject({ id: z.literal(PRODUCT_OFFERING.id), name: z.literal(PRODUCT_OFFERING.name) }),
});

const contactSchema = z.strictObject({
  number: z.string().min(1),
  emailAddress: z.string().min(1),
  role: z.string().min(1),
  organization: z.string().min(1),
  name: z.string().min(1),
  numberExtension: z.string(),
});

export const orderRequestBodySchema = z.strictObject({
  externalId: z.string().min(1),
  billingAccount: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
  channel: z.tuple([z.strictObject({ id: z.literal(CHANNEL.id), name: z.literal(CHANNEL.name) })]),
  note: z.array(z.strictObject({ text: z.string() })).optional(),
  productOrderItem: z.tuple([productOrderItemSchema]),
  /** Absent on delete. */
  quote: z.tuple([z.strictObject({ id: z.string().min(1), name: z.string().min(1) })]).optional(),
  relatedContactInformation: z.array(contactSchema).optional(),
});

export type OrderRequestBody = z.output<typeof orderRequestBodySchema>;
export type ProductOrderItem = z.output<typeof productOrderItemSchema>;
export type ContactInformation = z.output<typeof contactSchema>;

export const orderResponseSchema = tolerantObject({ id: idText, externalId: optionalId });
