// One row describing a provisioning as Temporal's visibility sees it, shared by describe and list.
import type { WorkflowExecutionInfo, WorkflowExecutionStatusName } from '@temporalio/client';
import { requestIdOf, STEPS, type Step } from '../domain/names';
import { readKeyword } from './search-attributes';

/** Execution statuses spelled as Temporal's visibility queries spell them (ExecutionStatus = 'Running'). */
export const EXECUTION_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number] | 'Unknown';

const STATUS_BY_NAME: Partial<Record<WorkflowExecutionStatusName, ExecutionStatus>> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Canceled',
  TERMINATED: 'Terminated',
  CONTINUED_AS_NEW: 'ContinuedAsNew',
  TIMED_OUT: 'TimedOut',
};

/** Temporal's execution status in the spelling visibility queries use. */
export function executionStatusOf(info: Pick<WorkflowExecutionInfo, 'status'>): ExecutionStatus {
  return STATUS_BY_NAME[info.status.name] ?? 'Unknown';
}

export interface ProvisioningSummary {
  requestId: string;
  workflowId: string;
  runId: string;
  status: ExecutionStatus;
  /** The LumenStep search attribute: eventually consistent, so it may trail the status query. */
  step: Step | null;
  customerNumber: string | null;
  orderId: string | null;
  serviceId: string | null;
  masterSiteId: string | null;
  startTime: Date;
  closeTime: Date | null;
}

function asStep(value: string | null): Step | null {
  return value !== null && (STEPS as readonly string[]).includes(value) ? (value as Step) : null;
}

/** What both describe() and list() return about an execution, which is all a summary needs. */
export type ExecutionInfo = Pick<
  WorkflowExecutionInfo,
  'workflowId' | 'runId' | 'status' | 'typedSearchAttributes' | 'startTime' | 'closeTime'
>;

export function summaryOf(info: ExecutionInfo): ProvisioningSummary {
  const attributes = info.typedSearchAttributes;
  return {
    requestId: requestIdOf(info.workflowId) ?? info.workflowId,
    workflowId: info.workflowId,
    runId: info.runId,
    status: executionStatusOf(info),
    step: asStep(readKeyword(attributes, 'LumenStep')),
    customerNumber: readKeyword(attributes, 'LumenCustomerNumber'),
    orderId: readKeyword(attributes, 'LumenOrderId'),
    serviceId: readKeyword(attributes, 'LumenServiceId'),
    masterSiteId: readKeyword(attributes, 'LumenMasterSiteId'),
    startTime: info.startTime,
    closeTime: info.closeTime ?? null,
  };
}
