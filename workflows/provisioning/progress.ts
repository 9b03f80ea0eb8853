// Where the provisioning stands, kept in one place and shown three ways: the status query, the search
// attributes operators filter on, and the markdown on the workflow's page in the Temporal UI. Every
// step transition goes through enter().
import { setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { QuoteResult } from '../../activities';
import { centsToDecimal } from '../../domain/money';
import type { Step } from '../../domain/names';
import type { ProvisioningStatus, QuoteView } from '../../domain/status';
import { AttributeBatch } from '../shared/attribute-batch';
import { Journal } from '../shared/journal';
import { customerNumberKey, masterSiteIdKey, orderIdKey, serviceIdKey, stepKey } from '../shared/search-attributes';

/** Steps a provisioning can spend long in, or ends in: worth an upsert so operators can list them. */
const LISTED_STEPS: ReadonlySet<Step> = new Set([
  'AWAIT_APPROVAL',
  'AWAIT_ACTIVATION',
  'ACTIVE',
  'FAILED',
  'CANCELLED',
]);

/** Facts for the UI page, filled in as they become known. */
interface Facts {
  requestId?: string;
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
  private serviceWorkflowId: string | null = null;
  private quotesRequested = 0;
  private lastError: string | null = null;
  private readonly journal = new Journal<Step>();
  private readonly facts: Facts = {};
  private readonly attributes = new AttributeBatch();

  status(): ProvisioningStatus {
    return {
      step: this.step,
      quote: this.quote === null ? null : { ...this.quote },
      orderId: this.orderId,
      serviceId: this.serviceId,
      quotesRequested: this.quotesRequested,
      lastError: this.lastError,
      history: this.journal.view(),
      ...(this.serviceWorkflowId ? { serviceWorkflowId: this.serviceWorkflowId } : {}),
    };
  }

  get currentStep(): Step {
    return this.step;
  }

  get quoteCount(): number {
    return this.quotesRequested;
  }

  begin(facts: Required<Pick<Facts, 'requestId' | 'partner' | 'speed'>> & { customerNumber: string }): void {
    Object.assign(this.facts, { requestId: facts.requestId, partner: facts.partner, speed: facts.speed });
    // A start from the client library sets it already; one from another client may not have.
    if (workflowInfo().typedSearchAttributes.get(customerNumberKey) !== facts.customerNumber) {
      this.attributes.set({ key: customerNumberKey, value: facts.customerNumber });
    }
  }

  /** `passingThrough`: the step is left within this workflow task, so it is not worth an upsert of its own. */
  enter(step: Step, detail: string, passingThrough = false): void {
    this.step = step;
    this.attributes.set({ key: stepKey, value: step });
    this.record(detail);
    if (LISTED_STEPS.has(step) && !passingThrough) this.attributes.flush();
  }

  /** A line in the history without changing step. */
  record(detail: string): void {
    this.journal.record(this.step, detail);
    this.publish();
  }

  /** A problem: shown as lastError, and the step is published so a stuck provisioning can be found. */
  error(message: string): void {
    this.lastError = message;
    this.record(`Problem: ${message}`);
    this.attributes.flush();
  }

  fail(message: string): void {
    this.lastError = message;
    this.enter('FAILED', message);
  }

  siteChosen(masterSiteId: string, label: string): void {
    this.facts.masterSiteId = masterSiteId;
    this.facts.siteLabel = label;
    this.attributes.set({ key: masterSiteIdKey, value: masterSiteId });
  }

  quoteReceived(quote: QuoteResult): void {
    this.quotesRequested += 1;
    this.quote = { id: quote.id, expiresAt: quote.expiresAt, monthlyPriceUsd: centsToDecimal(quote.monthlyCents) };
  }

  orderKnown(orderId: string | undefined): void {
    if (orderId === undefined || this.orderId === orderId) return;
    this.orderId = orderId;
    this.attributes.set({ key: orderIdKey, value: orderId });
  }

  serviceKnown(serviceId: string | undefined): void {
    if (serviceId === undefined || this.serviceId === serviceId) return;
    this.serviceId = serviceId;
    this.attributes.set({ key: serviceIdKey, value: serviceId });
  }

  serviceManagedBy(workflowId: string): void {
    this.serviceWorkflowId = workflowId;
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
      this.serviceWorkflowId ? `- Managed by: ${this.serviceWorkflowId}` : undefined,
      this.lastError ? `- Last problem: ${this.lastError}` : undefined,
      '',
      `Latest: ${this.journal.latest ?? 'starting'}`,
    ];
    setCurrentDetails(lines.filter((line) => line !== undefined).join('\n'));
  }
}
