// The service's events for people. change.failed here; the outside-change and budget events use the
// same notify() with the service's settings.
import type { ChangeRequest } from '../../domain/service';
import { formatMbps } from '../../domain/speed';
import { notify } from '../notifications/notify';
import type { Service } from './state';

export async function announceChangeFailed(
  s: Service,
  change: ChangeRequest,
  previousMbps: number | undefined,
  failure: { type: string; message: string },
): Promise<void> {
  const target = formatMbps(change.mbps);
  const from = previousMbps === undefined ? 'its speed' : formatMbps(previousMbps);
  await notify(
    s.settings,
    {
      type: 'change.failed',
      key: change.changeId,
      customerNumber: s.plan.customerNumber,
      ...(s.plan.requestId ? { requestId: s.plan.requestId } : {}),
      serviceId: s.serviceId,
      summary:
        `Change ${change.changeId} of service ${s.serviceId} (${from} → ${target}) failed (${failure.type}): ` +
        `${failure.message}; the service is unchanged`,
      details: {
        changeId: change.changeId,
        speed: target,
        previousSpeed: previousMbps === undefined ? null : formatMbps(previousMbps),
        failureType: failure.type,
        message: failure.message,
        workflowId: s.workflowId,
      },
    },
    s.progress,
  );
}

export async function announceChangedOutside(s: Service, fromMbps: number, toMbps: number): Promise<void> {
  await notify(
    s.settings,
    {
      type: 'service.changedOutside',
      key: `${s.lumen.checkedAt ?? 'now'}`,
      ...about(s),
      summary: `Service ${s.serviceId} was changed outside the project: ${formatMbps(fromMbps)} → ${formatMbps(toMbps)}`,
      details: {
        previousSpeed: formatMbps(fromMbps),
        speed: formatMbps(toMbps),
        lumenStatus: s.lumen.status,
        hourlyUsd: s.account.view(Date.now())?.hourlyUsd ?? null,
        workflowId: s.workflowId,
      },
    },
    s.progress,
  );
}

export async function announceDisconnectedOutside(s: Service, why: string): Promise<void> {
  await notify(
    s.settings,
    {
      type: 'service.disconnectedOutside',
      ...about(s),
      summary: `Service ${s.serviceId} was disconnected outside the project (${why}); nothing was ordered`,
      details: { reason: why, lumenStatus: s.lumen.status, workflowId: s.workflowId },
    },
    s.progress,
  );
}

export async function announceBudgetExceeded(
  s: Service,
  exceeded: { projectedUsd: string; budgetUsd: string },
  floorMbps: number | null,
): Promise<void> {
  const month = new Date().toISOString().slice(0, 7);
  await notify(
    s.settings,
    {
      type: 'budget.exceeded',
      key: month,
      ...about(s),
      summary:
        `Service ${s.serviceId} is projected at $${exceeded.projectedUsd} for ${month}, above its budget of ` +
        `$${exceeded.budgetUsd}` +
        (floorMbps === null ? '' : `; lowering it to ${formatMbps(floorMbps)}`),
      details: {
        month,
        projectedMonthUsd: exceeded.projectedUsd,
        monthlyBudgetUsd: exceeded.budgetUsd,
        speed: s.facts.mbps === undefined ? null : formatMbps(s.facts.mbps),
        floorSpeed: floorMbps === null ? null : formatMbps(floorMbps),
        workflowId: s.workflowId,
      },
    },
    s.progress,
  );
}

function about(s: Service) {
  return {
    customerNumber: s.plan.customerNumber,
    ...(s.plan.requestId ? { requestId: s.plan.requestId } : {}),
    serviceId: s.serviceId,
  };
}
