// adoptCustomerServices: `lumen-iod adopt --all --customer C` as a short workflow, because reading
// Lumen's inventory needs the credentials only the worker holds. One activity pages the inventory and
// starts the service workflows (../../activities/adopt-all.ts); the result lists adopted and skipped.
import type { AdoptAllInput, AdoptAllResult } from '../../domain/service';
import { sweeps } from '../shared/activity-proxies';

export async function adoptCustomerServices(input: AdoptAllInput): Promise<AdoptAllResult> {
  return sweeps.adoptAllServices(input);
}
