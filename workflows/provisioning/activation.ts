// Step AWAIT_ACTIVATION: the order is watched to its end (../orders/watch.ts) until the request's
// activation timeout. Every state Lumen reports is recorded; completed activates, failed, rejected and
// cancelled fail the provisioning.
import { formatDuration } from '../../domain/duration';
import { provisioningFailure } from '../failures';
import { watchOrder } from '../orders/watch';
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
  progress.enter('AWAIT_ACTIVATION', `Order ${named} placed; waiting up to ${timeout} for activation`);
  const deadline = Date.now() + request.activationTimeout;
  const watch = {
    customerNumber: request.customerNumber,
    externalId: request.requestId,
    orderId: order.orderId,
    until: 'active' as const,
    pollIntervalMs: request.pollInterval,
  };
  const outcome = await watchOrder({ ...watch, deadline }, p.events, (problem) => progress.error(problem));
  let serviceId = outcome.serviceId ?? order.serviceId;
  const service = serviceId ? `, service ${serviceId}` : '';

  if (outcome.outcome === 'timedOut') {
    const last = order.orderId ? p.events.lastState(order.orderId) : undefined;
    throw provisioningFailure(
      'ActivationTimedOut',
      `Order ${named}${service} (${p.description}) was not active ${timeout} after it was placed ` +
        `(${last ? `Lumen last reported "${last}"` : 'no word from Lumen'}); the order was left in place`,
      { orderId: order.orderId, serviceId },
    );
  }
  if (outcome.outcome === 'failed') {
    throw provisioningFailure(
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
      throw provisioningFailure(
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
