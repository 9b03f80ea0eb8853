// Turns successive status-query answers into the things an operator wants to see once each:
// new history entries, a new quote, the order id, the service id, a new error.
import type { Step } from '../domain/names';
import type { ProvisioningStatus, QuoteView } from '../domain/status';
import type { ProvisioningOutcome } from './provisioning';

/** Facts carry `at` when they can be placed after the history entry of the step that produced them. */
export type ProgressEvent =
  | { kind: 'step'; at: string; step: Step; detail: string }
  | { kind: 'quote'; quote: QuoteView; at?: string }
  | { kind: 'awaiting-approval'; quote: QuoteView; at?: string }
  | { kind: 'order'; orderId: string; at?: string }
  | { kind: 'service'; serviceId: string; at?: string }
  | { kind: 'error'; message: string }
  /** The provisioning is running but no worker answered; said once until a worker answers again. */
  | { kind: 'no-worker'; message: string }
  | { kind: 'outcome'; outcome: ProvisioningOutcome };

type StepEvent = Extract<ProgressEvent, { kind: 'step' }>;
type Fact = Extract<ProgressEvent, { kind: 'quote' | 'awaiting-approval' | 'order' | 'service' }>;

// The step whose history entry a fact follows, so a batch reads in the order things happened.
const ANCHOR: Record<Fact['kind'], Step> = {
  quote: 'PRICE',
  'awaiting-approval': 'AWAIT_APPROVAL',
  order: 'ORDER',
  service: 'ACTIVE',
};

function lastIndexOfStep(events: ProgressEvent[], step: Step): number {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event.kind === 'step' && event.step === step) return i;
  }
  return -1;
}

export class ProgressTracker {
  // Keyed by content rather than position so a trimmed or reordered history never repeats a line.
  private readonly seenHistory = new Set<string>();
  private quoteId: string | null = null;
  private approvalAskedFor: string | null = null;
  private orderId: string | null = null;
  private serviceId: string | null = null;
  private lastError: string | null = null;

  changes(status: ProvisioningStatus): ProgressEvent[] {
    const events: ProgressEvent[] = this.newHistory(status);
    // Facts keep their own order too: never placed before the fact that came before them.
    let previous = -1;
    for (const fact of this.newFacts(status)) {
      const anchor = lastIndexOfStep(events, ANCHOR[fact.kind]);
      const at = anchor < 0 ? undefined : (events[anchor] as StepEvent).at;
      previous = Math.max(anchor < 0 ? events.length - 1 : anchor, previous) + 1;
      events.splice(previous, 0, at === undefined ? fact : { ...fact, at });
    }
    if (status.lastError && status.lastError !== this.lastError) {
      events.push({ kind: 'error', message: status.lastError });
    }
    this.lastError = status.lastError;
    return events;
  }

  private newHistory(status: ProvisioningStatus): ProgressEvent[] {
    const events: ProgressEvent[] = [];
    for (const entry of status.history) {
      const key = `${entry.at}|${entry.step}|${entry.detail}`;
      if (this.seenHistory.has(key)) continue;
      this.seenHistory.add(key);
      events.push({ kind: 'step', at: entry.at, step: entry.step, detail: entry.detail });
    }
    return events;
  }

  private newFacts(status: ProvisioningStatus): Fact[] {
    const facts: Fact[] = [];
    if (status.quote && status.quote.id !== this.quoteId) {
      this.quoteId = status.quote.id;
      facts.push({ kind: 'quote', quote: status.quote });
    }
    if (status.step === 'AWAIT_APPROVAL' && status.quote && status.quote.id !== this.approvalAskedFor) {
      this.approvalAskedFor = status.quote.id;
      facts.push({ kind: 'awaiting-approval', quote: status.quote });
    }
    if (status.orderId && status.orderId !== this.orderId) {
      this.orderId = status.orderId;
      facts.push({ kind: 'order', orderId: status.orderId });
    }
    if (status.serviceId && status.serviceId !== this.serviceId) {
      this.serviceId = status.serviceId;
      facts.push({ kind: 'service', serviceId: status.serviceId });
    }
    return facts;
  }
}
