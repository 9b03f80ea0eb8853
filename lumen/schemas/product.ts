// Steps 3 and 4: GET /Product/v1/price (the site's price list) and POST /Product/v1/priceRequest (a quote).
import { z } from 'zod';
import { priceToCents } from '../../domain/money';
import { speedToMbps } from '../../domain/speed';
import type { SpeedOffer } from '../api';
import { CURRENCY_CODE, PRODUCT_CODE, PRODUCT_NAME, SOURCE_SYSTEM, TERM } from '../documented-values';
import { idText, optionalText, tolerantObject } from './tolerant';

export const priceListQuerySchema = z.strictObject({
  masterSiteId: z.string().min(1),
  productCode: z.literal(PRODUCT_CODE),
});

/** One line of a price list or a quote, read once into a SpeedOffer: speed in Mbps, price in cents. */
const priceLineSchema = tolerantObject({
  speed: z.string().min(1),
  price: z.union([z.string(), z.number()]),
  term: z.string().min(1),
  displayValue: optionalText,
}).transform((line, context): SpeedOffer => {
  // "Gigabit" with a displayValue of "1 Gbps" still names a speed.
  const mbps = speedToMbps(line.speed) ?? speedToMbps(line.displayValue ?? '');
  const priceCents = priceToCents(line.price);
  if (mbps === undefined) {
    context.addIssue({ code: 'custom', path: ['speed'], message: 'must be a speed such as "100 Mbps"' });
  }
  if (priceCents === undefined) {
    context.addIssue({ code: 'custom', path: ['price'], message: 'must be a price such as "$0.46"' });
  }
  if (mbps === undefined || priceCents === undefined) return z.NEVER;
  return { speed: line.speed, mbps, priceCents, term: line.term };
});

export const priceListSchema = tolerantObject({ pricePerSpeed: z.array(priceLineSchema) });

/** The documented priceRequest body, nothing more. */
export const priceRequestBodySchema = z.strictObject({
  sourceSystem: z.literal(SOURCE_SYSTEM),
  customerPriceRequestDescription: z.string(),
  customerPurchaseOrderNumber: z.string().min(1).optional(),
  customerNumber: z.string().min(1),
  currencyCode: z.literal(CURRENCY_CODE),
  masterSiteId: z.string().min(1),
  productCode: z.literal(PRODUCT_CODE),
  partnerId: z.string().min(1),
  productName: z.literal(PRODUCT_NAME),
  speed: z.string().min(1),
});

export type PriceRequestBody = z.output<typeof priceRequestBodySchema>;

export const quoteResponseSchema = tolerantObject({
  id: idText,
  priceRequest: tolerantObject({ speed: optionalText }).nullish().catch(undefined),
  price: z.array(priceLineSchema),
}).superRefine((quote, context) => {
  for (const [keyWord, term] of [
    ['hour', TERM.hourly],
    ['month', TERM.monthly],
  ] as const) {
    if (!priceLineFor(quote.price, keyWord)) {
      context.addIssue({ code: 'custom', path: ['price'], message: `has no "${term}" line` });
    }
  }
});

export type QuoteResponse = z.output<typeof quoteResponseSchema>;

/** The line for a term ("Hourly Rate"), matched on its key word so "hourly" or "HOURLY RATE" also count. */
export function priceLineFor(lines: SpeedOffer[], keyWord: 'hour' | 'month'): SpeedOffer | undefined {
  return lines.find((line) => line.term.toLowerCase().includes(keyWord));
}
