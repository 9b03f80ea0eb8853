// After a cancellation: if an order may have reached Lumen, disconnect its service (or record why that
// was not possible). Runs non-cancellable, checks inventory before every attempt so a delete is never
// sent twice, and gives up after a bounded time with the reason in the history.
import { CancellationScope, sleep } from '@temporalio/workflow';
import type { ServiceSnapshot } from '../../../activities';
import type { OrderContact } from '../../../lumen/api';
import { lumenOrders, lumenReads } from './activity-proxies';
import { activityFailureType, describeFailure } from './failures';
import { keepTrying } from './keep-trying';
import type { OrderLedger } from './order';
import type { Progress } from './progress';

export interface DisconnectPlan {
  customerNumber: string;
  requestId: string;
  /** Derived from the workflow id. */
  orderItemId: string;
  billingAccount?: { id: string; name: string };
  contact: OrderContact;
}

const MAX_ATTEMPTS = 12;
const MAX_PAUSE_MS = 5 * 60_000;

/** Returns what happened, in words for the history. */
export function disconnectAfterCancel(plan: DisconnectPlan, ledger: OrderLedger, progress: Progress): Promise<string> {
  return CancellationScope.nonCancellable(async () => {
    if (!ledger.sent && ledger.orderId === undefined) return 'Cancelled before ordering: nothing was ordered';
    let pauseMs = 2_000;
    let last = 'no attempt made';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const service = await keepTrying(progress, 'inventory check', () =>
        lumenReads.findOrderedService({
          customerNumber: plan.customerNumber,
          externalId: plan.requestId,
          orderId: ledger.orderId,
        }),
      );
      const settled = settledAlready(service, ledger);
      if (settled) return settled;
      if (service) progress.serviceKnown(service.serviceId);
      if (service && plan.billingAccount) {
        try {
          // Today's activity answers without an order id when inventory shows the service already going.
          const { orderId = 'already under way' } = (await lumenOrders.disconnectService({
            customerNumber: plan.customerNumber,
            serviceId: service.serviceId,
            externalId: plan.requestId,
            orderItemId: plan.orderItemId,
            billingAccount: plan.billingAccount,
            contact: plan.contact,
            note: `Provisioning ${plan.requestId} was cancelled`,
          })) as { orderId?: string };
          return `Cancelled after ordering: disconnect order ${orderId} sent for service ${service.serviceId}`;
        } catch (error) {
          if (activityFailureType(error) === 'DisconnectRefused')
            return `Could not disconnect: ${describeFailure(error)}`;
          last = describeFailure(error);
        }
      } else {
        last = service ? 'no billing account known' : `inventory shows no service for ${plan.requestId} yet`;
      }
      progress.error(`Disconnect attempt ${attempt}: ${last}`);
      await sleep(pauseMs);
      pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
    }
    return `Could not disconnect after ${MAX_ATTEMPTS} attempts: ${last}`;
  });
}

function settledAlready(service: ServiceSnapshot | null, ledger: OrderLedger): string | undefined {
  if (!service) {
    // The order request never reached Lumen (or was refused) and inventory has nothing: nothing to undo.
    return ledger.orderId === undefined ? 'Cancelled: no order reached Lumen, nothing to disconnect' : undefined;
  }
  if (service.phase === 'disconnecting' || service.phase === 'disconnected') {
    return `Cancelled after ordering: service ${service.serviceId} is already "${service.status}"`;
  }
  if (service.phase === 'activationFailed') {
    return `Cancelled after ordering: service ${service.serviceId} never came up ("${service.status}"), nothing to disconnect`;
  }
  return undefined;
}
