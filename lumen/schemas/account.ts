// Step 5: GET /Account/v1/billingAccount (paged with top-level pageNumber, pageSize, resultCount).
import { z } from 'zod';
import type { BillingAccount } from '../api';
import { COUNTRY_CODE, CURRENCY_CODE } from '../documented-values';
import { pageQueryShape, pagingShape } from './paging';
import { idText, optionalId, optionalText, tolerantObject } from './tolerant';

export const billingAccountsQuerySchema = z.strictObject({
  entitled: z.literal('true'),
  countryCode: z.literal(COUNTRY_CODE),
  currencyCode: z.literal(CURRENCY_CODE),
  ...pageQueryShape,
});

const billingAccountSchema = tolerantObject({
  id: idText,
  name: z.string().min(1),
  hqCountry: optionalText,
  currency: optionalText,
  countryCode: optionalId,
});

export const billingAccountsPageSchema = tolerantObject({
  ...pagingShape,
  billingAccount: z.array(billingAccountSchema),
});

export function toBillingAccount(raw: z.output<typeof billingAccountSchema>): BillingAccount {
  return {
    id: raw.id,
    name: raw.name,
    hqCountry: raw.hqCountry ?? undefined,
    currency: raw.currency ?? undefined,
    countryCode: raw.countryCode ?? undefined,
  };
}
