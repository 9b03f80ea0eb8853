// The workflows this worker registers.
export { applyScheduledBandwidth } from './calendar/scheduled-change';
export { provisionInternetOnDemand } from './provisioning/provisioning';
export { manageInternetOnDemandService } from './service/service';
export { reconcileManagedServices } from './reconcile/sweep';
export { adoptCustomerServices } from './adopt/adopt-all';
