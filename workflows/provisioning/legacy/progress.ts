// Where the provisioning stands, kept in one place and shown three ways: the status query, the search
// attributes operators filter on, and the markdown on the workflow's page in the Temporal UI.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { QuoteResult } from '../../../activities';
import { centsToDecimal } from '../../../domain/money';
import type { Step } from '../../../domain/names';
import type { HistoryEntry, ProvisioningStatus, QuoteView } from '../../../domain/status';
import { customerNumberKey, masterSiteIdKey, orderIdKey, serviceIdKey, stepKey } from '../../search-attributes';

/** Facts for the UI page, filled in as they become known. */
interface Facts {
  requestId?: string;
  customerNumber?: string;
  partner?: string;
  speed?: string;
  masterSiteId?: string;
  siteLabel?: string;
}

export class Progress {
  private step: Step = 'FIND_PROVIDER';
  private quote: QuoteView | null = null;
  private orderId: string | null = null;
  private serviceId: string | null = null;
  private quotesRequested = 0;
  private lastError: string | null = null;
  private readonly history: HistoryEntry[] = [];
  private readonly facts: Facts = {};
  private publishedStep: Step | null = null;
  /** Search attribute changes made in the current activation, sent as one command. */
  private readonly pendingAttributes = new Map<string, SearchAttributeUpdatePair>();

  status(): ProvisioningStatus {
    return {
      step: this.step,
      quote: this.quote === null ? null : { ...this.quote },
      orderId: this.orderId,
      serviceId: this.serviceId,
      quotesRequested: this.quotesRequested,
      lastError: this.lastError,
      history: this.history.map((entry) => ({ ...entry })),
    };
  }

  get currentStep(): Step {
    return this.step;
  }

  get quoteCount(): number {
    return this.quotesRequested;
  }

  begin(facts: Required<Pick<Facts, 'requestId' | 'customerNumber' | 'partner' | 'speed'>>): void {
    Object.assign(this.facts, facts);
    this.upsert([{ key: customerNumberKey, value: facts.customerNumber }]);
  }

  enter(step: Step, detail: string): void {
    this.step = step;
    this.record(detail);
    if (this.publishedStep !== step) {
      this.publishedStep = step;
      this.upsert([{ key: stepKey, value: step }]);
    }
  }

  /** A line in the history without changing step. */
  record(detail: string): void {
    this.history.push({ at: new Date().toISOString(), step: this.step, detail });
    this.publish();
  }

  error(message: string): void {
    this.lastError = message;
    this.record(`Problem: ${message}`);
  }

  fail(message: string): void {
    this.lastError = message;
    this.enter('FAILED', message);
  }

  siteChosen(masterSiteId: string, label: string): void {
    this.facts.masterSiteId = masterSiteId;
    this.facts.siteLabel = label;
    this.upsert([{ key: masterSiteIdKey, value: masterSiteId }]);
  }

  quoteReceived(quote: QuoteResult): void {
    this.quotesRequested += 1;
    this.quote = { id: quote.id, expiresAt: quote.expiresAt, monthlyPriceUsd: centsToDecimal(quote.monthlyCents) };
  }

  orderPlaced(orderId: string): void {
    if (this.orderId === orderId) return;
    this.orderId = orderId;
    this.upsert([{ key: orderIdKey, value: orderId }]);
  }

  serviceKnown(serviceId: string): void {
    if (this.serviceId === serviceId) return;
    this.serviceId = serviceId;
    this.upsert([{ key: serviceIdKey, value: serviceId }]);
  }

  // Several facts usually change in one activation (step and order id, say): one upsert event, not one each.
  private upsert(pairs: SearchAttributeUpdatePair[]): void {
    const idle = this.pendingAttributes.size === 0;
    for (const pair of pairs) this.pendingAttributes.set(pair.key.name, pair);
    if (idle) void Promise.resolve().then(() => this.flushAttributes());
    this.publish();
  }

  private flushAttributes(): void {
    const pairs = [...this.pendingAttributes.values()];
    this.pendingAttributes.clear();
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  }

  private publish(): void {
    const f = this.facts;
    const lines = [
      `**${f.requestId ?? 'Provisioning'}** — step \`${this.step}\``,
      '',
      f.partner ? `- Partner: ${f.partner}, speed ${f.speed ?? '?'}` : undefined,
      f.masterSiteId ? `- Site: ${f.masterSiteId} (${f.siteLabel ?? ''})` : undefined,
      this.quote
        ? `- Quote: ${this.quote.id}, $${this.quote.monthlyPriceUsd}/month, valid until ${this.quote.expiresAt} ` +
          `(${this.quotesRequested} requested)`
        : undefined,
      this.orderId ? `- Order: ${this.orderId}` : undefined,
      this.serviceId ? `- Service: ${this.serviceId}` : undefined,
      this.lastError ? `- Last problem: ${this.lastError}` : undefined,
      '',
      `Latest: ${this.history[this.history.length - 1]?.detail ?? 'starting'}`,
    ];
    setCurrentDetails(lines.filter((line) => line !== undefined).join('\n'));
  }
}
