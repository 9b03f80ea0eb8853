// Shapes the workflow shows the outside world: the status query, the update input and the result.
import { z } from 'zod';
import type { Step } from './names';

export interface QuoteView {
  id: string;
  /** ISO time after which Lumen refuses the quote. */
  expiresAt: string;
  /** Decimal string such as "331.20". */
  monthlyPriceUsd: string;
}

export interface HistoryEntry {
  at: string;
  step: Step;
  detail: string;
}

export interface ProvisioningStatus {
  step: Step;
  quote: QuoteView | null;
  orderId: string | null;
  serviceId: string | null;
  quotesRequested: number;
  lastError: string | null;
  history: HistoryEntry[];
  /** Once the service is known: the workflow that manages it from then on. */
  serviceWorkflowId?: string;
}

export interface ApprovePriceInput {
  quoteId: string;
  approved: boolean;
  /** The monthly price, in US dollars, approved from now on; default the waiting quote's own price. */
  maxMonthlyPriceUsd?: number;
}

const decimalUsd = z
  .string()
  .regex(/^\d+\.\d{2}$/)
  .describe('US dollars as a decimal string with two places, such as "331.20"');

/** The workflow's result once the service is ACTIVE; other languages get it as JSON Schema. */
export const provisioningResultSchema = z.object({
  requestId: z.string(),
  status: z.literal('ACTIVE'),
  orderId: z.string(),
  serviceId: z.string(),
  partnerId: z.string(),
  masterSiteId: z.string(),
  speed: z.string().describe('the speed in its canonical form, such as "100 Mbps" or "1 Gbps"'),
  quoteId: z.string(),
  hourlyPriceUsd: decimalUsd,
  monthlyPriceUsd: decimalUsd,
  billingAccountId: z.string(),
  activatedAt: z.iso.datetime().describe('when the service became active, an ISO 8601 time in UTC'),
  quotesRequested: z
    .number()
    .int()
    .positive()
    .describe('how many quotes were needed: a new one each time one expired before the order'),
  serviceWorkflowId: z
    .string()
    .optional()
    .describe('the workflow that manages the service from now on: iod-service-<serviceId>'),
});

export type ProvisioningResult = z.output<typeof provisioningResultSchema>;
