// Step 7 and reconciliation: what Lumen's inventory says about the service our order created.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { InventoryQuery, InventoryService } from '../lumen/api';
import {
  isActiveStatus,
  isDisconnectedStatus,
  isFailedActivationStatus,
  isFailedDisconnectionStatus,
  isPendingStatus,
} from '../lumen/assumptions';
import { LumenApiError } from '../lumen/errors';
import { CEILING_REFUSAL } from '../lumen/rate-limiter';
import type { ActivityDeps } from './deps';
import type { OrderPending } from './failure-types';
import { unavailable } from './failures';

export interface FindServiceInput {
  customerNumber: string;
  /** The provisioning's request id, sent as the order's externalId. */
  externalId: string;
  /** When known, only the service of this order counts. */
  orderId?: string;
}

export { phaseOf, type ServicePhase } from '../lumen/service-phase';
import { phaseOf, type ServicePhase } from '../lumen/service-phase';

export interface ServiceSnapshot {
  serviceId: string;
  status: string;
  phase: ServicePhase;
  orderId?: string;
}

const ORDER_PENDING: OrderPending = 'OrderPending';

// A row counts as ours only when it names our externalId: one that names none could be anyone's.
function choose(services: InventoryService[], input: FindServiceInput): InventoryService | undefined {
  const ours = services.filter((s) => s.externalId === input.externalId);
  if (input.orderId === undefined) return ours[0];
  return ours.find((s) => s.orderId === input.orderId) ?? ours.find((s) => s.orderId === undefined);
}

/**
 * Reads inventory; it is only ever read, so whatever goes wrong, asking again later is safe. A poll
 * (`poll`: the pending failure it throws) reads in the background, waiting for every other request to
 * Lumen and only briefly; one the ceiling skipped is simply not done this time.
 */
async function readInventory(
  { lumen }: ActivityDeps,
  customerNumber: string,
  query: InventoryQuery,
  poll?: OrderPending,
): Promise<InventoryService[]> {
  try {
    return await lumen.listInventory(
      customerNumber,
      { ...query, serviceType: 'Internet' },
      poll ? { background: true } : {},
    );
  } catch (error) {
    if (!(error instanceof LumenApiError)) throw error;
    if (poll && error.transportCode === CEILING_REFUSAL) {
      // Not a problem with Lumen: other requests had the ceiling. The poll comes again at its interval
      // (no retry delay of its own), so thousands of waiting orders never crowd out the ones being placed.
      throw ApplicationFailure.create({
        type: poll,
        message: `Inventory poll ${Context.current().info.attempt} skipped: ${error.message}`,
        category: 'BENIGN',
      });
    }
    throw unavailable(error);
  }
}

async function lookUp(deps: ActivityDeps, input: FindServiceInput, poll?: OrderPending) {
  return choose(await readInventory(deps, input.customerNumber, { externalId: input.externalId }, poll), input);
}

async function lookUpById(deps: ActivityDeps, customerNumber: string, serviceId: string, poll?: OrderPending) {
  const services = await readInventory(deps, customerNumber, { serviceId }, poll);
  return services.find((service) => service.serviceId === serviceId);
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

export interface SettleCheckInput {
  customerNumber: string;
  /** A new connection is found by its order's externalId (and order id, once known)… */
  externalId?: string;
  orderId?: string;
  /** …a change or a disconnect by its service id. */
  serviceId?: string;
  /** What the order ends in when it succeeds. */
  until: 'active' | 'inactive';
  /** A bandwidth change: active at this speed. */
  bandwidthMbps?: number;
}

export interface SettledOrder {
  outcome: 'completed' | 'failed';
  serviceId: string;
  /** Lumen's words for where the service stands. */
  status: string;
  bandwidthMbps?: number;
}

/** Heartbeat details carried from one poll to the next. */
interface PollMemory {
  /** Inventory has shown the change in progress: back at the old speed now means it failed. */
  seenPending?: boolean;
}

/**
 * One inventory poll for an order to end: an add or a change in Active, a disconnect in Inactive.
 * Still pending throws a benign retryable failure: the retry policy (initialInterval = poll interval,
 * backoffCoefficient 1, scheduleToClose = the deadline) does the waiting without adding history events.
 */
export function checkOrderSettledActivity(deps: ActivityDeps) {
  return async function checkOrderSettled(input: SettleCheckInput): Promise<SettledOrder> {
    const service =
      input.serviceId !== undefined
        ? await lookUpById(deps, input.customerNumber, input.serviceId, ORDER_PENDING)
        : input.externalId !== undefined
          ? await lookUp(
              deps,
              { customerNumber: input.customerNumber, externalId: input.externalId, orderId: input.orderId },
              ORDER_PENDING,
            )
          : undefined;
    const context = Context.current();
    const memory = (context.info.heartbeatDetails ?? {}) as PollMemory;
    if (service) {
      const settled = settledOutcome(service, input, memory);
      if (settled)
        return {
          ...settled,
          serviceId: service.serviceId,
          status: service.status,
          bandwidthMbps: service.bandwidthMbps,
        };
      if (isPendingStatus(service.status) && !memory.seenPending && input.bandwidthMbps !== undefined) {
        context.heartbeat({ seenPending: true } satisfies PollMemory);
      }
    }
    const attempt = context.info.attempt;
    throw ApplicationFailure.create({
      type: ORDER_PENDING,
      message: service
        ? `Service ${service.serviceId} is "${service.status}" (poll ${attempt})`
        : `Inventory shows no service for ${input.externalId ?? input.serviceId} yet (poll ${attempt})`,
      category: 'BENIGN',
    });
  };
}

function settledOutcome(
  service: InventoryService,
  input: SettleCheckInput,
  memory: PollMemory,
): Pick<SettledOrder, 'outcome'> | undefined {
  if (input.until === 'inactive') {
    if (isDisconnectedStatus(service.status)) return { outcome: 'completed' };
    if (isFailedDisconnectionStatus(service.status)) return { outcome: 'failed' };
    return undefined;
  }
  if (isFailedActivationStatus(service.status)) return { outcome: 'failed' };
  if (!isActiveStatus(service.status)) return undefined;
  if (input.bandwidthMbps === undefined || service.bandwidthMbps === input.bandwidthMbps)
    return { outcome: 'completed' };
  // Active at the old speed: the change has not started yet, or it was seen in progress and failed.
  return memory.seenPending ? { outcome: 'failed' } : undefined;
}
