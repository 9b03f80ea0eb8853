// Steps 4 and AWAIT_APPROVAL. Quotes expire (15 minutes as documented): this keeps a valid quote at hand
// until the order is sent, re-pricing on a durable timer whatever holds the order up, and runs the
// price guard. A price above maxMonthlyPriceUsd waits for approvePrice without calling Lumen and without
// a history event while it waits; approval sets a ceiling that later quotes are measured against.
import { condition } from '@temporalio/workflow';
import type { QuoteResult } from '../../activities';
import { formatDuration } from '../../domain/duration';
import { centsToDecimal } from '../../domain/money';
import type { ApprovePriceInput } from '../../domain/status';
import { typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { isFresh, refreshDueAt } from '../shared/quote-freshness';
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
  approvalTimeoutMs: number;
  /** Told when a quote waits for approval (the approval.required notification), before the wait begins. */
  onApprovalNeeded?: (wait: ApprovalWait) => Promise<void>;
}

export interface ApprovalWait {
  quote: QuoteResult;
  /** The limit the quote is above: the price guard, or a higher ceiling approved earlier. */
  limitCents: number;
  /** Workflow time the wait ends without a decision. */
  deadline: number;
}

/** Renewals while an earlier step is slow: about 40 minutes of fresh quotes with the documented validity. */
const MAX_RENEWALS_WHILE_WAITING = 3;

const usd = (cents: number) => `$${centsToDecimal(cents)}`;

export class QuoteKeeper {
  private plan?: PricingPlan;
  private quote?: QuoteResult;
  /** The highest monthly price someone approved: a quote up to it needs no new approval. */
  private ceilingCents = 0;
  private waitingFor: QuoteResult | null = null;
  /** Decisions by quote id: once taken, never changed. */
  private readonly decisions = new Map<string, ApprovePriceInput>();

  constructor(private readonly progress: Progress) {}

  get current(): QuoteResult | undefined {
    return this.quote;
  }

  async start(plan: PricingPlan): Promise<QuoteResult> {
    this.plan = plan;
    return this.requestNew('Priced');
  }

  /**
   * Runs the work `start` begins while re-pricing each time the quote is about to expire. A read answered
   * by a local activity ends within the workflow task, long before a quote just priced expires, so the
   * expiry timer starts only once the work tells `whenSlow` it goes on to regular activities (minutes,
   * hours). Through a long outage the quote is renewed a few times only,
   * then left to lapse: readyToOrder re-prices before the order, and the history stays small.
   */
  async keepFreshWhile<T>(start: (whenSlow: () => void) => Promise<T>): Promise<T> {
    let settled = false;
    let wake!: () => void;
    // Woken by the work settling or going slow, whichever comes first: no timer and no condition meanwhile.
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const work = start(wake);
    void work.then(
      () => ((settled = true), wake()),
      () => ((settled = true), wake()),
    );
    await woken;
    let renewals = 0;
    while (!settled) {
      const wait = refreshDueAt(this.requireQuote()) - Date.now();
      if (wait > 0) {
        await condition(() => settled, wait, { summary: 'quote expiry' });
      } else if (renewals < MAX_RENEWALS_WHILE_WAITING) {
        renewals += 1;
        await this.requestNew('Quote about to expire; re-priced');
      } else {
        this.progress.record(
          'The quote is left to lapse while this step waits; a new one is requested before the order',
        );
        await condition(() => settled);
      }
    }
    return work;
  }

  /** A fresh quote within the price guard or an approved ceiling; waits for approval when needed. */
  async readyToOrder(): Promise<QuoteResult> {
    for (;;) {
      const quote = this.requireQuote();
      if (!isFresh(quote)) {
        await this.requestNew('Quote about to expire; re-priced');
        continue;
      }
      if (this.withinLimit(quote)) return quote;
      await this.awaitApproval(quote);
    }
  }

  /** Lumen refused the quote as expired: forget it so the next attempt gets a new one. */
  discard(quoteId: string): void {
    if (this.quote?.id === quoteId) this.quote = { ...this.quote, expiresAt: new Date(0).toISOString() };
  }

  validateApproval(input: ApprovePriceInput): void {
    if (typeof input?.quoteId !== 'string' || typeof input.approved !== 'boolean') {
      throw new Error('approvePrice takes { quoteId: string, approved: boolean, maxMonthlyPriceUsd?: number }');
    }
    const ceiling = input.maxMonthlyPriceUsd;
    if (ceiling !== undefined && (typeof ceiling !== 'number' || !Number.isFinite(ceiling) || ceiling <= 0)) {
      throw new Error('approvePrice: maxMonthlyPriceUsd must be a positive number of US dollars');
    }
    const earlier = this.decisions.get(input.quoteId);
    if (earlier) {
      throw new Error(
        `Quote ${input.quoteId} was already ${earlier.approved ? 'approved' : 'refused'}; a decision cannot be changed`,
      );
    }
    const waiting = this.waitingFor;
    if (waiting === null) {
      throw new Error(`No price is waiting for approval: the provisioning is at step ${this.progress.currentStep}`);
    }
    if (input.quoteId !== waiting.id) {
      throw new Error(
        `Quote ${input.quoteId} is not the one waiting for approval; the waiting quote is ${waiting.id} ` +
          `at ${usd(waiting.monthlyCents)}/month`,
      );
    }
    if (input.approved && ceiling !== undefined && Math.round(ceiling * 100) < waiting.monthlyCents) {
      throw new Error(
        `approvePrice: maxMonthlyPriceUsd ${ceiling} is below the waiting quote's ${usd(waiting.monthlyCents)}/month`,
      );
    }
  }

  decide(input: ApprovePriceInput): string {
    this.decisions.set(input.quoteId, { ...input });
    if (!input.approved) return `Quote ${input.quoteId} refused: the provisioning ends without an order`;
    const ceiling =
      input.maxMonthlyPriceUsd === undefined ? '' : ` up to $${input.maxMonthlyPriceUsd.toFixed(2)}/month`;
    return `Quote ${input.quoteId} approved${ceiling}: ordering once the price is fresh and within it`;
  }

  private withinLimit(quote: QuoteResult): boolean {
    const max = this.plan?.maxMonthlyCents;
    return max === undefined || quote.monthlyCents <= max || quote.monthlyCents <= this.ceilingCents;
  }

  private async awaitApproval(quote: QuoteResult): Promise<void> {
    const plan = this.requirePlan();
    const limitCents = Math.max(plan.maxMonthlyCents ?? 0, this.ceilingCents);
    const limit = usd(limitCents);
    this.progress.enter(
      'AWAIT_APPROVAL',
      `Quote ${quote.id} for ${plan.description} costs ${usd(quote.monthlyCents)}/month, above the limit of ` +
        `${limit}: waiting up to ${formatDuration(plan.approvalTimeoutMs)} for ` +
        `approvePrice({ quoteId: "${quote.id}", approved })`,
    );
    this.waitingFor = quote;
    let decided: boolean;
    try {
      await plan.onApprovalNeeded?.({ quote, limitCents, deadline: Date.now() + plan.approvalTimeoutMs });
      decided = await condition(() => this.decisions.has(quote.id), plan.approvalTimeoutMs, {
        summary: 'price approval',
      });
    } finally {
      this.waitingFor = null;
    }
    const decision = this.decisions.get(quote.id);
    if (!decided || !decision) {
      throw typedFailure(
        'PriceNotApproved',
        `Nobody approved the price of ${usd(quote.monthlyCents)}/month (quote ${quote.id}) for ${plan.description} ` +
          `within ${formatDuration(plan.approvalTimeoutMs)}; nothing was ordered`,
        { quoteId: quote.id, monthlyPriceUsd: centsToDecimal(quote.monthlyCents) },
      );
    }
    if (!decision.approved) {
      throw typedFailure(
        'PriceNotApproved',
        `The price of ${usd(quote.monthlyCents)}/month (quote ${quote.id}) for ${plan.description} is above the ` +
          `limit of ${limit} and was not approved; nothing was ordered`,
        { quoteId: quote.id, monthlyPriceUsd: centsToDecimal(quote.monthlyCents) },
      );
    }
    const approvedCents =
      decision.maxMonthlyPriceUsd === undefined ? quote.monthlyCents : Math.round(decision.maxMonthlyPriceUsd * 100);
    this.ceilingCents = Math.max(this.ceilingCents, approvedCents);
    this.progress.record(`Prices up to ${usd(this.ceilingCents)}/month approved (quote ${quote.id})`);
  }

  private async requestNew(why: string): Promise<QuoteResult> {
    const plan = this.requirePlan();
    const quote = await keepTrying(this.progress, 'price request', (reads) =>
      reads.requestPrice({
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
