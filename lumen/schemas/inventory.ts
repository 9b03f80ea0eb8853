// Step 7: GET /ProductInventory/v1/inventory — service status in Lumen's own words.
import { z } from 'zod';
import { speedToMbps } from '../../domain/speed';
import type { InventoryService } from '../api';
import { INVENTORY_EXTERNAL_ID_PARAM } from '../assumptions';
import { CHARACTERISTIC } from '../documented-values';
import { pageQueryShape, pagingShape } from './paging';
import { idText, optionalId, optionalText, tolerantObject } from './tolerant';

export const inventoryQuerySchema = z.strictObject({
  [INVENTORY_EXTERNAL_ID_PARAM]: z.string().min(1).optional(),
  serviceId: z.string().min(1).optional(),
  serviceType: z.enum(['Internet', 'Port']).optional(),
  ...pageQueryShape,
});

const characteristicSchema = tolerantObject({ name: optionalText, value: z.unknown() });

const serviceSchema = tolerantObject({
  serviceId: idText,
  status: optionalText,
  externalId: optionalId,
  orderId: optionalId,
  product: tolerantObject({
    status: optionalText,
    productCharacteristic: z.array(characteristicSchema).nullish().catch(undefined),
  })
    .nullish()
    .catch(undefined),
  billingAccount: tolerantObject({ id: optionalId, name: optionalText }).nullish().catch(undefined),
  // Seen as "masterSiteid"; the tolerant object folds either spelling into masterSiteId.
  location: tolerantObject({ masterSiteId: optionalId }).nullish().catch(undefined),
  locationProfile: tolerantObject({ relatedParty: tolerantObject({ id: optionalId }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
}).superRefine((service, context) => {
  if (!service.status && !service.product?.status) {
    context.addIssue({ code: 'custom', path: ['status'], message: 'is missing (nor product.status)' });
  }
});

export const inventoryPageSchema = tolerantObject({ ...pagingShape, serviceInventory: z.array(serviceSchema) });

export function toInventoryService(raw: z.output<typeof serviceSchema>): InventoryService {
  const bandwidth = raw.product?.productCharacteristic?.find(
    (characteristic) => characteristic.name?.toLowerCase() === CHARACTERISTIC.bandwidth.toLowerCase(),
  )?.value;
  return {
    serviceId: raw.serviceId,
    status: (raw.status || raw.product?.status) as string,
    externalId: raw.externalId ?? undefined,
    orderId: raw.orderId ?? undefined,
    bandwidthMbps: typeof bandwidth === 'string' ? speedToMbps(bandwidth) : undefined,
    masterSiteId: raw.location?.masterSiteId ?? undefined,
    billingAccountId: raw.billingAccount?.id ?? undefined,
    billingAccountName: raw.billingAccount?.name ?? undefined,
    partnerId: raw.locationProfile?.relatedParty?.id ?? undefined,
  };
}
