// A deliberately incompatible edit of the workflows, for the negative replay test: each sleeps before
// anything else, a command the recorded histories never saw.
import { sleep } from '@temporalio/workflow';
import type { ProvisioningRequestInput } from '../../domain/request';
import type { ScheduledChangeInput, ServiceInput } from '../../domain/service';
import { applyScheduledBandwidth as firing } from '../../workflows/calendar/scheduled-change';
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
