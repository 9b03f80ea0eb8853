// What the service query answers: the service as its workflow knows it, in the public shape of
// domain/service.ts (speeds and times as text, the spend brought up to the workflow's clock).
import type { ServiceView } from '../../domain/service';
import { formatMbps } from '../../domain/speed';
import type { Service } from './state';

/** The service query's answer. */
export function serviceView(s: Service): ServiceView {
  return {
    serviceId: s.serviceId,
    requestId: s.plan.requestId ?? null,
    customerNumber: s.plan.customerNumber,
    status: s.status,
    speed: s.facts.mbps === undefined ? null : formatMbps(s.facts.mbps),
    masterSiteId: s.facts.masterSiteId ?? null,
    partnerId: s.facts.partnerId ?? null,
    pendingChanges: s.changes.pending(),
    revert: s.revert ? { speed: formatMbps(s.revert.mbps), at: new Date(s.revert.at).toISOString() } : null,
    lastChange: s.changes.lastChange,
    changesToday: s.orders.today,
    waiting: s.waiting
      ? {
          until: s.waiting.until === undefined ? null : new Date(s.waiting.until).toISOString(),
          reason: s.waiting.reason,
        }
      : null,
    lastCheckedAt: s.lumen.checkedAt,
    lumenStatus: s.lumen.status,
    spend: s.account.view(Date.now()),
    budget: budgetView(s),
    history: s.progress.history(),
  };
}

function budgetView(s: Service): ServiceView['budget'] {
  const budget = s.account.budget;
  if (budget === null) return null;
  return {
    monthlyBudgetUsd: budget.monthlyCents / 100,
    floorSpeed: budget.floorMbps === null ? null : formatMbps(budget.floorMbps),
  };
}
