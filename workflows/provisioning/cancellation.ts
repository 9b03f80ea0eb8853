// Cancelled after an order may have been placed: finish the job. Find out whether the order exists
// (by the rules of ../shared/lumen-orders/evidence.ts), let it settle, disconnect the service with one delete order,
// and wait until inventory shows it Inactive; only then is the provisioning CANCELLED. It keeps at it
// for as long as the request's activation timeout; if Lumen never lets the service go, the provisioning
// fails as DisconnectFailed, naming the service.
import { CancellationScope, CancelledFailure, condition, isCancellation } from '@temporalio/workflow';
import { formatDuration } from '../../domain/duration';
import { lumenOrders } from '../shared/activity-proxies';
import { typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { OrderLedger, type KnownOrder } from '../shared/lumen-orders/evidence';
import { sendExactlyOnce, type OrderSender } from '../shared/lumen-orders/exactly-once';
import { watchOrder } from '../shared/lumen-orders/watch';
import type { Provisioning } from './state';

export function cancelProvisioning(p: Provisioning): Promise<never> {
  return CancellationScope.nonCancellable(async () => {
    const { progress } = p;
    progress.record('Cancellation requested');
    const order = p.order ?? (await orderThatMayExist(p));
    if (!order) {
      progress.enter('CANCELLED', 'Cancelled before anything was ordered: nothing was ordered');
      throw new CancelledFailure('Cancelled before ordering');
    }
    const { request } = p;
    const deadline = Date.now() + request.activationTimeout;
    const named = order.orderId ?? `for service ${order.serviceId}`;
    const watch = { customerNumber: request.customerNumber, pollIntervalMs: request.pollInterval, deadline };

    progress.record(`Cancelling: waiting for order ${named} to settle before disconnecting it`);
    const settled = await watchOrder(
      { ...watch, externalId: request.requestId, orderId: order.orderId, until: 'active' },
      p.events,
      (problem) => progress.error(problem),
    );
    const serviceId = settled.serviceId ?? order.serviceId;
    if (settled.outcome === 'failed') {
      progress.enter(
        'CANCELLED',
        `Cancelled: order ${named} never came up (${settled.reason ?? 'failed'}), nothing to disconnect`,
      );
      throw new CancelledFailure('Cancelled; the order failed on its own');
    }
    if (settled.outcome === 'timedOut' || serviceId === undefined) {
      throw couldNotDisconnect(p, serviceId, `order ${named} had not settled`);
    }
    progress.serviceKnown(serviceId);

    const disconnect = await disconnectOnce(p, serviceId, order, deadline);
    progress.record(`Disconnecting service ${serviceId}: ${disconnect.evidence}`);
    const gone = await watchOrder(
      { ...watch, serviceId, orderId: disconnect.orderId, until: 'inactive', justPlaced: true },
      p.events,
      (problem) => progress.error(problem),
    );
    if (gone.outcome === 'completed') {
      const by = disconnect.orderId ? ` by disconnect order ${disconnect.orderId}` : '';
      progress.enter(
        'CANCELLED',
        `Cancelled after ordering: service ${serviceId} was disconnected${by} and is Inactive`,
      );
      throw new CancelledFailure('Cancelled; the service was disconnected');
    }
    throw couldNotDisconnect(
      p,
      serviceId,
      gone.outcome === 'failed'
        ? `Lumen could not disconnect it (${gone.reason ?? 'failed'})`
        : 'it was not Inactive yet',
    );
  });
}

// Nothing confirmed: an attempt may still have ordered (or, after a reset, one this run does not know of).
async function orderThatMayExist(p: Provisioning): Promise<KnownOrder | undefined> {
  const { request, progress, ledger } = p;
  const at = ledger.proofPossibleAt(p.settings.inventoryLagMs);
  if (at !== undefined && at > Date.now()) {
    progress.record(
      `An order attempt may have reached Lumen; waiting until ${new Date(at).toISOString()} for inventory to show it`,
    );
    await condition(() => p.events.orderNamed(request.requestId) !== undefined, at - Date.now());
  }
  const heard = p.events.orderNamed(request.requestId);
  if (heard)
    return {
      orderId: heard.orderId,
      serviceId: heard.serviceId,
      evidence: `Lumen's event named order ${heard.orderId}`,
    };
  const found = await keepTrying(progress, 'inventory check', (reads) =>
    reads.findOrderedService({ customerNumber: request.customerNumber, externalId: request.requestId }),
  );
  if (!found) return undefined;
  progress.orderKnown(found.orderId);
  return { orderId: found.orderId, serviceId: found.serviceId, evidence: `inventory shows service ${found.serviceId}` };
}

async function disconnectOnce(p: Provisioning, serviceId: string, order: KnownOrder, deadline: number) {
  const { request, progress } = p;
  const billingAccount = p.billingAccount;
  if (!billingAccount) throw couldNotDisconnect(p, serviceId, 'no billing account is known for the delete order');
  const attempt = (lookOnly: boolean) =>
    lumenOrders.disconnectService({
      customerNumber: request.customerNumber,
      serviceId,
      externalId: request.requestId,
      orderItemId: `${p.workflowId}:disconnect`,
      billingAccount,
      contact: request.contact,
      note: `Provisioning ${request.requestId} was cancelled`,
      lookOnly,
    });
  const sender: OrderSender<null> = {
    what: `the disconnect of service ${serviceId}`,
    next: async () => null,
    quoteIdOf: () => undefined,
    discard: () => undefined,
    async attempt(_nothing, lookOnly) {
      const result = await attempt(lookOnly);
      if (result.evidence === 'absent') return { kind: 'absent' };
      if (result.evidence === 'inventory') {
        return { kind: 'placed', order: { serviceId, evidence: `inventory shows it "${result.status}"` } };
      }
      return {
        kind: 'placed',
        order: { orderId: result.orderId, serviceId, evidence: `disconnect order ${result.orderId} accepted` },
      };
    },
    async lookUp() {
      const result = await attempt(true);
      return result.evidence === 'inventory'
        ? { serviceId, evidence: `inventory shows it "${result.status}"` }
        : undefined;
    },
  };
  try {
    return await CancellationScope.withTimeout(Math.max(1_000, deadline - Date.now()), () =>
      sendExactlyOnce(sender, {
        ledger: new OrderLedger(),
        events: p.events,
        externalId: request.requestId,
        excluding: order.orderId ? [order.orderId] : [],
        inventoryLagMs: p.settings.inventoryLagMs,
        journal: progress,
      }),
    );
  } catch (error) {
    if (isCancellation(error)) throw couldNotDisconnect(p, serviceId, 'no disconnect order could be placed');
    throw couldNotDisconnect(p, serviceId, error instanceof Error ? error.message : String(error));
  }
}

function couldNotDisconnect(p: Provisioning, serviceId: string | undefined, why: string) {
  const service = serviceId ? `service ${serviceId}` : `the service of request ${p.request.requestId}`;
  const message =
    `Cancelled, but ${service} could not be disconnected within ${formatDuration(p.request.activationTimeout)}: ` +
    `${why}; it may still be billed — disconnect it with Lumen`;
  p.progress.fail(message);
  return typedFailure('DisconnectFailed', message, { serviceId, orderId: p.order?.orderId });
}
