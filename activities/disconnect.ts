// Compensation after a cancelled provisioning: a delete order for the service we ordered. Like the add
// order it is sent once per attempt; the workflow checks inventory before sending it again.
import { Context } from '@temporalio/activity';
import type { OrderContact } from '../lumen/api';
import { LumenApiError } from '../lumen/errors';
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
}

export interface DisconnectResult {
  orderId: string;
}

export function disconnectServiceActivity({ lumen, logger }: ActivityDeps) {
  return async function disconnectService(input: DisconnectInput): Promise<DisconnectResult> {
    const fields = { workflowId: Context.current().info.workflowExecution?.workflowId, serviceId: input.serviceId };
    try {
      const placed = await heartbeatingWhile(
        lumen.disconnectService(input.customerNumber, {
          serviceId: input.serviceId,
          externalId: input.externalId,
          orderItemId: input.orderItemId,
          billingAccount: input.billingAccount,
          contact: input.contact,
          note: input.note,
        }),
      );
      logger.info({ ...fields, orderId: placed.id }, 'disconnect order placed');
      return { orderId: placed.id };
    } catch (error) {
      if (!(error instanceof LumenApiError)) throw error;
      logger.warn({ ...fields, status: error.status, outcomeUnknown: error.outcomeUnknown }, error.message);
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
