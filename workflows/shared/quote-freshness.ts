// When a quote must be replaced: this long before its expiry, so the order call reaches Lumen in time.
import type { QuoteResult } from '../../activities';

const MAX_SAFETY_MARGIN_MS = 2 * 60_000;

/** Workflow time from which the quote is too old to send. */
export function refreshDueAt(quote: QuoteResult): number {
  const margin = Math.min(MAX_SAFETY_MARGIN_MS, quote.validForMs / 5);
  return Date.parse(quote.expiresAt) - margin;
}

/** Still safe to send, by workflow time. */
export function isFresh(quote: QuoteResult): boolean {
  return Date.now() < refreshDueAt(quote);
}
