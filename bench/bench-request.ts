// The provisioning a bench starts: the sandbox's customer at Lumen's example site, named for the bench.
import type { ProvisioningRequestInput } from '../domain/request';
import { SANDBOX_CUSTOMER } from '../sandbox/seed';
import { provisioningRequest } from '../test/env/requests';

export function benchRequest(
  requestId: string,
  customerServiceName: string,
  overrides: Partial<ProvisioningRequestInput> = {},
): ProvisioningRequestInput {
  return provisioningRequest({ requestId, customerNumber: SANDBOX_CUSTOMER, customerServiceName, ...overrides });
}
