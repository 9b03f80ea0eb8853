// A deliberately incompatible edit of the workflows, for the negative replay test: each sleeps before
// anything else, a command the recorded histories never saw.
import { sleep } from '@temporalio/workflow';
import type { ProvisioningRequestInput } from '../../domain/request';
import type { AdoptAllInput, ScheduledChangeInput, ServiceInput } from '../../domain/service';
import { adoptCustomerServices as adoptAll } from '../../workflows/adopt/adopt-all';
import { quoteInternetOnDemand as quote } from '../../workflows/quote/quote';
import { reconcileManagedServices as sweep } from '../../workflows/reconcile/sweep';
import { applyScheduledBandwidth as firing } from '../../workflows/bandwidth-schedule/scheduled-change';
import { manageInternetOnDemandService as service } from '../../workflows/service/service';
import { provisionInternetOnDemand as provisioning } from '../../workflows/provisioning/provisioning';

export async function provisionInternetOnDemand(input: ProvisioningRequestInput) {
  await sleep('1 second');
  return provisioning(input);
}

export async function manageInternetOnDemandService(input: ServiceInput) {
  await sleep('1 second');
  return service(input);
}

export async function applyScheduledBandwidth(input: ScheduledChangeInput) {
  await sleep('1 second');
  return firing(input);
}

export async function quoteInternetOnDemand(input: ProvisioningRequestInput) {
  await sleep('1 second');
  return quote(input);
}

export async function reconcileManagedServices() {
  await sleep('1 second');
  return sweep();
}

export async function adoptCustomerServices(input: AdoptAllInput) {
  await sleep('1 second');
  return adoptAll(input);
}
