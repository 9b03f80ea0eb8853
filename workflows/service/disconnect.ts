// The disconnect: one delete order, sent by the rules of ../shared/lumen-orders/evidence.ts, and the service watched
// until inventory shows it Inactive. Changes still waiting are refused first; one already running
// finishes before the delete goes out.
import { allHandlersFinished, ApplicationFailure, condition, isCancellation } from '@temporalio/workflow';
import type { DisconnectResult } from '../../domain/service';
import { lumenOrders, temporalCalls } from '../shared/activity-proxies';
import { asTypedFailure, describeFailure, typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { OrderLedger } from '../shared/lumen-orders/evidence';
import { sendExactlyOnce, type OrderSender } from '../shared/lumen-orders/exactly-once';
import { watchOrder } from '../shared/lumen-orders/watch';
import type { Service } from './state';

/** How long Lumen may take to show the service Inactive before the disconnect is reported as failed. */
const DISCONNECT_DEADLINE_MS = 7 * 24 * 3_600_000;

export async function disconnectTheService(s: Service, reason: string | undefined): Promise<DisconnectResult> {
  const { progress } = s;
  const billingAccount = s.billingAccount;
  if (!billingAccount) {
    throw typedFailure(
      'DisconnectFailed',
      `Service ${s.serviceId}: inventory names no billing account for the delete order`,
    );
  }
  const externalId = s.orders.nextExternalId();
  const attempt = (lookOnly: boolean) =>
    lumenOrders.disconnectService({
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      externalId,
      orderItemId: `${s.workflowId}:disconnect`,
      billingAccount,
      note: reason ?? `Disconnect of service ${s.serviceId}`,
      lookOnly,
    });
  const sender: OrderSender<null> = {
    what: `the disconnect of service ${s.serviceId}`,
    next: async () => null,
    quoteIdOf: () => undefined,
    discard: () => undefined,
    async attempt(_nothing, lookOnly) {
      const sent = await attempt(lookOnly);
      if (sent.evidence === 'absent') return { kind: 'absent' };
      if (sent.evidence === 'inventory') {
        return { kind: 'placed', order: { serviceId: s.serviceId, evidence: `inventory shows it "${sent.status}"` } };
      }
      return {
        kind: 'placed',
        order: { orderId: sent.orderId, serviceId: s.serviceId, evidence: 'Lumen accepted it' },
      };
    },
    async lookUp() {
      const service = await keepTrying(progress, 'inventory check', (reads) =>
        reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
      );
      const going = service.phase === 'disconnecting' || service.phase === 'disconnected';
      return going ? { serviceId: s.serviceId, evidence: `inventory shows it "${service.status}"` } : undefined;
    },
  };

  const known = await sendExactlyOnce(sender, {
    ledger: new OrderLedger(),
    events: s.events,
    externalId,
    inventoryLagMs: s.settings.inventoryLagMs,
    journal: progress,
    onWaiting: (waiting) => s.waitFor(waiting),
  });
  s.orders.count();
  progress.orderPlaced(known.orderId);
  progress.record(`Disconnect order ${known.orderId ?? '(not named)'}: ${known.evidence}`);

  const outcome = await watchOrder(
    {
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      orderId: known.orderId,
      until: 'inactive',
      pollIntervalMs: s.plan.pollInterval,
      deadline: Date.now() + DISCONNECT_DEADLINE_MS,
      justPlaced: true,
    },
    s.events,
    (problem) => progress.error(problem),
  );
  if (outcome.outcome !== 'completed') {
    const why =
      outcome.outcome === 'failed' ? (outcome.reason ?? 'Lumen failed it') : 'it was not Inactive after 7 days';
    throw typedFailure('DisconnectFailed', `Service ${s.serviceId} could not be disconnected: ${why}`, {
      orderId: known.orderId,
    });
  }
  return { status: 'DISCONNECTED', orderId: known.orderId ?? null, disconnectedAt: outcome.at };
}

/** Runs the disconnect asked: a result when the service is gone, undefined when it failed and is managed on. */
export async function runDisconnect(s: Service): Promise<DisconnectResult | undefined> {
  s.progress.enter('DISCONNECTING', `Disconnecting service ${s.serviceId}`);
  try {
    const done = await disconnectTheService(s, s.disconnect.requested?.reason);
    s.account.charge(Date.parse(done.disconnectedAt), 0, s.facts.mbps);
    const result = { ...done, spend: s.account.view(Date.parse(done.disconnectedAt)) };
    s.disconnect.done(result);
    s.progress.enter('DISCONNECTED', `Service ${s.serviceId} is Inactive: disconnected`);
    // Its bandwidth calendars would only fire at a service that is gone.
    const removed = await temporalCalls.removeServiceSchedules({ serviceId: s.serviceId });
    if (removed.length > 0) s.progress.record(`Bandwidth calendars removed: ${removed.join(', ')}`);
    await condition(allHandlersFinished); // every caller of disconnect gets the result before the end
    return result;
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asTypedFailure(error);
    const type = failure instanceof ApplicationFailure ? (failure.type ?? 'DisconnectFailed') : 'DisconnectFailed';
    const message = describeFailure(failure);
    s.disconnect.failed({ type, message });
    s.progress.error(message);
    s.progress.enter('ACTIVE', 'The disconnect failed; the service is still managed');
    return undefined;
  } finally {
    s.waitFor(null);
  }
}
