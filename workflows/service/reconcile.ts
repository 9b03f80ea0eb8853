// Lumen is not the only writer: the service is changed in Lumen's portal, by other tools, by Lumen itself.
// What inventory shows wins: a different speed or status is adopted and said to be changed outside the
// project; Inactive, or no longer listed after the inventory lag, ends the workflow as disconnected
// outside. Learned from the sweep's notice (see ../reconcile/sweep.ts), from the workflow's own read
// when Lumen names an order it did not place, and from the read before each change.
import { allHandlersFinished, condition, sleep } from '@temporalio/workflow';
import type { ServiceDetails } from '../../activities';
import type { DisconnectResult, ServiceStatusName } from '../../domain/service';
import { sameLumenStatus, type ServicePhase } from '../../domain/service-names';
import { formatMbps } from '../../domain/speed';
import { temporalCalls } from '../shared/activity-proxies';
import { keepTrying } from '../shared/keep-trying';
import { checkBudget, learnPrice } from './budget';
import { announceChangedOutside, announceDisconnectedOutside } from './notifications';
import type { Service } from './state';

/** What inventory shows of the service; null when it does not list it. */
export type Seen = Pick<ServiceDetails, 'status' | 'phase' | 'bandwidthMbps'> &
  Partial<Pick<ServiceDetails, 'masterSiteId' | 'partnerId' | 'billingAccount'>>;

/** The workflow's own inventory read. */
export async function lookAtService(s: Service): Promise<Seen | null> {
  return keepTrying(s.progress, 'inventory check', (reads) =>
    reads.findService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
  );
}

/** Between changes: take in the sweep's notice, or read inventory because Lumen named an outside order. */
export async function reconcile(s: Service): Promise<DisconnectResult | undefined> {
  const work = s.lumen.takeReconcileWork();
  if (!work) return undefined;
  const { notice, look } = work;
  let seen: Seen | null;
  if (look) {
    seen = await lookAtService(s);
  } else if (notice && Date.parse(notice.readAt) >= s.lumen.learnedAt) {
    seen = notice.row && {
      status: notice.row.status,
      phase: notice.row.phase,
      ...(notice.row.mbps === null ? {} : { bandwidthMbps: notice.row.mbps }),
    };
  } else {
    return undefined; // read before what the workflow learned since (its own order, its own read)
  }
  if (notice) s.lumen.republish();
  const gone = await takeIn(s, seen);
  return gone === undefined ? undefined : endOutside(s, gone);
}

/**
 * Adopts what inventory shows: the service's state follows Lumen's (status, speed, Lumen's word) and the
 * history says what changed. Returns why the service is gone when it is (the caller ends the workflow).
 */
export async function takeIn(s: Service, seen: Seen | null): Promise<string | undefined> {
  if (seen === null) {
    // Never listed (still pending activation, or inventory lagging behind): not gone.
    if (!s.lumen.listed) return undefined;
    seen = await confirmGone(s);
    if (seen === null) return `inventory no longer lists service ${s.serviceId}`;
  }
  const phase = seen.phase;
  if (phase === 'disconnected') {
    s.learn(seen.status, true);
    return `Lumen shows service ${s.serviceId} "${seen.status}"`;
  }
  const before = s.facts.mbps;
  const beforeStatus = s.lumen.status;
  s.know(seen);
  s.learn(seen.status, true);
  const speedChanged = seen.bandwidthMbps !== undefined && before !== undefined && seen.bandwidthMbps !== before;
  const statusChanged = beforeStatus !== null && !sameLumenStatus(beforeStatus, seen.status);
  if (speedChanged) {
    s.progress.record(`Changed outside the project: ${formatMbps(before)} → ${formatMbps(seen.bandwidthMbps!)}`);
    // The speed someone chose elsewhere is not undone by a burst's revert.
    s.cancelRevert(': the speed was changed outside');
  }
  const status = statusFor(phase, s.status);
  const said = `Lumen shows the service "${seen.status}"${statusChanged ? ` (was "${beforeStatus}")` : ''}`;
  if (status !== s.status) s.progress.enter(status, `${said}: changed outside the project`);
  else if (statusChanged) s.progress.record(`${said}: changed outside the project`);
  if (speedChanged) {
    // Charged from now at the site's list price for the speed Lumen shows.
    await learnPrice(s);
    await announceChangedOutside(s, before, seen.bandwidthMbps!);
    await checkBudget(s);
  }
  return undefined;
}

/** The project's five statuses from Lumen's word; Lumen's own (e.g. Suspended) is kept as lumenStatus. */
function statusFor(phase: ServicePhase, current: ServiceStatusName): ServiceStatusName {
  switch (phase) {
    case 'changing':
      return 'CHANGING';
    case 'disconnecting':
      return 'DISCONNECTING';
    case 'pending':
      return current;
    default:
      return 'ACTIVE';
  }
}

/** Inventory may lag: a service once listed is gone only if it is still missing that long later. */
async function confirmGone(s: Service): Promise<Seen | null> {
  s.progress.record(
    `Inventory does not list service ${s.serviceId}; looking again after ${formatLag(s.settings.inventoryLagMs)}`,
  );
  if (s.settings.inventoryLagMs > 0) await sleep(s.settings.inventoryLagMs);
  return lookAtService(s);
}

function formatLag(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${Math.round(ms / 1000)} seconds`;
}

/** Disconnected outside the project: no order, calendars removed, queued changes refused, the workflow ends. */
export async function endOutside(s: Service, why: string): Promise<DisconnectResult> {
  s.account.charge(Date.now(), 0, s.facts.mbps);
  const result: DisconnectResult = {
    status: 'DISCONNECTED',
    orderId: null,
    disconnectedAt: new Date().toISOString(),
    outside: true,
    spend: s.account.view(Date.now()),
  };
  s.cancelRevert();
  s.changes.refuseQueued(`service ${s.serviceId} was disconnected outside the project (${why})`);
  s.disconnect.done(result); // a disconnect asked meanwhile is answered by this end
  s.progress.enter('DISCONNECTED', `Disconnected outside the project: ${why}; nothing ordered`);
  await announceDisconnectedOutside(s, why);
  // Its bandwidth calendars would only fire at a service that is gone.
  const removed = await temporalCalls.removeServiceSchedules({ serviceId: s.serviceId });
  if (removed.length > 0) s.progress.record(`Bandwidth calendars removed: ${removed.join(', ')}`);
  await condition(allHandlersFinished);
  return result;
}
