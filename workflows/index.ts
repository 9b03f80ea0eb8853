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

type AnyFunction = (...args: never[]) => unknown;

/**
 * `name` of the module `load` returns, loaded on the first call. The door carries the workflow's name
 * (a client given the function takes its name as the workflow type) and its signature.
 */
function door<Module, Name extends keyof Module & string>(load: () => Module, name: Name): Module[Name] {
  const named = {
    [name]: (...args: never[]) => (load()[name] as AnyFunction)(...args),
  };
  return named[name] as Module[Name];
}

export const provisionInternetOnDemand = door(
  () => require('./provisioning/provisioning') as typeof Provisioning,
  'provisionInternetOnDemand',
);
export const manageInternetOnDemandService = door(
  () => require('./service/service') as typeof Service,
  'manageInternetOnDemandService',
);
export const quoteInternetOnDemand = door(() => require('./quote/quote') as typeof Quote, 'quoteInternetOnDemand');
export const applyScheduledBandwidth = door(
  () => require('./bandwidth-schedule/scheduled-change') as typeof ScheduledChange,
  'applyScheduledBandwidth',
);
export const deliverNotification = door(
  () => require('./notifications/deliver') as typeof Deliver,
  'deliverNotification',
);
export const reconcileManagedServices = door(
  () => require('./reconcile/sweep') as typeof Sweep,
  'reconcileManagedServices',
);
export const adoptCustomerServices = door(() => require('./adopt/adopt-all') as typeof Adopt, 'adoptCustomerServices');
