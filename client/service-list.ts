// Finding service workflows through Temporal's visibility store: by customer, by status, changing now.
// Visibility is eventually consistent: a row can trail the workflow by a second or two.
import type { Client } from '@temporalio/client';
import { SERVICE_STATUSES, SERVICE_WORKFLOW_TYPE, type ServiceStatusName } from '../domain/service';
import { InvalidServiceInputError } from './errors';
import { quoteLiteral } from './list';
import { serviceSummaryOf, type ServiceSummary } from './service-summary';
import type { ExecutionStatus } from './summary';

export interface ServiceListFilter {
  customerNumber?: string;
  serviceId?: string;
  /** The service's status (its LumenStep search attribute). */
  status?: ServiceStatusName;
  /** Only services with a change under way now: status CHANGING. */
  changing?: boolean;
  /** The workflow's execution status; runs that continued as new are never listed (their successor is). */
  executionStatus?: Exclude<ExecutionStatus, 'Unknown' | 'ContinuedAsNew'>;
  /** At most this many rows, newest first; 100 by default. */
  limit?: number;
}

/** The visibility query for a filter; always restricted to the service workflow type. */
export function buildServiceListQuery(filter: ServiceListFilter): string {
  if (filter.status !== undefined && !(SERVICE_STATUSES as readonly string[]).includes(filter.status)) {
    throw new InvalidServiceInputError('service list', [`status: must be one of ${SERVICE_STATUSES.join(', ')}`]);
  }
  if (filter.changing && filter.status !== undefined && filter.status !== 'CHANGING') {
    throw new InvalidServiceInputError('service list', [`status: ${filter.status} contradicts changing (CHANGING)`]);
  }
  // A continued-as-new run is the same service under an earlier run id: listing it would show the service twice.
  const clauses = [`WorkflowType = ${quoteLiteral(SERVICE_WORKFLOW_TYPE)}`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.customerNumber !== undefined) clauses.push(`LumenCustomerNumber = ${quoteLiteral(filter.customerNumber)}`);
  if (filter.serviceId !== undefined) clauses.push(`LumenServiceId = ${quoteLiteral(filter.serviceId)}`);
  const status = filter.changing ? 'CHANGING' : filter.status;
  if (status !== undefined) clauses.push(`LumenStep = ${quoteLiteral(status)}`);
  if (filter.executionStatus !== undefined) clauses.push(`ExecutionStatus = ${quoteLiteral(filter.executionStatus)}`);
  return clauses.join(' AND ');
}

export async function listServices(client: Client, filter: ServiceListFilter = {}): Promise<ServiceSummary[]> {
  const limit = filter.limit ?? 100;
  const query = buildServiceListQuery(filter);
  const rows: ServiceSummary[] = [];
  if (limit <= 0) return rows;
  for await (const info of client.workflow.list({ query, pageSize: Math.min(limit, 100) })) {
    rows.push(serviceSummaryOf(info));
    if (rows.length >= limit) break;
  }
  return rows;
}
