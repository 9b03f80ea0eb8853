// A bandwidth change: one modify order naming the service and a fresh quote. As non-repeatable as an
// add, so it is sent once per attempt; right before sending, inventory is asked whether the service
// already runs at the new speed or has a change in flight, so a lost answer, a crash or a reset never
// sends a second modify.
import { Context } from '@temporalio/activity';
import { isActiveStatus, isPendingStatus } from '../lumen/assumptions';
import { LumenApiError } from '../lumen/errors';
import type { ActivityDeps } from './deps';
import { businessFailure, describeLumenRefusal, unavailable } from './failures';
import { heartbeatingWhile } from './heartbeat';

export interface ModifyBandwidthInput {
  customerNumber: string;
  serviceId: string;
  /** The change order's own reference (≤ 20 characters). */
  externalId: string;
  quoteId: string;
  bandwidthMbps: number;
  billingAccount: { id: string; name: string };
  note?: string;
  /** An earlier attempt may have placed this change: a change in flight on the service is taken as it. */
  mayExist: boolean;
  /** Look in inventory only and send nothing: the workflow must wait before it may send (after a reset). */
  lookOnly?: boolean;
}

export type ModifyBandwidthResult =
  | { orderId: string; adopted: boolean; evidence: 'accepted' | 'quote already ordered' }
  /** Inventory shows the service at the new speed, or (after an uncertain attempt) changing. */
  | { evidence: 'inventory'; adopted: true; status: string; bandwidthMbps?: number }
  | { evidence: 'absent'; adopted: false };

/** The inventory check heartbeats as the order does: either may wait its turn under the request ceiling. */
export function modifyBandwidthActivity(deps: ActivityDeps) {
  const send = sendModifyActivity(deps);
  return async function modifyBandwidth(input: ModifyBandwidthInput): Promise<ModifyBandwidthResult> {
    return heartbeatingWhile(send(input));
  };
}

function sendModifyActivity({ lumen, logger }: ActivityDeps) {
  return async function sendModify(input: ModifyBandwidthInput): Promise<ModifyBandwidthResult> {
    const { serviceId, quoteId, externalId } = input;
    const fields = { workflowId: Context.current().info.workflowExecution?.workflowId, serviceId, externalId, quoteId };
    const service = await inventoryOf(lumen, input.customerNumber, serviceId);
    if (service && isActiveStatus(service.status) && service.bandwidthMbps === input.bandwidthMbps) {
      return { evidence: 'inventory', adopted: true, status: service.status, bandwidthMbps: service.bandwidthMbps };
    }
    if (service && isPendingStatus(service.status)) {
      if (input.mayExist) return { evidence: 'inventory', adopted: true, status: service.status };
      // Someone else's order is in flight: Lumen would refuse the change with 409 anyway.
      throw businessFailure('ServiceBusy', `Service ${serviceId} is "${service.status}": another order is in flight`);
    }
    if (input.lookOnly) return { evidence: 'absent', adopted: false };
    try {
      const placed = await lumen.modifyBandwidth(input.customerNumber, {
        serviceId,
        externalId,
        orderItemId: serviceId,
        billingAccount: input.billingAccount,
        quoteId,
        note: input.note,
      });
      logger.info({ ...fields, orderId: placed.id }, 'modify order placed');
      return { orderId: placed.id, adopted: false, evidence: 'accepted' };
    } catch (error) {
      if (!(error instanceof LumenApiError)) throw error;
      if (error.existingOrderId) {
        logger.info({ ...fields, orderId: error.existingOrderId }, 'quote already ordered: adopting that change');
        return { orderId: error.existingOrderId, adopted: true, evidence: 'quote already ordered' };
      }
      logger.warn({ ...fields, status: error.status, outcomeUnknown: error.outcomeUnknown }, error.message);
      if (error.quoteExpired) {
        throw businessFailure(
          'QuoteExpired',
          `Lumen refused quote ${quoteId} as expired or unknown: ${error.lumenMessage}`,
        );
      }
      if (error.retryable || error.status === 401) throw unavailable(error);
      if (error.status === 409) {
        throw businessFailure('ServiceBusy', `Lumen refused to change ${serviceId} for now: ${error.lumenMessage}`);
      }
      if (error.outcomeUnknown || error.status === undefined || error.status >= 500) {
        throw businessFailure(
          'OrderOutcomeUnknown',
          `The change of ${serviceId} may have been placed: ${error.message}`,
        );
      }
      throw businessFailure(
        'OrderRejected',
        `Lumen rejected the change of service ${serviceId} to quote ${quoteId}: ${describeLumenRefusal(error)}`,
        { status: error.status, fieldErrors: error.fieldErrors ?? [] },
      );
    }
  };
}

async function inventoryOf(lumen: ActivityDeps['lumen'], customerNumber: string, serviceId: string) {
  try {
    const services = await lumen.listInventory(customerNumber, { serviceId, serviceType: 'Internet' });
    return services.find((service) => service.serviceId === serviceId);
  } catch (error) {
    if (error instanceof LumenApiError) throw unavailable(error);
    throw error;
  }
}
