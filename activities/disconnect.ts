// A delete order for a service: the compensation of a cancelled provisioning, and the service's own
// disconnect. Like the add it is sent once per attempt, and right before sending inventory is asked
// whether the service is already going or gone, so a lost answer, a crash or a reset never sends a
// second delete.
import { Context } from '@temporalio/activity';
import type { OrderContact } from '../lumen/api';
import { isDisconnectedStatus, isFailedDisconnectionStatus, SERVICE_STATUS, sameStatus } from '../lumen/assumptions';
import { LumenApiError } from '../lumen/errors';
import { failureWithoutContact, withoutContact } from './contact-echo';
import type { ActivityDeps } from './deps';
import { businessFailure, describeLumenRefusal, unavailable } from './failures';
import { heartbeatingWhile } from './heartbeat';

export interface DisconnectInput {
  customerNumber: string;
  serviceId: string;
  externalId: string;
  orderItemId: string;
  billingAccount: { id: string; name: string };
  contact?: OrderContact;
  note?: string;
  /** Look in inventory only and send nothing: the workflow must wait before it may send (after a reset). */
  lookOnly?: boolean;
}

export type DisconnectResult =
  | { orderId: string; evidence: 'accepted' }
  /** Inventory shows the service disconnecting or disconnected already: nothing was sent. */
  | { evidence: 'inventory'; status: string }
  | { evidence: 'absent' };

/**
 * Lumen may quote the contact back in a refusal: it is taken out before it becomes the failure's text.
 * The inventory check heartbeats as the delete does: either may wait its turn under the request ceiling.
 */
export function disconnectServiceActivity(deps: ActivityDeps) {
  const send = sendDisconnectActivity(deps);
  return async function disconnectService(input: DisconnectInput): Promise<DisconnectResult> {
    return heartbeatingWhile(send(input)).catch((error: unknown) => {
      throw failureWithoutContact(error, input.contact);
    });
  };
}

function sendDisconnectActivity({ lumen, logger }: ActivityDeps) {
  return async function sendDisconnect(input: DisconnectInput): Promise<DisconnectResult> {
    const fields = { workflowId: Context.current().info.workflowExecution?.workflowId, serviceId: input.serviceId };
    const status = await statusOf(lumen, input.customerNumber, input.serviceId);
    if (status !== undefined && isGoingOrGone(status)) {
      logger.info({ ...fields, status }, 'service already disconnecting or disconnected: not sending a delete');
      return { evidence: 'inventory', status };
    }
    if (input.lookOnly) return { evidence: 'absent' };
    try {
      const placed = await lumen.disconnectService(input.customerNumber, {
        serviceId: input.serviceId,
        externalId: input.externalId,
        orderItemId: input.orderItemId,
        billingAccount: input.billingAccount,
        contact: input.contact,
        note: input.note,
      });
      logger.info({ ...fields, orderId: placed.id }, 'disconnect order placed');
      return { orderId: placed.id, evidence: 'accepted' };
    } catch (error) {
      if (!(error instanceof LumenApiError)) throw error;
      logger.warn(
        { ...fields, status: error.status, outcomeUnknown: error.outcomeUnknown },
        withoutContact(error.message, input.contact),
      );
      if (error.retryable || error.status === 401) throw unavailable(error);
      if (error.status === 409) {
        throw businessFailure(
          'ServiceBusy',
          `Lumen refused to disconnect ${input.serviceId} for now: ${error.lumenMessage}`,
        );
      }
      if (error.outcomeUnknown || error.status === undefined || error.status >= 500) {
        throw businessFailure(
          'OrderOutcomeUnknown',
          `The disconnect of ${input.serviceId} may have been placed: ${error.message}`,
        );
      }
      throw businessFailure(
        'DisconnectRefused',
        `Lumen refused to disconnect service ${input.serviceId}: ${describeLumenRefusal(error)}`,
      );
    }
  };
}

function isGoingOrGone(status: string): boolean {
  return (
    sameStatus(status, SERVICE_STATUS.disconnectPending) ||
    isDisconnectedStatus(status) ||
    isFailedDisconnectionStatus(status)
  );
}

async function statusOf(
  lumen: ActivityDeps['lumen'],
  customerNumber: string,
  serviceId: string,
): Promise<string | undefined> {
  try {
    const services = await lumen.listInventory(customerNumber, { serviceId, serviceType: 'Internet' });
    return services.find((service) => service.serviceId === serviceId)?.status;
  } catch (error) {
    if (error instanceof LumenApiError) throw unavailable(error);
    throw error;
  }
}
