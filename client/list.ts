// Finding provisionings through Temporal's visibility store, by the search attributes the workflow keeps.
// Visibility is eventually consistent: a row can trail the workflow by a second or two.
import type { Client } from '@temporalio/client';
import { WORKFLOW_TYPE, type SearchAttributeName, type Step } from '../domain/names';
import { summaryOf, type ExecutionStatus, type ProvisioningSummary } from './summary';

export interface ListFilter {
  customerNumber?: string;
  step?: Step;
  orderId?: string;
  serviceId?: string;
  masterSiteId?: string;
  status?: Exclude<ExecutionStatus, 'Unknown'>;
  /** At most this many rows, newest first; 100 by default. */
  limit?: number;
}

export type ProvisioningRow = ProvisioningSummary;

const ATTRIBUTE_FOR: Record<'customerNumber' | 'step' | 'orderId' | 'serviceId' | 'masterSiteId', SearchAttributeName> =
  {
    customerNumber: 'LumenCustomerNumber',
    step: 'LumenStep',
    orderId: 'LumenOrderId',
    serviceId: 'LumenServiceId',
    masterSiteId: 'LumenMasterSiteId',
  };

/**
 * A single-quoted visibility literal. Quotes are doubled (standard SQL, which Temporal's parser accepts)
 * and backslashes escaped, so a value can never end the literal and add conditions of its own.
 */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The visibility query for a filter; always restricted to this workflow type. */
export function buildListQuery(filter: ListFilter): string {
  const clauses = [`WorkflowType = ${quoteLiteral(WORKFLOW_TYPE)}`];
  for (const [field, attribute] of Object.entries(ATTRIBUTE_FOR) as [
    keyof typeof ATTRIBUTE_FOR,
    SearchAttributeName,
  ][]) {
    const value = filter[field];
    if (value !== undefined) clauses.push(`${attribute} = ${quoteLiteral(value)}`);
  }
  if (filter.status !== undefined) clauses.push(`ExecutionStatus = ${quoteLiteral(filter.status)}`);
  return clauses.join(' AND ');
}

export async function listProvisionings(client: Client, filter: ListFilter = {}): Promise<ProvisioningRow[]> {
  const limit = filter.limit ?? 100;
  const rows: ProvisioningRow[] = [];
  if (limit <= 0) return rows;
  for await (const info of client.workflow.list({ query: buildListQuery(filter), pageSize: Math.min(limit, 100) })) {
    rows.push(summaryOf(info));
    if (rows.length >= limit) break;
  }
  return rows;
}
