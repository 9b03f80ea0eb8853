// Step 6: place the order — the one call that must happen exactly once. This activity never repeats
// itself (the workflow runs it with one attempt): an uncertain outcome goes back to the workflow, which
// reconciles through inventory and Lumen's single-use quotes before anything is sent again.
import { Context } from '@temporalio/activity';
import type { NewOrder } from '../lumen/api';
import { LumenApiError } from '../lumen/errors';
import type { ActivityDeps } from './deps';
import { businessFailure, describeLumenRefusal, unavailable } from './failures';
import { heartbeatingWhile } from './heartbeat';

export interface PlaceOrderInput {
  customerNumber: string;
  order: NewOrder;
  /** "100 Mbps at site PL0001247634 (Equinix …, Monroe LA)" — for messages. */
  description: string;
}

export interface PlaceOrderResult {
  orderId: string;
  /** The quote had already been ordered (an earlier attempt got through): this is that order. */
  adopted: boolean;
}

export function placeOrderActivity({ lumen, logger }: ActivityDeps) {
  return async function placeOrder(input: PlaceOrderInput): Promise<PlaceOrderResult> {
    const { externalId, quoteId } = input.order;
    const fields = { workflowId: Context.current().info.workflowExecution?.workflowId, externalId, quoteId };
    try {
      const placed = await heartbeatingWhile(lumen.placeOrder(input.customerNumber, input.order));
      logger.info({ ...fields, orderId: placed.id }, 'order placed');
      return { orderId: placed.id, adopted: false };
    } catch (error) {
      if (!(error instanceof LumenApiError)) throw error;
      if (error.existingOrderId) {
        // Quotes are single-use: the quote is ours, so the order holding it is ours too.
        logger.info({ ...fields, orderId: error.existingOrderId }, 'quote already ordered: adopting that order');
        return { orderId: error.existingOrderId, adopted: true };
      }
      logger.warn({ ...fields, status: error.status, outcomeUnknown: error.outcomeUnknown }, error.message);
      if (error.quoteExpired) {
        throw businessFailure(
          'QuoteExpired',
          `Lumen refused quote ${quoteId} as expired or unknown: ${error.lumenMessage}`,
        );
      }
      // Not sent, or refused before it was applied: sending it again is safe.
      if (error.retryable || error.status === 401) throw unavailable(error);
      if (error.outcomeUnknown || error.status === undefined || error.status === 409 || error.status >= 500) {
        throw businessFailure(
          'OrderOutcomeUnknown',
          `The order for ${externalId} may have been placed: ${error.message}`,
        );
      }
      throw businessFailure(
        'OrderRejected',
        `Lumen rejected the order for ${input.description} (request ${externalId}, quote ${quoteId}): ${describeLumenRefusal(error)}`,
        { status: error.status, fieldErrors: error.fieldErrors ?? [] },
      );
    }
  };
}
