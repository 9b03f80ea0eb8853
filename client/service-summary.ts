// One row describing a service's workflow as Temporal's visibility sees it, shared by describe and list.
import { serviceIdOf, SERVICE_STATUSES, type ServiceStatusName } from '../domain/service';
import { readKeyword } from './search-attributes';
import { executionStatusOf, type ExecutionInfo, type ExecutionStatus } from './summary';

export interface ServiceSummary {
  serviceId: string;
  workflowId: string;
  runId: string;
  status: ExecutionStatus;
  /** The LumenStep search attribute, the service's status: eventually consistent, so it may trail the query. */
  serviceStatus: ServiceStatusName | null;
  customerNumber: string | null;
  startTime: Date;
  closeTime: Date | null;
}

function asServiceStatus(value: string | null): ServiceStatusName | null {
  return value !== null && (SERVICE_STATUSES as readonly string[]).includes(value)
    ? (value as ServiceStatusName)
    : null;
}

export function serviceSummaryOf(info: ExecutionInfo): ServiceSummary {
  const attributes = info.typedSearchAttributes;
  return {
    serviceId: readKeyword(attributes, 'LumenServiceId') ?? serviceIdOf(info.workflowId) ?? info.workflowId,
    workflowId: info.workflowId,
    runId: info.runId,
    status: executionStatusOf(info),
    serviceStatus: asServiceStatus(readKeyword(attributes, 'LumenStep')),
    customerNumber: readKeyword(attributes, 'LumenCustomerNumber'),
    startTime: info.startTime,
    closeTime: info.closeTime ?? null,
  };
}
