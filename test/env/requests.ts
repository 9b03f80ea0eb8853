// Provisioning requests for tests, as a backend would send them (durations as text).
import type { ProvisioningRequestInput } from '../../domain/request';

export function provisioningRequest(overrides: Partial<ProvisioningRequestInput> = {}): ProvisioningRequestInput {
  return {
    requestId: 'EXT-000027740',
    customerNumber: '1-ABCDE',
    partner: 'Equinix',
    site: { masterSiteId: 'PL0001247634' },
    speed: '100 Mbps',
    ipv4BlockSize: '/29',
    customerServiceName: 'My First NaaS',
    contact: { name: 'First Last', email: 'first.last@example.com', phone: '+16157691234', organization: 'Org Name' },
    ...overrides,
  };
}

let counter = 0;

/** A request id unused in this process: ids are single-use by design. */
export function freshRequestId(prefix = 'W'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`.slice(0, 20);
}
