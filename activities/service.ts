// The service as Lumen's inventory shows it: what the service workflow manages (speed, site, partner,
// billing account), read when it starts and whenever it needs to look again.
import type { InventoryService } from '../lumen/api';
import { LumenApiError } from '../lumen/errors';
import type { ActivityDeps } from './deps';
import { businessFailure, unavailable } from './failures';
import { phaseOf, type ServicePhase } from './inventory';

export interface ReadServiceInput {
  customerNumber: string;
  serviceId: string;
}

export interface ServiceDetails {
  serviceId: string;
  /** Lumen's words, e.g. "Active", "Change Pending". */
  status: string;
  phase: ServicePhase;
  bandwidthMbps?: number;
  masterSiteId?: string;
  partnerId?: string;
  billingAccount?: { id: string; name: string };
  externalId?: string;
  orderId?: string;
}

export function readServiceActivity(deps: ActivityDeps) {
  return async function readService(input: ReadServiceInput): Promise<ServiceDetails> {
    const details = await lookUpService(deps, input);
    if (!details) {
      throw businessFailure(
        'ServiceNotFound',
        `Lumen's inventory has no Internet service ${input.serviceId} for customer ${input.customerNumber}`,
      );
    }
    return details;
  };
}

/** The same read, answering null when inventory does not list the service (it may be gone, or not there yet). */
export function findServiceActivity(deps: ActivityDeps) {
  return async function findService(input: ReadServiceInput): Promise<ServiceDetails | null> {
    return (await lookUpService(deps, input)) ?? null;
  };
}

async function lookUpService({ lumen }: ActivityDeps, input: ReadServiceInput): Promise<ServiceDetails | undefined> {
  let service: InventoryService | undefined;
  try {
    const services = await lumen.listInventory(input.customerNumber, {
      serviceId: input.serviceId,
      serviceType: 'Internet',
    });
    service = services.find((candidate) => candidate.serviceId === input.serviceId);
  } catch (error) {
    if (error instanceof LumenApiError) throw unavailable(error);
    throw error;
  }
  return service && detailsOf(service);
}

/** An inventory row in the workflows' terms. */
export function detailsOf(service: InventoryService): ServiceDetails {
  return {
    serviceId: service.serviceId,
    status: service.status,
    phase: phaseOf(service.status),
    ...(service.bandwidthMbps === undefined ? {} : { bandwidthMbps: service.bandwidthMbps }),
    ...(service.masterSiteId ? { masterSiteId: service.masterSiteId } : {}),
    ...(service.partnerId ? { partnerId: service.partnerId } : {}),
    ...(service.billingAccountId
      ? {
          billingAccount: {
            id: service.billingAccountId,
            name: service.billingAccountName ?? service.billingAccountId,
          },
        }
      : {}),
    ...(service.externalId ? { externalId: service.externalId } : {}),
    ...(service.orderId ? { orderId: service.orderId } : {}),
  };
}
