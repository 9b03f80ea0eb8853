// A deliberately incompatible edit of the provisioning workflow, for the negative replay test: it
// sleeps before looking for the partner, a command the recorded histories never saw.
import { sleep } from '@temporalio/workflow';
import type { ProvisioningRequestInput } from '../../domain/request';
import type { ProvisioningResult } from '../../domain/status';
import { provisionInternetOnDemand as original } from '../../workflows/provisioning/provisioning';

export async function provisionInternetOnDemand(input: ProvisioningRequestInput): Promise<ProvisioningResult> {
  await sleep('1 second');
  return original(input);
}
