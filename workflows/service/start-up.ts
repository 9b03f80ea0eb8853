// A service's workflow starts from what its provisioning handed over, or else from what inventory shows:
// active (managed from here), pending activation or a change in flight (watched until it ends),
// disconnecting or gone (nothing left to manage), or failed to activate (a typed failure).
import { workflowInfo } from '@temporalio/workflow';
import { HANDED_OVER_STATUS } from '../../domain/handed-over';
import type { DisconnectResult } from '../../domain/service';
import { formatMbps } from '../../domain/speed';
import { recordedLocally } from '../shared/activity-proxies';
import { asTypedFailure, typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { watchOrder } from '../shared/lumen-orders/watch';
import { learnPrice } from './budget';
import type { Service } from './state';

/** How long a service still pending activation is watched. */
const ACTIVATION_WATCH_MS = 30 * 24 * 3_600_000;

/** What inventory says the service is, or what its provisioning handed over; a result when it is over already. */
export async function begin(s: Service): Promise<DisconnectResult | undefined> {
  const handedOver = s.plan.handedOver;
  if (handedOver) {
    // The provisioning has just seen the service active (Lumen's completed event, or inventory): reading
    // inventory again would tell nothing it does not know, and would cost every provisioning a Lumen
    // call and two local activities more. A change asks inventory again right before its order goes out.
    s.planWith({ inventoryLagMs: handedOver.inventoryLagMs, notifications: handedOver.notifications });
    s.know(handedOver);
    if (handedOver.hourlyCents !== undefined) {
      // Charged from activation at the price the provisioning's order was quoted; published with what
      // the workflow learned of Lumen, in one memo upsert.
      const activatedAt = handedOver.activatedAt === undefined ? Date.now() : Date.parse(handedOver.activatedAt);
      s.account.charge(activatedAt, handedOver.hourlyCents, handedOver.bandwidthMbps, true);
    }
    // The hand-over started this run with the memo this publishes (domain/handed-over.ts): then no upsert.
    s.learn(HANDED_OVER_STATUS, true, workflowInfo().memo);
    if (handedOver.hourlyCents === undefined) await learnPrice(s); // the site's list price from now
    const by = s.plan.requestId ? `provisioning ${s.plan.requestId}` : 'its provisioning';
    s.progress.enter(
      'ACTIVE',
      `Service ${s.serviceId} is active at ${formatMbps(handedOver.bandwidthMbps)}, handed over by ${by}`,
    );
    return undefined;
  }
  s.planWith(await recordedLocally.readSettings());
  const details = await keepTrying(s.progress, 'service lookup', (reads) =>
    reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
  ).catch((error: unknown) => {
    throw asTypedFailure(error);
  });
  s.know(details);
  s.learn(details.status, true);
  const speed = details.bandwidthMbps === undefined ? 'unknown bandwidth' : formatMbps(details.bandwidthMbps);
  const seen = `Inventory shows service ${s.serviceId} "${details.status}" at ${speed}`;
  switch (details.phase) {
    case 'pending':
      s.progress.enter('PENDING_ACTIVATION', `${seen}: watching it until it is active`);
      return watchUntilActive(s);
    case 'changing':
      s.progress.enter('CHANGING', `${seen}: waiting for the change in flight to finish`);
      return watchUntil(s, 'active');
    case 'disconnecting':
      s.progress.enter('DISCONNECTING', `${seen}: waiting for it to be gone`);
      return watchUntil(s, 'inactive');
    case 'disconnected':
      s.progress.enter('DISCONNECTED', `${seen}: nothing left to manage`);
      return { status: 'DISCONNECTED', orderId: null, disconnectedAt: new Date().toISOString() };
    case 'activationFailed':
      throw typedFailure('ActivationFailed', `${seen}: it never came up, so there is nothing to manage`);
    default:
      s.progress.enter('ACTIVE', seen);
      await learnPrice(s);
      return undefined;
  }
}

async function watchUntilActive(s: Service): Promise<DisconnectResult | undefined> {
  const pending = s.plan.pendingOrder;
  const outcome = await watchOrder(
    {
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      orderId: pending?.orderId,
      until: 'active',
      pollIntervalMs: s.plan.pollInterval,
      deadline: Date.now() + ACTIVATION_WATCH_MS,
    },
    s.events,
    (problem) => s.progress.error(problem),
  );
  if (outcome.outcome !== 'completed') {
    const why =
      outcome.outcome === 'failed' ? `Lumen failed it (${outcome.reason ?? 'no reason'})` : 'it never came up';
    throw typedFailure('ActivationFailed', `Service ${s.serviceId} was not activated: ${why}`);
  }
  await reread(s);
  s.progress.enter('ACTIVE', `Service ${s.serviceId} is active (${outcome.source})`);
  await learnPrice(s);
  return undefined;
}

async function watchUntil(s: Service, until: 'active' | 'inactive'): Promise<DisconnectResult | undefined> {
  const outcome = await watchOrder(
    {
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      until,
      pollIntervalMs: s.plan.pollInterval,
      deadline: Date.now() + ACTIVATION_WATCH_MS,
    },
    s.events,
    (problem) => s.progress.error(problem),
  );
  if (until === 'inactive' && outcome.outcome === 'completed') {
    s.progress.enter('DISCONNECTED', `Service ${s.serviceId} is Inactive`);
    return { status: 'DISCONNECTED', orderId: null, disconnectedAt: outcome.at };
  }
  await reread(s);
  s.progress.enter('ACTIVE', `Service ${s.serviceId} is ${outcome.reason ?? 'settled'}`);
  await learnPrice(s);
  return undefined;
}

async function reread(s: Service): Promise<void> {
  const details = await keepTrying(s.progress, 'service lookup', (reads) =>
    reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
  );
  s.know(details);
  s.learn(details.status, true);
}
