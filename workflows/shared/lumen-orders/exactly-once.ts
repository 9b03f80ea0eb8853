// Sending one order (an add, a modify or a delete) exactly once, by the rules of evidence.ts: every
// attempt is one activity with one attempt; its outcome decides the next step, and an uncertain one is
// reconciled (the same quote re-sent, inventory asked after the lag, Lumen's events heard) before
// anything new goes out.
import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import { classifySendFailure, describeFailure, retryAfterMsOf } from '../failures';
import type { OrderEvents } from './events';
import type { KnownOrder, OrderLedger } from './evidence';
import { limitWaitOf, type LimitWait } from './limits';
import { Pauses } from './pauses';
import { runWasReset } from './reset';

/** What one attempt learnt, when it did not fail. */
export type AttemptResult =
  | { kind: 'placed'; order: KnownOrder }
  /** Lookout only (after a reset): inventory shows nothing yet, nothing was sent. */
  | { kind: 'absent' };

/** One kind of order: what it carries (a quote, or nothing), how it is sent and looked for. */
export interface OrderSender<Carried> {
  /** "the order for 100 Mbps at site …": for the history. */
  what: string;
  /** What the next attempt carries (a fresh, approved quote), waiting or re-pricing as needed. */
  next(): Promise<Carried>;
  /** The single-use quote id the attempt carries, if any. */
  quoteIdOf(carried: Carried): string | undefined;
  /** Lumen refused what was carried as expired: get something new next time. */
  discard(carried: Carried): void;
  /** One attempt; `lookOnly` sends nothing and reports whether inventory shows the order. */
  attempt(carried: Carried, lookOnly: boolean): Promise<AttemptResult>;
  /** Inventory's answer, for a refusal that followed an uncertain attempt. */
  lookUp(): Promise<KnownOrder | undefined>;
}

export interface SendContext {
  ledger: OrderLedger;
  events: OrderEvents;
  /** The externalId the order is sent under; events naming it (but not `excluding`) prove it exists. */
  externalId: string;
  excluding?: readonly string[];
  inventoryLagMs: number;
  journal: { record(detail: string): void; error(message: string): void };
  /** Told when the sender waits on one of Lumen's limits (or stops waiting), for the query. */
  onWaiting?: (waiting: LimitWait | null) => void;
}

export async function sendExactlyOnce<Carried>(sender: OrderSender<Carried>, c: SendContext): Promise<KnownOrder> {
  const pauses = new Pauses();
  for (;;) {
    const heard = c.events.orderNamed(c.externalId, c.excluding);
    if (heard) {
      return c.ledger.settle({
        orderId: heard.orderId,
        serviceId: heard.serviceId,
        evidence: `Lumen's event named order ${heard.orderId} ("${heard.state}")`,
      });
    }
    const carried = await sender.next();
    const quoteId = sender.quoteIdOf(carried);
    const permission = c.ledger.maySend(quoteId, Date.now(), c.inventoryLagMs);
    if (!permission.go) {
      c.journal.record(
        `Not sending ${sender.what}${quoteId ? ` with quote ${quoteId}` : ''} before ` +
          `${new Date(permission.until).toISOString()}: ${permission.because}`,
      );
      const version = c.events.version;
      await condition(() => c.events.version !== version, permission.until - Date.now());
      continue;
    }
    const lookOnly = runWasReset() && !c.ledger.resetLooked;
    if (!lookOnly) c.ledger.recordSending();
    let result: AttemptResult;
    try {
      // Once sent, an order must be accounted for: a cancellation waits for the answer.
      result = await CancellationScope.nonCancellable(() => sender.attempt(carried, lookOnly));
    } catch (error) {
      const what = `${sender.what}${quoteId ? ` with quote ${quoteId}` : ''}: ${describeFailure(error)}`;
      switch (classifySendFailure(error)) {
        case 'notProcessed': {
          const limit = limitWaitOf(error, Date.now());
          if (limit) {
            c.journal.error(`${what}; ${limit.reason}, until ${new Date(limit.until).toISOString()}`);
            c.onWaiting?.(limit);
            await sleep(Math.max(1_000, limit.until - Date.now()));
            c.onWaiting?.(null);
            continue;
          }
          c.journal.error(`${what}; Lumen did not process it, trying again`);
          await pauses.take(retryAfterMsOf(error));
          continue;
        }
        case 'busy':
          c.journal.error(`${what}; waiting for the order in flight to finish`);
          c.onWaiting?.({ reason: 'another order on the service is in flight' });
          await pauses.take(retryAfterMsOf(error));
          c.onWaiting?.(null);
          continue;
        case 'quoteExpired':
          if (quoteId !== undefined && c.ledger.wasSentUncertainly(quoteId)) {
            c.journal.record(
              `Quote ${quoteId} now answers "expired", which does not say whether it was ordered; ` +
                'a new quote is sent only once inventory has had time to show an order',
            );
          } else {
            c.journal.record(`Quote ${quoteId ?? ''} can no longer be ordered; getting a new one`);
          }
          sender.discard(carried);
          continue;
        case 'refused':
          if (c.ledger.mayHaveOrdered()) {
            const found = await reconcileAfterRefusal(sender, c, what);
            if (found) return c.ledger.settle(found);
          }
          throw error;
        case 'outcomeUnknown':
          c.ledger.recordUncertain(Date.now(), quoteId);
          c.journal.error(`${what}; it may have been placed, so nothing new is sent before it is accounted for`);
          await pauses.take();
          continue;
      }
    }
    if (result.kind === 'absent') {
      c.ledger.resetLooked = true;
      c.ledger.recordUncertain(Date.now());
      c.journal.record(
        'This run was reset: an order sent after the reset point is not in this history, so inventory is ' +
          'given time to show it before anything is sent',
      );
      continue;
    }
    return c.ledger.settle(result.order);
  }
}

// Lumen refused the order, but an earlier attempt may have placed it: look once inventory can tell.
async function reconcileAfterRefusal<Carried>(
  sender: OrderSender<Carried>,
  c: SendContext,
  refusal: string,
): Promise<KnownOrder | undefined> {
  c.journal.record(`${refusal}; an earlier attempt may have ordered, so inventory is asked before giving up`);
  const at = c.ledger.proofPossibleAt(c.inventoryLagMs);
  if (at !== undefined && at > Date.now()) {
    const version = c.events.version;
    await condition(() => c.events.version !== version, at - Date.now());
  }
  const heard = c.events.orderNamed(c.externalId, c.excluding);
  if (heard) {
    return {
      orderId: heard.orderId,
      serviceId: heard.serviceId,
      evidence: `Lumen's event named order ${heard.orderId}`,
    };
  }
  return sender.lookUp();
}
