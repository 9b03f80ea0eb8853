// Exactly one order per provisioning. The order activity runs once per attempt; when its outcome is
// unknown (timeout after sending, reset, a worker killed mid-call) nothing new is sent until inventory
// and Lumen's single-use quote have been asked whether the order exists. Sending runs in a
// non-cancellable scope so a cancellation cannot leave an order in flight unaccounted for.
import { CancellationScope, CancelledFailure, sleep } from '@temporalio/workflow';
import type { ChosenBillingAccount, QuoteResult, ServiceSnapshot } from '../../../activities';
import type { OrderContact } from '../../../lumen/api';
import { lumenOrders, lumenReads } from './activity-proxies';
import { describeFailure, isActivityFailureOfType, provisioningFailure, retryAfterMsOf } from './failures';
import { keepTrying } from './keep-trying';
import type { Progress } from './progress';
import type { QuoteKeeper } from './quote';

export interface OrderPlan {
  customerNumber: string;
  requestId: string;
  /** Derived from the workflow id: the same on every attempt and every replay. */
  orderItemId: string;
  billingAccount: ChosenBillingAccount;
  customerServiceName: string;
  ipv4BlockSize: '/28' | '/29' | '/30';
  contact: OrderContact;
  note?: string;
  /** "100 Mbps at site … (…)" — for messages. */
  description: string;
}

/** What the compensation needs to know about ordering so far. */
export interface OrderLedger {
  /** An order request may have reached Lumen. */
  sent: boolean;
  orderId?: string;
  serviceId?: string;
}

export interface PlacedOrder {
  orderId: string;
  serviceId?: string;
  quote: QuoteResult;
}

type Attempt =
  { kind: 'ordered'; orderId: string; serviceId?: string } | { kind: 'quoteExpired' } | { kind: 'cancelled' };

const MAX_PAUSE_MS = 60_000;

export async function orderExactlyOnce(
  plan: OrderPlan,
  quotes: QuoteKeeper,
  progress: Progress,
  ledger: OrderLedger,
  cancelRequested: () => boolean,
): Promise<PlacedOrder> {
  // Check before acting: an earlier run for this request id (started without REJECT_DUPLICATE) may have ordered.
  const earlier = await findService(plan, progress);
  if (earlier) return adoptEarlier(earlier, plan, quotes, progress, ledger);

  for (;;) {
    const quote = await quotes.readyToOrder();
    progress.enter('ORDER', `Ordering ${plan.description} with quote ${quote.id}`);
    const attempt = await CancellationScope.nonCancellable(() =>
      send(plan, quote, progress, ledger, quotes, cancelRequested),
    );
    if (attempt.kind === 'cancelled') throw new CancelledFailure('Cancelled before the order was sent');
    if (attempt.kind === 'ordered') {
      ledger.orderId = attempt.orderId;
      ledger.serviceId = attempt.serviceId;
      return { orderId: attempt.orderId, serviceId: attempt.serviceId, quote };
    }
    progress.record(`Quote ${quote.id} can no longer be ordered; getting a new one`);
    quotes.discard(quote.id);
  }
}

async function send(
  plan: OrderPlan,
  quote: QuoteResult,
  progress: Progress,
  ledger: OrderLedger,
  quotes: QuoteKeeper,
  cancelRequested: () => boolean,
): Promise<Attempt> {
  let outcomeUnknown = false;
  let pauseMs = 1_000;
  const pause = async (ms = pauseMs) => {
    await sleep(ms);
    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
  };
  for (;;) {
    if (outcomeUnknown) {
      const found = await findService(plan, progress);
      if (found?.orderId) return ordered(found.orderId, found.serviceId, progress);
      // Inventory shows nothing yet: re-send the SAME quote; being single-use, it cannot make a second order.
    } else {
      if (cancelRequested()) return { kind: 'cancelled' };
      if (!quotes.isFresh(quote)) return { kind: 'quoteExpired' };
    }
    ledger.sent = true;
    try {
      // Today's activity may also answer from inventory, where the service may not name its order.
      const placed = (await lumenOrders.placeOrder({
        customerNumber: plan.customerNumber,
        description: plan.description,
        order: {
          externalId: plan.requestId,
          orderItemId: plan.orderItemId,
          billingAccount: { id: plan.billingAccount.id, name: plan.billingAccount.name },
          quoteId: quote.id,
          customerServiceName: plan.customerServiceName,
          ipv4BlockSize: plan.ipv4BlockSize,
          contact: plan.contact,
          note: plan.note,
        },
      })) as { orderId?: string; adopted: boolean; serviceId?: string };
      const orderId = placed.orderId ?? `unknown (service ${placed.serviceId})`;
      if (placed.adopted) progress.record(`Quote ${quote.id} had already been ordered: order ${orderId}`);
      return ordered(orderId, placed.serviceId, progress);
    } catch (error) {
      if (isActivityFailureOfType(error, 'OrderRejected')) throw error;
      if (isActivityFailureOfType(error, 'QuoteExpired')) {
        if (!outcomeUnknown) return { kind: 'quoteExpired' };
        // The quote can no longer prove whether it was ordered: ask inventory once more before re-pricing.
        const found = await findService(plan, progress);
        if (found) return ordered(found.orderId ?? unknownOrderId(found), found.serviceId, progress);
        return { kind: 'quoteExpired' };
      }
      const what = `Order attempt with quote ${quote.id}: ${describeFailure(error)}`;
      if (isActivityFailureOfType(error, 'LumenUnavailable')) {
        progress.error(`${what}; nothing was ordered, trying again`);
        await pause(retryAfterMsOf(error)); // nothing reached Lumen (or it refused before applying)
      } else {
        // OrderOutcomeUnknown, a timeout, a worker lost mid-call, anything unexpected: reconcile first.
        progress.error(`${what}; the order may have been placed, so inventory is checked before anything is re-sent`);
        outcomeUnknown = true;
        await pause();
      }
    }
  }
}

function ordered(orderId: string, serviceId: string | undefined, progress: Progress): Attempt {
  progress.orderPlaced(orderId);
  if (serviceId) progress.serviceKnown(serviceId);
  return { kind: 'ordered', orderId, serviceId };
}

// Inventory is assumed to name the order; if it does not, the service itself is what must not be duplicated.
function unknownOrderId(service: ServiceSnapshot): string {
  return `unknown (service ${service.serviceId})`;
}

function findService(plan: OrderPlan, progress: Progress): Promise<ServiceSnapshot | null> {
  return keepTrying(progress, 'inventory check', () =>
    lumenReads.findOrderedService({ customerNumber: plan.customerNumber, externalId: plan.requestId }),
  );
}

function adoptEarlier(
  earlier: ServiceSnapshot,
  plan: OrderPlan,
  quotes: QuoteKeeper,
  progress: Progress,
  ledger: OrderLedger,
): PlacedOrder {
  const what = `Request ${plan.requestId} already has service ${earlier.serviceId} ("${earlier.status}")`;
  if (earlier.phase !== 'pending' && earlier.phase !== 'active') {
    throw provisioningFailure(
      'OrderRejected',
      `${what} from an earlier order; a request id orders at most once, so use a new one`,
      { serviceId: earlier.serviceId, orderId: earlier.orderId, status: earlier.status },
    );
  }
  progress.enter('ORDER', `${what}: continuing with that order instead of ordering again`);
  const orderId = earlier.orderId ?? unknownOrderId(earlier);
  progress.orderPlaced(orderId);
  progress.serviceKnown(earlier.serviceId);
  ledger.orderId = orderId;
  ledger.serviceId = earlier.serviceId;
  const quote = quotes.current;
  if (!quote) throw new Error('no quote yet');
  return { orderId, serviceId: earlier.serviceId, quote };
}
