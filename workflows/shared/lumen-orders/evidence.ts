// The rules that keep an order to exactly one, in one place. Once a request may have reached Lumen
// (an answer lost to a timeout, a gateway's 408/500/502/504, a worker that died mid-call, a reset that
// forgot what was sent), nothing new is ordered without positive evidence that no order exists:
//
// - evidence that an order exists: the single-use quote answering that it was already ordered (409),
//   inventory showing the service under our externalId, or any Lumen event naming our externalId;
// - evidence that none does: inventory showing nothing, and only once inventory has had time to catch
//   up (the inventory lag, LUMEN_INVENTORY_LAG) since the last attempt that may have ordered — the
//   send itself looks in inventory right before it goes out — with no event naming our externalId.
//
// Re-sending the same single-use quote is always safe: it cannot make a second order. An "expired"
// answer for a quote that may have been ordered proves nothing (it may hide the order).

/** How an order came to be known, in words for the history. */
export interface KnownOrder {
  /** Lumen's order id; inventory may show a service without naming its order. */
  orderId?: string;
  serviceId?: string;
  /** What proved it: "Lumen accepted it", "quote NaaS-1 was already ordered", … */
  evidence: string;
}

export type SendPermission = { go: true } | { go: false; until: number; because: string };

export class OrderLedger {
  /** Workflow time of the last attempt that may have reached Lumen. */
  private lastUncertainAt?: number;
  private readonly uncertainQuotes = new Set<string>();
  /** Some attempt may have reached Lumen, even if its outcome is known now. */
  private attempted = false;
  /** After a reset, the first send only looked: an order sent after the reset point is not in this history. */
  resetLooked = false;
  known?: KnownOrder;

  /** An order may exist that this workflow has not confirmed. */
  mayHaveOrdered(): boolean {
    return this.known !== undefined || this.lastUncertainAt !== undefined;
  }

  /** Anything was sent at all (or may have been). */
  get anythingSent(): boolean {
    return this.attempted;
  }

  recordSending(): void {
    this.attempted = true;
  }

  /** An attempt whose outcome is unknown, with the single-use quote it carried (if any). */
  recordUncertain(at: number, quoteId?: string): void {
    this.attempted = true;
    this.lastUncertainAt = at;
    if (quoteId !== undefined) this.uncertainQuotes.add(quoteId);
  }

  /** The quote went out in an attempt whose outcome is unknown: it may hold our order. */
  wasSentUncertainly(quoteId: string): boolean {
    return this.uncertainQuotes.has(quoteId);
  }

  /** Whether an order carrying this quote (or no quote) may be sent now; if not, until when to wait. */
  maySend(quoteId: string | undefined, now: number, inventoryLagMs: number): SendPermission {
    if (this.lastUncertainAt === undefined) return { go: true };
    if (quoteId !== undefined && this.uncertainQuotes.has(quoteId)) return { go: true };
    const until = this.lastUncertainAt + inventoryLagMs;
    if (now >= until) return { go: true };
    return {
      go: false,
      until,
      because:
        'an earlier attempt may have ordered, and inventory only proves it did not once it has had time to ' +
        'catch up',
    };
  }

  /** When inventory's silence starts to count as proof; undefined when nothing is uncertain. */
  proofPossibleAt(inventoryLagMs: number): number | undefined {
    return this.lastUncertainAt === undefined ? undefined : this.lastUncertainAt + inventoryLagMs;
  }

  settle(known: KnownOrder): KnownOrder {
    this.known = known;
    return known;
  }
}
