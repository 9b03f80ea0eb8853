// Step 7 and reconciliation: what Lumen's inventory says about the service our order created.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { InventoryService } from '../lumen/api';
import {
  isActiveStatus,
  isDisconnectedStatus,
  isFailedActivationStatus,
  isFailedDisconnectionStatus,
  isPendingStatus,
  sameStatus,
  SERVICE_STATUS,
} from '../lumen/assumptions';
import { LumenApiError } from '../lumen/errors';
import type { ActivityDeps } from './deps';
import type { ActivationPending } from './failure-types';
import { unavailable } from './failures';

export interface FindServiceInput {
  customerNumber: string;
  /** The provisioning's request id, sent as the order's externalId. */
  externalId: string;
  /** When known, only the service of this order counts. */
  orderId?: string;
}

/** Where the service stands, in the flow's terms (the status words are Lumen's, kept in lumen/assumptions.ts). */
export type ServicePhase =
  'pending' | 'active' | 'activationFailed' | 'disconnecting' | 'disconnected' | 'disconnectionFailed' | 'unknown';

export interface ServiceSnapshot {
  serviceId: string;
  status: string;
  phase: ServicePhase;
  orderId?: string;
}

function phaseOf(status: string): ServicePhase {
  if (isActiveStatus(status)) return 'active';
  if (isFailedActivationStatus(status)) return 'activationFailed';
  if (sameStatus(status, SERVICE_STATUS.disconnectPending)) return 'disconnecting';
  if (isDisconnectedStatus(status)) return 'disconnected';
  if (isFailedDisconnectionStatus(status)) return 'disconnectionFailed';
  if (isPendingStatus(status)) return 'pending';
  return 'unknown';
}

export interface ActivationOutcome {
  outcome: 'active' | 'failed';
  serviceId: string;
  status: string;
}

const PENDING: ActivationPending = 'ActivationPending';

function choose(services: InventoryService[], input: FindServiceInput): InventoryService | undefined {
  const ours = services.filter((s) => s.externalId === undefined || s.externalId === input.externalId);
  if (input.orderId === undefined) return ours[0];
  return ours.find((s) => s.orderId === input.orderId) ?? ours.find((s) => s.orderId === undefined);
}

// Inventory is only ever read: whatever goes wrong, asking again later is safe.
async function lookUp({ lumen }: ActivityDeps, input: FindServiceInput): Promise<InventoryService | undefined> {
  try {
    const services = await lumen.listInventory(input.customerNumber, {
      externalId: input.externalId,
      serviceType: 'Internet',
    });
    return choose(services, input);
  } catch (error) {
    if (error instanceof LumenApiError) throw unavailable(error);
    throw error;
  }
}

/** The service an order with this externalId created, if inventory shows one (check-before-act, reconcile). */
export function findOrderedServiceActivity(deps: ActivityDeps) {
  return async function findOrderedService(input: FindServiceInput): Promise<ServiceSnapshot | null> {
    const service = await lookUp(deps, input);
    if (!service) return null;
    return {
      serviceId: service.serviceId,
      status: service.status,
      phase: phaseOf(service.status),
      orderId: service.orderId,
    };
  };
}

/**
 * One inventory poll. Still pending throws a benign retryable failure: the retry policy
 * (initialInterval = pollInterval, backoffCoefficient 1) does the waiting without adding history events.
 */
export function checkActivationActivity(deps: ActivityDeps) {
  return async function checkActivation(input: FindServiceInput): Promise<ActivationOutcome> {
    const service = await lookUp(deps, input);
    if (service && isActiveStatus(service.status)) {
      return { outcome: 'active', serviceId: service.serviceId, status: service.status };
    }
    if (service && isFailedActivationStatus(service.status)) {
      return { outcome: 'failed', serviceId: service.serviceId, status: service.status };
    }
    const attempt = Context.current().info.attempt;
    throw ApplicationFailure.create({
      type: PENDING,
      message: service
        ? `Service ${service.serviceId} is "${service.status}" (poll ${attempt})`
        : `No service for ${input.externalId} in inventory yet (poll ${attempt})`,
      category: 'BENIGN',
    });
  };
}
