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

const priceText = z
  .union([z.string(), z.number()])
  .refine((price) => priceToCents(price) !== undefined, 'must be a price such as "$0.46"');

/** One line of a price list or a quote: speed written Lumen's way, price with float noise, a term. */
const priceLineSchema = tolerantObject({
  speed: z.string().min(1),
  price: priceText,
  term: z.string().min(1),
  displayValue: optionalText,
}).superRefine((line, context) => {
  if (mbpsOf(line) === undefined) {
    context.addIssue({ code: 'custom', path: ['speed'], message: 'must be a speed such as "100 Mbps"' });
  }
});

export type PriceLine = z.output<typeof priceLineSchema>;

function mbpsOf(line: { speed: string; displayValue?: string | null }): number | undefined {
  return speedToMbps(line.speed) ?? speedToMbps(line.displayValue ?? '');
}

export function toSpeedOffer(line: PriceLine): SpeedOffer {
  return {
    speed: line.speed,
    mbps: mbpsOf(line) as number,
    priceCents: priceToCents(line.price) as number,
    term: line.term,
  };
}

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
export function priceLineFor(lines: PriceLine[], keyWord: 'hour' | 'month'): PriceLine | undefined {
  return lines.find((line) => line.term.toLowerCase().includes(keyWord));
}
