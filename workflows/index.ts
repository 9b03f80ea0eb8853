// The workflows this worker registers.
export { applyScheduledBandwidth } from './bandwidth-schedule/scheduled-change';
export { provisionInternetOnDemand } from './provisioning/provisioning';
export { quoteInternetOnDemand } from './quote/quote';
export { manageInternetOnDemandService } from './service/service';
export { deliverNotification } from './notifications/deliver';
export { reconcileManagedServices } from './reconcile/sweep';
export { adoptCustomerServices } from './adopt/adopt-all';
