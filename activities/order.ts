// Step 6: place the order — the one call that must happen exactly once. The workflow runs this activity
// with one attempt and decides itself what to do with an uncertain outcome. Right before sending, it
// looks in inventory for a service this request already ordered, so no second order follows a lost
// answer, a worker crash or a workflow reset; Lumen's single-use quotes catch what inventory has not
// shown yet.
import { Context } from '@temporalio/activity';
import type { InventoryService, NewOrder } from '../lumen/api';
import { LumenApiError } from '../lumen/errors';
import { failureWithoutContact, withoutContact } from './contact-echo';
import type { ActivityDeps } from './deps';
import { businessFailure, describeLumenRefusal, unavailable } from './failures';
import { heartbeatingWhile } from './heartbeat';

export interface PlaceOrderInput {
  customerNumber: string;
  order: NewOrder;
  /** "100 Mbps at site PL0001247634 (Equinix …, Monroe LA)" — for messages. */
  description: string;
  /** Look in inventory only and send nothing: the workflow must wait before it may send (after a reset). */
  lookOnly?: boolean;
}

/** How the order came to be known, in the words the workflow's history uses. */
export type OrderEvidence = 'accepted' | 'quote already ordered' | 'inventory';

export type PlaceOrderResult =
  | {
      /** Lumen's order id; inventory may show a service without naming the order that made it. */
      orderId: string;
      /** The order existed before this call (an earlier attempt got through). */
      adopted: boolean;
      evidence: Exclude<OrderEvidence, 'inventory'>;
    }
  | { orderId?: string; adopted: true; evidence: 'inventory'; serviceId: string; status: string }
  | { evidence: 'absent'; adopted: false };

/**
 * Lumen may quote the contact back in a refusal: it is taken out before it becomes the failure's text.
 * The inventory check heartbeats as the order does: either may wait its turn under the request ceiling.
 */
export function placeOrderActivity(deps: ActivityDeps) {
  const send = sendOrderActivity(deps);
  return async function placeOrder(input: PlaceOrderInput): Promise<PlaceOrderResult> {
    return heartbeatingWhile(send(input)).catch((error: unknown) => {
      throw failureWithoutContact(error, input.order.contact);
    });
  };
}

function sendOrderActivity({ lumen, logger }: ActivityDeps) {
  return async function sendOrder(input: PlaceOrderInput): Promise<PlaceOrderResult> {
    const { externalId, quoteId } = input.order;
    const fields = { workflowId: Context.current().info.workflowExecution?.workflowId, externalId, quoteId };
    const existing = await serviceOrderedBy(lumen, input.customerNumber, externalId);
    if (existing) {
      logger.info({ ...fields, serviceId: existing.serviceId }, 'inventory already shows this request: not ordering');
      return {
        ...(existing.orderId ? { orderId: existing.orderId } : {}),
        adopted: true,
        evidence: 'inventory',
        serviceId: existing.serviceId,
        status: existing.status,
      };
    }
    if (input.lookOnly) return { evidence: 'absent', adopted: false };
    try {
      const placed = await lumen.placeOrder(input.customerNumber, input.order);
      logger.info({ ...fields, orderId: placed.id }, 'order placed');
      return { orderId: placed.id, adopted: false, evidence: 'accepted' };
    } catch (error) {
      if (!(error instanceof LumenApiError)) throw error;
      if (error.existingOrderId) {
        // Quotes are single-use: the quote is ours, so the order holding it is ours too.
        logger.info({ ...fields, orderId: error.existingOrderId }, 'quote already ordered: adopting that order');
        return { orderId: error.existingOrderId, adopted: true, evidence: 'quote already ordered' };
      }
      logger.warn(
        { ...fields, status: error.status, outcomeUnknown: error.outcomeUnknown },
        withoutContact(error.message, input.order.contact),
      );
      throw orderFailure(error, input);
    }
  };
}

/** A service whose creating order carried this externalId: only an exact match counts as ours. */
async function serviceOrderedBy(
  lumen: ActivityDeps['lumen'],
  customerNumber: string,
  externalId: string,
): Promise<InventoryService | undefined> {
  try {
    const services = await lumen.listInventory(customerNumber, { externalId, serviceType: 'Internet' });
    return services.find((service) => service.externalId === externalId);
  } catch (error) {
    // Nothing was sent: asking again later is safe.
    if (error instanceof LumenApiError) throw unavailable(error);
    throw error;
  }
}

function orderFailure(error: LumenApiError, input: PlaceOrderInput) {
  const { externalId, quoteId } = input.order;
  if (error.quoteExpired) {
    return businessFailure(
      'QuoteExpired',
      `Lumen refused quote ${quoteId} as expired or unknown: ${error.lumenMessage}`,
    );
  }
  // Not processed (refused connection, reset before sending, 429, 503): sending again is safe.
  if (error.retryable || error.status === 401) return unavailable(error);
  if (error.outcomeUnknown || error.status === undefined || error.status === 409 || error.status >= 500) {
    return businessFailure('OrderOutcomeUnknown', `The order for ${externalId} may have been placed: ${error.message}`);
  }
  return businessFailure(
    'OrderRejected',
    `Lumen rejected the order for ${input.description} (request ${externalId}, quote ${quoteId}): ${describeLumenRefusal(error)}`,
    { status: error.status, fieldErrors: error.fieldErrors ?? [] },
  );
}
