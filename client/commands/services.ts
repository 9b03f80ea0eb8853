// `lumen-iod services`: find managed services by customer or status, or those changing now.
import { SERVICE_STATUSES, type ServiceStatusName } from '../../domain/service';
import { listServices, type ServiceListFilter } from '../service-list';
import type { ServiceSummary } from '../service-summary';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { limitFlag, textTable } from './list';
import { formatTime } from './progress-lines';

export interface ServicesOptions {
  customer?: string;
  status?: string;
  changing?: boolean;
  limit?: string;
  json?: boolean;
}

function statusFlag(text: string): ServiceStatusName {
  const status = SERVICE_STATUSES.find((candidate) => candidate === text.trim().toUpperCase().replace(/[\s-]/g, '_'));
  if (!status) throw new UsageError(`--status: "${text}" is not one of ${SERVICE_STATUSES.join(', ')}`);
  return status;
}

const COLUMNS: [string, (row: ServiceSummary) => string][] = [
  ['SERVICE', (row) => row.serviceId],
  ['STATUS', (row) => row.serviceStatus ?? '-'],
  ['CUSTOMER', (row) => row.customerNumber ?? '-'],
  ['WORKFLOW', (row) => row.status],
  ['STARTED', (row) => formatTime(row.startTime)],
  ['CLOSED', (row) => (row.closeTime ? formatTime(row.closeTime) : '-')],
];

export async function servicesCommand(ctx: CliContext, options: ServicesOptions): Promise<number> {
  const status = options.status === undefined ? undefined : statusFlag(options.status);
  if (options.changing && status !== undefined && status !== 'CHANGING') {
    throw new UsageError(`--changing lists CHANGING services; it cannot be combined with --status ${status}`);
  }
  const filter: ServiceListFilter = {
    customerNumber: options.customer,
    status,
    changing: options.changing,
    limit: limitFlag(options.limit),
  };
  const { client } = await ctx.temporal();
  const rows = await listServices(client, filter);
  if (options.json) writeJson(ctx.out, rows);
  else if (rows.length === 0) writeLine(ctx.out, 'No services match.');
  else textTable(COLUMNS, rows).forEach((line) => writeLine(ctx.out, line));
  return EXIT.ok;
}
