// A valid request for the client and CLI tests: activation is polled every second by default.
import type { ProvisioningRequestInput } from '../../domain/request';
import { freshRequestId, provisioningRequest } from '../env/requests';

export function sampleRequest(overrides: Partial<ProvisioningRequestInput> = {}): ProvisioningRequestInput {
  return provisioningRequest({ activationTimeout: '72 hours', pollInterval: '1 second', ...overrides });
}

/** A request id no other test in this process used: ids are single-use by design. */
export const uniqueRequestId = (prefix = 'T'): string => freshRequestId(prefix);
