// A valid request as a backend would send it (durations as text), with per-test overrides.
import type { ProvisioningRequestInput } from '../../domain/request';

export function sampleRequest(overrides: Partial<ProvisioningRequestInput> = {}): ProvisioningRequestInput {
  return {
    requestId: 'EXT-000027740',
    customerNumber: '1-ABCDE',
    partner: 'Equinix',
    site: { masterSiteId: 'PL0001247634' },
    speed: '100 Mbps',
    ipv4BlockSize: '/29',
    customerServiceName: 'My First NaaS',
    contact: {
      name: 'First Last',
      email: 'first.last@example.com',
      phone: '+16157691234',
      organization: 'Org Name',
    },
    activationTimeout: '72 hours',
    pollInterval: '1 second',
    ...overrides,
  };
}

let counter = 0;

/** A request id no other test in this process used: ids are single-use by design. */
export function uniqueRequestId(prefix = 'T'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`.slice(0, 20);
}
