// Step 4: price the connection. Lumen honours a quote for a limited time (15 minutes as documented);
// the expiry is computed from when the request was sent, so it never runs later than Lumen's own.
import type { ActivityDeps } from './deps';
import { failureOfRepeatableCall } from './failures';

export interface RequestPriceInput {
  customerNumber: string;
  masterSiteId: string;
  partnerId: string;
  /** As the price list wrote it. */
  speed: string;
  purchaseOrderNumber?: string;
  description?: string;
}

export interface QuoteResult {
  id: string;
  speed: string;
  hourlyCents: number;
  monthlyCents: number;
  /** ISO times. */
  requestedAt: string;
  expiresAt: string;
  /** How long this quote is honoured: the workflow sizes its safety margin from it. */
  validForMs: number;
}

export function requestPriceActivity({ lumen, clock, quoteValidityMs }: ActivityDeps) {
  return async function requestPrice(input: RequestPriceInput): Promise<QuoteResult> {
    const requestedAt = clock.now();
    // A repeated price request only creates a quote nobody uses, so every transient failure may retry.
    const quote = await lumen
      .requestQuote(input.customerNumber, {
        masterSiteId: input.masterSiteId,
        partnerId: input.partnerId,
        speed: input.speed,
        purchaseOrderNumber: input.purchaseOrderNumber,
        description: input.description,
      })
      .catch((error: unknown) =>
        failureOfRepeatableCall(
          error,
          'SpeedNotOffered',
          (lumenSays) => `Lumen refused to price ${input.speed} at site ${input.masterSiteId}: ${lumenSays}`,
        ),
      );
    const planned = requestedAt + quoteValidityMs;
    const stated = quote.expiresAt === undefined ? NaN : Date.parse(quote.expiresAt);
    const expiresAt = Number.isNaN(stated) ? planned : Math.min(planned, stated);
    return {
      id: quote.id,
      speed: quote.speed,
      hourlyCents: quote.hourlyCents,
      monthlyCents: quote.monthlyCents,
      requestedAt: new Date(requestedAt).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      validForMs: expiresAt - requestedAt,
    };
  };
}
