// The workflows this worker registers. Each export is a door that requires its workflow's module when a
// workflow of that type first runs: the worker evaluates this entry module for every workflow it runs (it
// keeps a module cache per workflow), and importing all seven here made every provisioning and every
// service evaluate the other workflows' modules too. A door changes nothing a workflow does, so histories
// replay as before.
/* eslint-disable @typescript-eslint/no-require-imports -- a require() inside a function is what defers the module */
import type * as Adopt from './adopt/adopt-all';
import type * as ScheduledChange from './bandwidth-schedule/scheduled-change';
import type * as Deliver from './notifications/deliver';
import type * as Provisioning from './provisioning/provisioning';
import type * as Quote from './quote/quote';
import type * as Sweep from './reconcile/sweep';
import type * as Service from './service/service';

export function provisionInternetOnDemand(...args: Parameters<typeof Provisioning.provisionInternetOnDemand>) {
  return (require('./provisioning/provisioning') as typeof Provisioning).provisionInternetOnDemand(...args);
}

export function manageInternetOnDemandService(...args: Parameters<typeof Service.manageInternetOnDemandService>) {
  return (require('./service/service') as typeof Service).manageInternetOnDemandService(...args);
}

export function quoteInternetOnDemand(...args: Parameters<typeof Quote.quoteInternetOnDemand>) {
  return (require('./quote/quote') as typeof Quote).quoteInternetOnDemand(...args);
}

export function applyScheduledBandwidth(...args: Parameters<typeof ScheduledChange.applyScheduledBandwidth>) {
  return (require('./bandwidth-schedule/scheduled-change') as typeof ScheduledChange).applyScheduledBandwidth(...args);
}

export function deliverNotification(...args: Parameters<typeof Deliver.deliverNotification>) {
  return (require('./notifications/deliver') as typeof Deliver).deliverNotification(...args);
}

export function reconcileManagedServices(...args: Parameters<typeof Sweep.reconcileManagedServices>) {
  return (require('./reconcile/sweep') as typeof Sweep).reconcileManagedServices(...args);
}

export function adoptCustomerServices(...args: Parameters<typeof Adopt.adoptCustomerServices>) {
  return (require('./adopt/adopt-all') as typeof Adopt).adoptCustomerServices(...args);
}
