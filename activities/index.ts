// The workflows' activities, one Lumen call each, built from injected dependencies.
import { chooseBillingAccountActivity } from './billing';
import type { ActivityDeps } from './deps';
import { disconnectServiceActivity } from './disconnect';
import { checkOrderSettledActivity, findOrderedServiceActivity } from './inventory';
import { browseLocationsActivity } from './locations';
import { placeOrderActivity } from './order';
import { requestPriceActivity } from './price';
import { findProviderActivity } from './providers';
import { qualifySpeedActivity } from './qualify';
import { applyBandwidthChangeActivity, removeServiceSchedulesActivity } from './bandwidth-schedules';
import { startServiceManagementActivity } from './handover';
import { modifyBandwidthActivity } from './modify';
import { sendNotificationActivity, startNotificationActivity } from './notify';
import { acceptRequestActivity, readSettingsActivity } from './request';
import { findServiceActivity, readServiceActivity } from './service';
import { sweepInventoryActivity } from './reconcile';
import { adoptAllServicesActivity } from './adopt-all';

export function createActivities(deps: ActivityDeps) {
  const temporalClient =
    deps.temporalClient ?? (() => Promise.reject(new Error('no Temporal client was given to the activities')));
  return {
    acceptRequest: acceptRequestActivity(deps),
    readSettings: readSettingsActivity(deps),
    findProvider: findProviderActivity(deps),
    browseLocations: browseLocationsActivity(deps),
    qualifySpeed: qualifySpeedActivity(deps),
    requestPrice: requestPriceActivity(deps),
    chooseBillingAccount: chooseBillingAccountActivity(deps),
    placeOrder: placeOrderActivity(deps),
    findOrderedService: findOrderedServiceActivity(deps),
    checkOrderSettled: checkOrderSettledActivity(deps),
    disconnectService: disconnectServiceActivity(deps),
    readService: readServiceActivity(deps),
    findService: findServiceActivity(deps),
    modifyBandwidth: modifyBandwidthActivity(deps),
    applyBandwidthChange: applyBandwidthChangeActivity({ temporalClient, logger: deps.logger }),
    startServiceManagement: startServiceManagementActivity({ temporalClient }),
    removeServiceSchedules: removeServiceSchedulesActivity({ temporalClient }),
    startNotification: startNotificationActivity({ temporalClient }),
    sendNotification: sendNotificationActivity(deps),
    sweepInventory: sweepInventoryActivity({ ...deps, temporalClient }),
    adoptAllServices: adoptAllServicesActivity({ lumen: deps.lumen, temporalClient }),
  };
}

export type ProvisioningActivities = ReturnType<typeof createActivities>;

export type { ActivityDeps, ActivityLogger, Clock } from './deps';
export { DEFAULT_INVENTORY_LAG_MS, systemClock } from './deps';
export type { InternalFailureType, RetryHint } from './failure-types';
export type { ChosenBillingAccount } from './billing';
export type { DisconnectInput, DisconnectResult } from './disconnect';
export type { FindServiceInput, ServicePhase, ServiceSnapshot, SettleCheckInput, SettledOrder } from './inventory';
export type { OrderEvidence, PlaceOrderInput, PlaceOrderResult } from './order';
export type { ModifyBandwidthInput, ModifyBandwidthResult } from './modify';
export type { ReadServiceInput, ServiceDetails } from './service';
export type { ApplyBandwidthChangeInput } from './bandwidth-schedules';
export type { ServiceHandOver } from './handover';
export type { SweepSummary } from './reconcile';
export type { QuoteResult } from './price';
export type { AcceptedRequest, ProvisioningSettings } from './request';
export type { SiteChoice, SiteCriteria } from './locations';
export type { QualifiedSpeed } from './qualify';
