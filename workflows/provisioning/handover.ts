// Past the provisioning, the service stays managed by its own workflow (iod-service-<serviceId>),
// started through a (local) activity so it is no child of the provisioning and outlives it on its own.
// A service another client adopted already keeps its workflow. An active service is handed over with what
// the provisioning knows of it, so its workflow starts without reading inventory.
import type { ServiceInput } from '../../domain/service';
import { temporalCallsLocally } from '../shared/activity-proxies';
import type { Provisioning } from './state';

/** How the service is handed over: active (at the quoted price) or with its add order still pending. */
export type HandOver =
  { active: { at: string; hourlyCents: number } } | { pendingOrder: NonNullable<ServiceInput['pendingOrder']> };

/** Starts the service's workflow; returns its id. */
export async function handOver(p: Provisioning, serviceId: string, how: HandOver): Promise<string> {
  const { request } = p;
  const pendingOrder = 'pendingOrder' in how ? how.pendingOrder : undefined;
  const handedOver = 'active' in how ? whatIsKnown(p, how.active) : undefined;
  const { workflowId, started } = await temporalCallsLocally.startServiceManagement({
    serviceId,
    customerNumber: request.customerNumber,
    requestId: request.requestId,
    pollInterval: request.pollInterval,
    ...(pendingOrder ? { pendingOrder } : {}),
    ...(handedOver ? { handedOver } : {}),
    ...(request.monthlyBudgetUsd === undefined ? {} : { monthlyBudgetUsd: request.monthlyBudgetUsd }),
  });
  p.progress.record(
    started
      ? `Service ${serviceId} is managed from now on by ${workflowId}`
      : `Service ${serviceId} was already managed by ${workflowId}`,
  );
  p.progress.serviceManagedBy(workflowId);
  return workflowId;
}

/** What the service's workflow would otherwise read from inventory: known here once the service is active. */
function whatIsKnown(p: Provisioning, active: { at: string; hourlyCents: number }): ServiceInput['handedOver'] {
  if (!p.site || !p.partner || !p.billingAccount) return undefined;
  return {
    bandwidthMbps: p.mbps,
    masterSiteId: p.site.masterSiteId,
    partnerId: p.partner.id,
    billingAccount: { id: p.billingAccount.id, name: p.billingAccount.name },
    inventoryLagMs: p.settings.inventoryLagMs,
    ...(p.settings.notifications === undefined ? {} : { notifications: p.settings.notifications }),
    hourlyCents: active.hourlyCents,
    activatedAt: active.at,
  };
}
