// Quotes expire (15 minutes as documented). This keeps a valid quote at hand until the order is sent,
// re-pricing on a durable timer whatever holds the order up, and runs the price guard: a quote above
// maxMonthlyPriceUsd waits for the approvePrice update.
import { condition } from '@temporalio/workflow';
import type { QuoteResult } from '../../../activities';
import { centsToDecimal } from '../../../domain/money';
import type { ApprovePriceInput } from '../../../domain/status';
import { lumenReads } from './activity-proxies';
import { provisioningFailure } from './failures';
import { keepTrying } from './keep-trying';
import type { Progress } from './progress';

export interface PricingPlan {
  customerNumber: string;
  masterSiteId: string;
  partnerId: string;
  /** As the site's price list wrote it. */
  speed: string;
  purchaseOrderNumber?: string;
  description: string;
  /** The price guard, in cents; undefined when the request set none. */
  maxMonthlyCents?: number;
}

/** Re-price this long before expiry: enough for the order call to reach Lumen in time. */
const MAX_SAFETY_MARGIN_MS = 2 * 60_000;

const usd = (cents: number) => `$${centsToDecimal(cents)}`;

export class QuoteKeeper {
  private plan?: PricingPlan;
  private quote?: QuoteResult;
  /** The highest monthly price someone approved: a re-priced quote up to it needs no new approval. */
  private approvedUpToCents = 0;
  private awaitingApprovalOf: string | null = null;
  private replacing: string | null = null;
  private decision?: ApprovePriceInput;

  constructor(private readonly progress: Progress) {}

  get current(): QuoteResult | undefined {
    return this.quote;
  }

  async start(plan: PricingPlan): Promise<QuoteResult> {
    this.plan = plan;
    return this.requestNew('Priced');
  }

  /** Still safe to send: not within the safety margin of its expiry, by workflow time. */
  isFresh(quote: QuoteResult): boolean {
    return Date.now() < refreshDueAt(quote);
  }

  /** Runs `work` while re-pricing each time the quote is about to expire. */
  async keepFreshWhile<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    void work.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const wait = refreshDueAt(this.requireQuote()) - Date.now();
      if (wait > 0) await condition(() => settled, wait, { summary: 'quote expiry' });
      else await this.requestNew('Quote about to expire; re-priced');
    }
    return work;
  }

  /** A fresh quote within the price guard or approved; waits for approval (re-pricing meanwhile) if needed. */
  async readyToOrder(): Promise<QuoteResult> {
    for (;;) {
      const quote = this.requireQuote();
      if (!this.isFresh(quote)) {
        await this.requestNew('Quote about to expire; re-priced');
        continue;
      }
      if (this.withinGuard(quote)) return quote;
      await this.awaitApproval(quote);
    }
  }

  /** Lumen refused the quote as expired: forget it so the next order attempt gets a new one. */
  discard(quoteId: string): void {
    if (this.quote?.id === quoteId) this.quote = { ...this.quote, expiresAt: new Date(0).toISOString() };
  }

  validateApproval(input: ApprovePriceInput): void {
    if (typeof input?.quoteId !== 'string' || typeof input.approved !== 'boolean') {
      throw new Error('approvePrice takes { quoteId: string, approved: boolean }');
    }
    if (this.awaitingApprovalOf === null) {
      if (this.replacing !== null) {
        throw new Error(
          `Quote ${this.replacing} has expired and is being replaced; approve the new quote the status query shows`,
        );
      }
      throw new Error(`No price is waiting for approval: the provisioning is at step ${this.progress.currentStep}`);
    }
    if (input.quoteId !== this.awaitingApprovalOf) {
      const quote = this.requireQuote();
      throw new Error(
        `Quote ${input.quoteId} is not the one waiting for approval; the current quote is ${quote.id} ` +
          `at ${usd(quote.monthlyCents)}/month, valid until ${quote.expiresAt}`,
      );
    }
  }

  decide(input: ApprovePriceInput): string {
    this.decision = { quoteId: input.quoteId, approved: input.approved };
    return input.approved
      ? `Quote ${input.quoteId} approved: ordering`
      : `Quote ${input.quoteId} refused: the provisioning ends without an order`;
  }

  private withinGuard(quote: QuoteResult): boolean {
    const max = this.plan?.maxMonthlyCents;
    return max === undefined || quote.monthlyCents <= max || quote.monthlyCents <= this.approvedUpToCents;
  }

  private async awaitApproval(quote: QuoteResult): Promise<void> {
    const plan = this.requirePlan();
    const limit = usd(plan.maxMonthlyCents ?? 0);
    const asking =
      `Quote ${quote.id} for ${plan.description} costs ${usd(quote.monthlyCents)}/month, above the limit of ` +
      `${limit}: waiting for approvePrice({ quoteId: "${quote.id}", approved })`;
    if (this.progress.currentStep === 'AWAIT_APPROVAL') this.progress.record(asking);
    else this.progress.enter('AWAIT_APPROVAL', asking);

    this.awaitingApprovalOf = quote.id;
    try {
      await condition(() => this.decision?.quoteId === quote.id, refreshDueAt(quote) - Date.now(), {
        summary: 'price approval until quote expiry',
      });
    } finally {
      this.awaitingApprovalOf = null;
    }
    if (this.decision?.quoteId !== quote.id) return; // expired first: re-price and ask again
    if (!this.decision.approved) {
      throw provisioningFailure(
        'PriceNotApproved',
        `The price of ${usd(quote.monthlyCents)}/month (quote ${quote.id}) for ${plan.description} is above the ` +
          `limit of ${limit} and was not approved; nothing was ordered`,
        { quoteId: quote.id, monthlyPriceUsd: centsToDecimal(quote.monthlyCents) },
      );
    }
    this.approvedUpToCents = Math.max(this.approvedUpToCents, quote.monthlyCents);
    this.progress.record(`Price ${usd(quote.monthlyCents)}/month approved (quote ${quote.id})`);
  }

  private async requestNew(why: string): Promise<QuoteResult> {
    const plan = this.requirePlan();
    this.replacing = this.quote?.id ?? null;
    try {
      const quote = await keepTrying(this.progress, 'price request', () =>
        lumenReads.requestQuote({
          customerNumber: plan.customerNumber,
          masterSiteId: plan.masterSiteId,
          partnerId: plan.partnerId,
          speed: plan.speed,
          purchaseOrderNumber: plan.purchaseOrderNumber,
          description: plan.description,
        }),
      );
      this.quote = quote;
      this.progress.quoteReceived(quote);
      this.progress.record(
        `${why}: quote ${quote.id} at ${usd(quote.monthlyCents)}/month (${usd(quote.hourlyCents)}/hour), ` +
          `valid until ${quote.expiresAt}`,
      );
      return quote;
    } finally {
      this.replacing = null;
    }
  }

  private requireQuote(): QuoteResult {
    if (!this.quote) throw new Error('no quote yet');
    return this.quote;
  }

  private requirePlan(): PricingPlan {
    if (!this.plan) throw new Error('pricing has not started');
    return this.plan;
  }
}

function refreshDueAt(quote: QuoteResult): number {
  const margin = Math.min(MAX_SAFETY_MARGIN_MS, quote.validForMs / 5);
  return Date.parse(quote.expiresAt) - margin;
}
