// Step ORDER: the one order of this provisioning, sent by the rules of ../shared/lumen-orders/evidence.ts. The quote
// must be fresh and within the price guard (or approved) at each attempt; after a cancellation nothing
// more is sent.
import { CancelledFailure } from '@temporalio/workflow';
import type { QuoteResult } from '../../activities';
import { lumenOrders } from '../shared/activity-proxies';
import { keepTrying } from '../shared/keep-trying';
import type { KnownOrder } from '../shared/lumen-orders/evidence';
import { sendExactlyOnce, type AttemptResult, type OrderSender } from '../shared/lumen-orders/exactly-once';
import type { PlacedOrder, Provisioning } from './state';

export async function placeTheOrder(p: Provisioning): Promise<PlacedOrder> {
  const { request, progress, quotes } = p;
  const billingAccount = p.billingAccount;
  if (!billingAccount) throw new Error('no billing account chosen');
  let lastSent: QuoteResult | undefined;

  const sender: OrderSender<QuoteResult> = {
    what: `the order for ${p.description}`,
    async next() {
      // Nothing new is sent once cancelled; what may have been sent already is the cancellation's to settle.
      if (p.cancelRequested) throw new CancelledFailure('Cancelled before the order was placed');
      const quote = await quotes.readyToOrder();
      if (progress.currentStep !== 'ORDER') progress.enter('ORDER', `Ordering ${p.description} with quote ${quote.id}`);
      return quote;
    },
    quoteIdOf: (quote) => quote.id,
    discard: (quote) => quotes.discard(quote.id),
    async attempt(quote, lookOnly): Promise<AttemptResult> {
      if (!lookOnly) lastSent = quote;
      const placed = await lumenOrders.placeOrder({
        customerNumber: request.customerNumber,
        description: p.description,
        lookOnly,
        order: {
          externalId: request.requestId,
          orderItemId: p.orderItemId,
          billingAccount: { id: billingAccount.id, name: billingAccount.name },
          quoteId: quote.id,
          customerServiceName: request.customerServiceName,
          ipv4BlockSize: request.ipv4BlockSize,
          contact: request.contact,
          note: request.note,
        },
      });
      switch (placed.evidence) {
        case 'absent':
          return { kind: 'absent' };
        case 'inventory':
          return {
            kind: 'placed',
            order: {
              orderId: placed.orderId,
              serviceId: placed.serviceId,
              evidence: `inventory shows service ${placed.serviceId} ("${placed.status}") for request ${request.requestId}`,
            },
          };
        case 'quote already ordered':
          return {
            kind: 'placed',
            order: { orderId: placed.orderId, evidence: `quote ${quote.id} was already ordered` },
          };
        case 'accepted':
          return { kind: 'placed', order: { orderId: placed.orderId, evidence: 'Lumen accepted it' } };
      }
    },
    async lookUp(): Promise<KnownOrder | undefined> {
      const found = await keepTrying(progress, 'inventory check', (reads) =>
        reads.findOrderedService({ customerNumber: request.customerNumber, externalId: request.requestId }),
      );
      if (!found) return undefined;
      return {
        orderId: found.orderId,
        serviceId: found.serviceId,
        evidence: `inventory shows service ${found.serviceId} ("${found.status}") for request ${request.requestId}`,
      };
    },
  };

  const known = await sendExactlyOnce(sender, {
    ledger: p.ledger,
    events: p.events,
    externalId: request.requestId,
    inventoryLagMs: p.settings.inventoryLagMs,
    journal: progress,
  });
  progress.orderKnown(known.orderId);
  progress.serviceKnown(known.serviceId);
  progress.record(`Order ${known.orderId ?? `for service ${known.serviceId}`}: ${known.evidence}`);
  const quote = lastSent ?? quotes.current;
  if (!quote) throw new Error('no quote');
  return p.orderPlaced({ ...known, quote });
}
