// A service after ACTIVE, addressed by Lumen's service id: adopt it into management, describe it, read
// its `service` query and how its workflow ended. Changes and disconnection are in service-updates.ts.
import { spendViewAt } from '../domain/spend';
import {
  type Client,
  isGrpcDeadlineError,
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type WorkflowHandle,
} from '@temporalio/client';
import {
  ADOPT_ALL_WORKFLOW_TYPE,
  QUERY_SERVICE,
  SERVICE_WORKFLOW_TYPE,
  serviceInputSchema,
  serviceWorkflowIdFor,
  type AdoptAllInput,
  type AdoptAllResult,
  type DisconnectResult,
  type ServiceInput,
  type ServicePlan,
  type ServiceView,
} from '../domain/service';
import { taskQueueFrom } from './connection';
import {
  InvalidServiceInputError,
  ServiceAlreadyManagedError,
  ServiceNoWorkerAnsweredError,
  ServiceNotFoundError,
  ServiceViewUnavailableError,
} from './errors';
import { outcomeOfFailure, type AnswerOptions } from './provisioning';
import { grpcRefusal } from './query-refusal';
import { searchAttributeKey } from './search-attributes';
import { serviceSummaryOf, type ServiceSummary } from './service-summary';
import type { StartOptions } from './start';

export type ServiceWorkflow = (input: ServiceInput) => Promise<DisconnectResult>;

export interface AdoptServiceInput {
  serviceId: string;
  customerNumber: string;
  /** How often the workflow asks Lumen while it waits on an order, e.g. "5 minutes" (the default). */
  pollInterval?: string | number;
}

export interface AdoptedService {
  serviceId: string;
  workflowId: string;
  runId: string;
  taskQueue: string;
  handle: WorkflowHandle<ServiceWorkflow>;
}

export type ServiceOutcome =
  | { status: 'DISCONNECTED'; result: DisconnectResult }
  | { status: 'FAILED'; failureType: string; message: string }
  | { status: 'CANCELLED' | 'TERMINATED' | 'TIMED_OUT'; message: string };

export function serviceHandle(client: Client, serviceId: string): WorkflowHandle<ServiceWorkflow> {
  return client.workflow.getHandle<ServiceWorkflow>(serviceWorkflowIdFor(serviceId));
}

export function serviceNotFoundAsTyped(serviceId: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof WorkflowNotFoundError) {
      throw new ServiceNotFoundError(serviceId, serviceWorkflowIdFor(serviceId));
    }
    throw error;
  };
}

/** "problem, problem" from zod issues, each naming its field. */
export function problemsOf(issues: { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`);
}

/** The adoption as the workflow will read it; bad input is refused naming each field, before anything is sent. */
export function checkedAdoption(input: AdoptServiceInput): ServicePlan {
  const parsed = serviceInputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidServiceInputError('adopt', problemsOf(parsed.error.issues));
  return parsed.data;
}

/**
 * Starts `manageInternetOnDemandService` for a service ordered elsewhere (or whose provisioning did not
 * start one). The workflow reads speed, site, partner and billing account from Lumen's inventory.
 */
export async function adoptService(
  client: Client,
  input: AdoptServiceInput,
  options: StartOptions = {},
): Promise<AdoptedService> {
  const { serviceId, customerNumber } = checkedAdoption(input);
  const workflowId = serviceWorkflowIdFor(serviceId);
  const taskQueue = options.taskQueue ?? taskQueueFrom(process.env);
  const args: ServiceInput = { serviceId, customerNumber };
  if (input.pollInterval !== undefined) args.pollInterval = input.pollInterval;
  try {
    const handle = await client.workflow.start<ServiceWorkflow>(SERVICE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [args],
      // A disconnected service (completed workflow) stays disconnected; a failed or terminated one can be adopted again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      typedSearchAttributes: [
        { key: searchAttributeKey.LumenCustomerNumber, value: customerNumber },
        { key: searchAttributeKey.LumenServiceId, value: serviceId },
      ],
      staticSummary: `service ${serviceId} for ${customerNumber}`,
    });
    return { serviceId, workflowId, runId: handle.firstExecutionRunId, taskQueue, handle };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const summary = await describeService(client, serviceId);
    throw new ServiceAlreadyManagedError(serviceId, workflowId, summary.status);
  }
}

/** What Temporal knows without asking the worker: execution status, times and search attributes. */
export async function describeService(client: Client, serviceId: string): Promise<ServiceSummary> {
  const description = await serviceHandle(client, serviceId).describe().catch(serviceNotFoundAsTyped(serviceId));
  return serviceSummaryOf(description);
}

/** The workflow's `service` query: status, speed, queue, pending revert, last change and history. */
export async function getService(client: Client, serviceId: string, options: AnswerOptions = {}): Promise<ServiceView> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  try {
    const view = await client.withDeadline(deadline, () =>
      serviceHandle(client, serviceId).query<ServiceView>(QUERY_SERVICE),
    );
    // A query answers as of the workflow's last task: the spend is brought up to now at its hourly price.
    return view.spend ? { ...view, spend: spendViewAt(view.spend, Date.now()) } : view;
  } catch (error) {
    // The deadline usually surfaces as DEADLINE_EXCEEDED, but as CANCELLED if it fires between retries.
    if (isGrpcDeadlineError(error) || Date.now() >= deadline - 100) {
      throw new ServiceNoWorkerAnsweredError(serviceId, 'service query', timeoutMs);
    }
    if (error instanceof QueryNotRegisteredError) {
      throw new ServiceViewUnavailableError(serviceId, 'the workflow ended before it registered its service query');
    }
    const refusal = grpcRefusal(error);
    if (refusal) throw new ServiceViewUnavailableError(serviceId, refusal);
    return serviceNotFoundAsTyped(serviceId)(error);
  }
}

/** Waits for the service's workflow to end: DISCONNECTED with its result, or how it failed. */
export async function getServiceOutcome(client: Client, serviceId: string): Promise<ServiceOutcome> {
  try {
    return { status: 'DISCONNECTED', result: await serviceHandle(client, serviceId).result() };
  } catch (error) {
    if (error instanceof WorkflowFailedError) return outcomeOfFailure(error);
    return serviceNotFoundAsTyped(serviceId)(error);
  }
}

/**
 * Adopts every active or changing Internet service in the customer's inventory that no workflow manages
 * yet. Lumen's credentials live only in the worker, so it runs there as a short workflow
 * (adoptCustomerServices) and answers what it adopted and what it skipped, and why. Running it again
 * adopts nothing more.
 */
export async function adoptAll(
  client: Client,
  input: AdoptAllInput,
  options: StartOptions = {},
): Promise<AdoptAllResult> {
  const customerNumber = typeof input?.customerNumber === 'string' ? input.customerNumber.trim() : '';
  if (!customerNumber) throw new InvalidServiceInputError('adopt --all', ['customerNumber: must not be empty']);
  const taskQueue = options.taskQueue ?? taskQueueFrom(process.env);
  return client.workflow.execute<(input: AdoptAllInput) => Promise<AdoptAllResult>>(ADOPT_ALL_WORKFLOW_TYPE, {
    workflowId: `iod-adopt-${customerNumber}-${Date.now().toString(36)}`,
    taskQueue,
    args: [{ customerNumber }],
    typedSearchAttributes: [{ key: searchAttributeKey.LumenCustomerNumber, value: customerNumber }],
    staticSummary: `adopt every service of ${customerNumber}`,
  });
}
