// The errors the client library throws on purpose. Callers (backends, the CLI) branch on the class;
// anything else that escapes is a bug or an SDK error we did not anticipate.
import { isGrpcServiceError } from '@temporalio/client';

export abstract class ProvisioningClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request failed the same schema the workflow validates with; nothing was started. */
export class InvalidProvisioningRequestError extends ProvisioningClientError {
  constructor(readonly problems: string[]) {
    super(`Invalid provisioning request: ${problems.join('; ')}`);
  }
}

/**
 * A workflow for this request id already ran or is running and this start cannot be taken as a retry of it:
 * the request is never ordered twice. Thrown as is when another client started it (no request digest).
 */
export class ProvisioningAlreadyExistsError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly workflowId: string,
    detail = 'request ids are single-use',
  ) {
    super(`a provisioning for request ${requestId} already exists (workflow ${workflowId}); ${detail}`);
  }
}

/** The request id was already started with a different request; retry only with the identical request. */
export class ProvisioningRequestConflictError extends ProvisioningAlreadyExistsError {
  constructor(requestId: string, workflowId: string) {
    super(
      requestId,
      workflowId,
      'it was started with a different request (a retried start must send the identical request; a new request needs a new request id)',
    );
  }
}

export class ProvisioningNotFoundError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly workflowId: string,
  ) {
    super(`no provisioning found for request ${requestId} (workflow ${workflowId})`);
  }
}

/** The workflow refused the approvePrice update; `reason` is the workflow's own explanation. */
export class PriceApprovalRejectedError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly quoteId: string,
    readonly reason: string,
  ) {
    super(`price approval for request ${requestId}, quote ${quoteId} was refused: ${reason}`);
  }
}

/** An operation that needs a running provisioning (cancel) found it already closed. */
export class ProvisioningAlreadyEndedError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly executionStatus: string,
  ) {
    super(`the provisioning for request ${requestId} has already ended (${executionStatus})`);
  }
}

/** The provisioning ended without an ACTIVE service; `failureType` is one of FAILURE_TYPES or Cancelled/Terminated/TimedOut. */
export class ProvisioningFailedError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly failureType: string,
    readonly reason: string,
  ) {
    super(`provisioning for request ${requestId} ended ${failureType}: ${reason}`);
  }
}

/** Pricing a request failed as its provisioning would (PartnerNotFound, SpeedNotOffered…); nothing was ordered. */
export class QuoteFailedError extends ProvisioningFailedError {
  constructor(requestId: string, failureType: string, reason: string) {
    super(requestId, failureType, reason);
    this.message = `quote for request ${requestId} ended ${failureType}: ${reason}`;
  }
}

/** Temporal answered but no worker did (a query or update needs a worker polling the task queue). */
export class NoWorkerAnsweredError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(
      `no worker answered the ${operation} for request ${requestId} within ${timeoutMs / 1000} s; is the worker running?`,
    );
  }
}

/** The workflow cannot answer its status query (it ended before registering it); describe still works. */
export class StatusUnavailableError extends ProvisioningClientError {
  constructor(
    readonly requestId: string,
    readonly reason: string,
  ) {
    super(`no status for request ${requestId}: ${reason}`);
  }
}

/** The Temporal frontend could not be reached or the connection settings could not be read. */
export class TemporalUnavailableError extends ProvisioningClientError {
  constructor(
    readonly address: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach Temporal at ${address}: ${detail}`, options);
  }
}

/** Input to a service operation (adopt, change, disconnect, a bandwidth schedule) failed its checks; nothing was sent. */
export class InvalidServiceInputError extends ProvisioningClientError {
  constructor(
    readonly operation: string,
    readonly problems: string[],
  ) {
    super(`Invalid ${operation}: ${problems.join('; ')}`);
  }
}

/** No workflow manages this service (it was never provisioned here nor adopted). */
export class ServiceNotFoundError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly workflowId: string,
  ) {
    super(`no managed service ${serviceId} (no workflow ${workflowId})`);
  }
}

/** adopt found the service managed already (Running), or its workflow completed: it was disconnected. */
export class ServiceAlreadyManagedError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly workflowId: string,
    readonly executionStatus: string,
  ) {
    super(
      executionStatus === 'Running'
        ? `service ${serviceId} is already managed by workflow ${workflowId}`
        : `service ${serviceId} was disconnected: its workflow ${workflowId} has completed`,
    );
  }
}

/** The service's workflow refused the operation (its validator's reason, or it no longer runs). */
export class ServiceOperationRejectedError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`${operation} for service ${serviceId} was refused: ${reason}`);
  }
}

/** A change was accepted and then failed; `failureType` is SpeedNotOffered, PriceNotApproved or ChangeFailed. */
export class ServiceChangeFailedError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly changeId: string,
    readonly failureType: string,
    readonly reason: string,
  ) {
    super(`change ${changeId} of service ${serviceId} failed (${failureType}): ${reason}`);
  }
}

/** The disconnect was accepted and then failed (DisconnectFailed). */
export class ServiceDisconnectFailedError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly failureType: string,
    readonly reason: string,
  ) {
    super(`disconnecting service ${serviceId} failed (${failureType}): ${reason}`);
  }
}

/** Temporal answered but no worker did, for a service's query or update. */
export class ServiceNoWorkerAnsweredError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(
      `no worker answered the ${operation} for service ${serviceId} within ${timeoutMs / 1000} s; is the worker running?`,
    );
  }
}

/** The service's workflow cannot answer its query (it ended before registering it); describe still works. */
export class ServiceViewUnavailableError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly reason: string,
  ) {
    super(`no service view for ${serviceId}: ${reason}`);
  }
}

export class BandwidthScheduleNotFoundError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly scheduleName: string,
    readonly scheduleId: string,
  ) {
    super(`no bandwidth schedule "${scheduleName}" for service ${serviceId} (schedule ${scheduleId})`);
  }
}

/** Names are unique per service: remove the old schedule first to replace it. */
export class BandwidthScheduleExistsError extends ProvisioningClientError {
  constructor(
    readonly serviceId: string,
    readonly scheduleName: string,
    readonly scheduleId: string,
  ) {
    super(
      `service ${serviceId} already has a bandwidth schedule "${scheduleName}" (schedule ${scheduleId}); remove it first to replace it`,
    );
  }
}

// gRPC status UNAVAILABLE; grpc-js is the SDK's dependency, not ours, so the number is spelled out.
const GRPC_UNAVAILABLE = 14;

/** True for an SDK error (or its cause chain) that means the frontend went away, not that it refused the call. */
export function isTemporalUnreachable(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e) && e.code === GRPC_UNAVAILABLE) return true;
  }
  return false;
}
