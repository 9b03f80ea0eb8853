// Shapes the workflow shows the outside world: the status query, the update input and the result.
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

export interface ProvisioningResult {
  requestId: string;
  status: 'ACTIVE';
  orderId: string;
  serviceId: string;
  partnerId: string;
  masterSiteId: string;
  speed: string;
  quoteId: string;
  /** Decimal strings such as "0.46" and "331.20". */
  hourlyPriceUsd: string;
  monthlyPriceUsd: string;
  billingAccountId: string;
  activatedAt: string;
  quotesRequested: number;
  /** The workflow that manages the service from now on (iod-service-<serviceId>). */
  serviceWorkflowId?: string;
}
