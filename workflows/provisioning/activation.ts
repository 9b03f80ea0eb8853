// Step AWAIT_ACTIVATION: the order is watched to its end (../shared/lumen-orders/watch.ts) until the request's
// activation timeout. Every state Lumen reports is recorded; completed activates, failed, rejected and
// cancelled fail the provisioning.
import { formatDuration } from '../../domain/duration';
import { typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { watchOrder } from '../shared/lumen-orders/watch';
import { handOver } from './handover';
import type { PlacedOrder, Provisioning } from './state';

export interface ActiveService {
  serviceId: string;
  /** ISO workflow time when activation was decided. */
  at: string;
}

export async function awaitActivation(p: Provisioning, order: PlacedOrder): Promise<ActiveService> {
  const { request, progress } = p;
  const timeout = formatDuration(request.activationTimeout);
  const named = order.orderId ?? `for service ${order.serviceId}`;
  // Lumen's event came with the order's answer: the outcome is known now and nothing is waited for.
  const heard = order.orderId === undefined ? undefined : p.events.endOf(order.orderId);
  const decided = heard !== undefined && (heard.end === 'failed' || (heard.serviceId ?? order.serviceId) !== undefined);
  progress.enter('AWAIT_ACTIVATION', `Order ${named} placed; waiting up to ${timeout} for activation`, decided);
  const deadline = Date.now() + request.activationTimeout;
  const watch = {
    customerNumber: request.customerNumber,
    externalId: request.requestId,
    orderId: order.orderId,
    until: 'active' as const,
    pollIntervalMs: request.pollInterval,
  };
  const outcome = await watchOrder({ ...watch, deadline, justPlaced: true }, p.events, (problem) =>
    progress.error(problem),
  );
  let serviceId = outcome.serviceId ?? order.serviceId;
  const service = serviceId ? `, service ${serviceId}` : '';

  if (outcome.outcome === 'timedOut') {
    const last = order.orderId ? p.events.lastState(order.orderId) : undefined;
    // The order stays in place and watched: the service's own workflow waits for it from here on.
    serviceId ??= await serviceInInventory(p);
    const watched = serviceId
      ? `; the order was left in place and is still watched by ${await handOver(p, serviceId, {
          pendingOrder: { externalId: request.requestId, ...(order.orderId ? { orderId: order.orderId } : {}) },
        })}`
      : '; the order was left in place, and inventory shows no service for it to watch';
    throw typedFailure(
      'ActivationTimedOut',
      `Order ${named}${serviceId ? `, service ${serviceId}` : ''} (${p.description}) was not active ${timeout} after ` +
        `it was placed (${last ? `Lumen last reported "${last}"` : 'no word from Lumen'})${watched}`,
      { orderId: order.orderId, serviceId, serviceWorkflowId: p.progress.status().serviceWorkflowId },
    );
  }
  if (outcome.outcome === 'failed') {
    throw typedFailure(
      'ActivationFailed',
      `Lumen could not activate order ${named}${service} (${p.description}): ${outcome.reason ?? 'no reason given'}`,
      { orderId: order.orderId, serviceId, reason: outcome.reason },
    );
  }
  if (serviceId === undefined) {
    // A completed event that did not name the service: inventory does, possibly after a lag.
    progress.record(`Order ${named} completed; waiting for inventory to name its service`);
    const shown = await watchOrder({ ...watch, orderId: undefined, deadline }, p.events, (problem) =>
      progress.error(problem),
    );
    if (shown.outcome !== 'completed' || shown.serviceId === undefined) {
      throw typedFailure(
        'ActivationTimedOut',
        `Order ${named} (${p.description}) completed, but inventory did not show an active service for it ` +
          `within ${timeout}; the order was left in place`,
        { orderId: order.orderId },
      );
    }
    serviceId = shown.serviceId;
  }
  progress.serviceKnown(serviceId);
  progress.enter('ACTIVE', `Service ${serviceId} is active (${outcome.source})`);
  return { serviceId, at: outcome.at };
}

async function serviceInInventory(p: Provisioning): Promise<string | undefined> {
  const found = await keepTrying(p.progress, 'inventory check', (reads) =>
    reads.findOrderedService({ customerNumber: p.request.customerNumber, externalId: p.request.requestId }),
  );
  return found?.serviceId;
}
