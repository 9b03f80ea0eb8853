// Turns successive status-query answers into the things an operator wants to see once each:
// new history entries, a new quote, the order id, the service id, a new error.
import type { Step } from '../domain/names';
import type { ProvisioningStatus, QuoteView } from '../domain/status';
import type { ProvisioningOutcome } from './provisioning';

export type ProgressEvent =
  | { kind: 'step'; at: string; step: Step; detail: string }
  | { kind: 'quote'; quote: QuoteView }
  | { kind: 'awaiting-approval'; quote: QuoteView }
  | { kind: 'order'; orderId: string }
  | { kind: 'service'; serviceId: string }
  | { kind: 'error'; message: string }
  /** The provisioning is running but no worker answered; said once until a worker answers again. */
  | { kind: 'no-worker'; message: string }
  | { kind: 'outcome'; outcome: ProvisioningOutcome };

export class ProgressTracker {
  // Keyed by content rather than position so a trimmed or reordered history never repeats a line.
  private readonly seenHistory = new Set<string>();
  private quoteId: string | null = null;
  private approvalAskedFor: string | null = null;
  private orderId: string | null = null;
  private serviceId: string | null = null;
  private lastError: string | null = null;

  changes(status: ProvisioningStatus): ProgressEvent[] {
    const events: ProgressEvent[] = [];
    for (const entry of status.history) {
      const key = `${entry.at}|${entry.step}|${entry.detail}`;
      if (this.seenHistory.has(key)) continue;
      this.seenHistory.add(key);
      events.push({ kind: 'step', at: entry.at, step: entry.step, detail: entry.detail });
    }
    if (status.quote && status.quote.id !== this.quoteId) {
      this.quoteId = status.quote.id;
      events.push({ kind: 'quote', quote: status.quote });
    }
    if (status.step === 'AWAIT_APPROVAL' && status.quote && status.quote.id !== this.approvalAskedFor) {
      this.approvalAskedFor = status.quote.id;
      events.push({ kind: 'awaiting-approval', quote: status.quote });
    }
    if (status.orderId && status.orderId !== this.orderId) {
      this.orderId = status.orderId;
      events.push({ kind: 'order', orderId: status.orderId });
    }
    if (status.serviceId && status.serviceId !== this.serviceId) {
      this.serviceId = status.serviceId;
      events.push({ kind: 'service', serviceId: status.serviceId });
    }
    if (status.lastError && status.lastError !== this.lastError) {
      events.push({ kind: 'error', message: status.lastError });
    }
    this.lastError = status.lastError;
    return events;
  }
}
