// The provisioning's activities, one Lumen call each, built from injected dependencies.
import { chooseBillingAccountActivity } from './billing';
import type { ActivityDeps } from './deps';
import { disconnectServiceActivity } from './disconnect';
import { checkActivationActivity, findOrderedServiceActivity } from './inventory';
import { placeOrderActivity } from './orders';
import { findPartnerActivity } from './partners';
import { requestQuoteActivity } from './quotes';
import { findSitesActivity } from './sites';
import { qualifySpeedActivity } from './speeds';

export function createActivities(deps: ActivityDeps) {
  return {
    findPartner: findPartnerActivity(deps),
    findSites: findSitesActivity(deps),
    qualifySpeed: qualifySpeedActivity(deps),
    requestQuote: requestQuoteActivity(deps),
    chooseBillingAccount: chooseBillingAccountActivity(deps),
    placeOrder: placeOrderActivity(deps),
    findOrderedService: findOrderedServiceActivity(deps),
    checkActivation: checkActivationActivity(deps),
    disconnectService: disconnectServiceActivity(deps),
  };
}

export type ProvisioningActivities = ReturnType<typeof createActivities>;

export type { ActivityDeps, ActivityLogger, Clock } from './deps';
export { systemClock } from './deps';
export type { InternalFailureType, RetryHint } from './failure-types';
export type { ChosenBillingAccount } from './billing';
export type { DisconnectInput, DisconnectResult } from './disconnect';
export type { ActivationOutcome, FindServiceInput, ServicePhase, ServiceSnapshot } from './inventory';
export type { PlaceOrderInput, PlaceOrderResult } from './orders';
export type { QuoteResult } from './quotes';
export type { SiteChoice, SiteCriteria } from './sites';
export type { QualifiedSpeed } from './speeds';
