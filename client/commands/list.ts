// `lumen-iod list`: find provisionings by customer, step, status, order, service or site.
import { STEPS, type Step } from '../../domain/names';
import { listProvisionings, type ListFilter, type ProvisioningRow } from '../list';
import { EXECUTION_STATUSES } from '../summary';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { formatTime } from './progress-lines';

export interface ListOptions {
  customer?: string;
  step?: string;
  status?: string;
  order?: string;
  service?: string;
  site?: string;
  limit?: string;
  json?: boolean;
}

function stepFlag(text: string): Step {
  const step = STEPS.find((candidate) => candidate === text.trim().toUpperCase());
  if (!step) throw new UsageError(`--step: "${text}" is not one of ${STEPS.join(', ')}`);
  return step;
}

function statusFlag(text: string): NonNullable<ListFilter['status']> {
  // Operators write it either way; Temporal spells it Canceled.
  const wanted = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '')
    .replace('cancelled', 'canceled');
  const status = EXECUTION_STATUSES.find((candidate) => candidate.toLowerCase() === wanted);
  if (!status) throw new UsageError(`--status: "${text}" is not one of ${EXECUTION_STATUSES.join(', ')}`);
  return status;
}

export function limitFlag(text: string | undefined): number {
  if (text === undefined) return 50;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: "${text}" is not a positive whole number`);
  return limit;
}

const COLUMNS: [string, (row: ProvisioningRow) => string][] = [
  ['REQUEST', (row) => row.requestId],
  ['STATUS', (row) => row.status],
  ['STEP', (row) => row.step ?? '-'],
  ['CUSTOMER', (row) => row.customerNumber ?? '-'],
  ['ORDER', (row) => row.orderId ?? '-'],
  ['SERVICE', (row) => row.serviceId ?? '-'],
  ['STARTED', (row) => formatTime(row.startTime)],
  ['CLOSED', (row) => (row.closeTime ? formatTime(row.closeTime) : '-')],
];

/** Plain columns two spaces apart, each as wide as its widest cell; a header line first. */
export function textTable<Row>(columns: [string, (row: Row) => string][], rows: Row[]): string[] {
  const cells = [columns.map(([title]) => title), ...rows.map((row) => columns.map(([, cell]) => cell(row)))];
  const widths = columns.map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  return cells.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}

export function table(rows: ProvisioningRow[]): string[] {
  return textTable(COLUMNS, rows);
}

export async function listCommand(ctx: CliContext, options: ListOptions): Promise<number> {
  const filter: ListFilter = {
    customerNumber: options.customer,
    orderId: options.order,
    serviceId: options.service,
    masterSiteId: options.site,
    step: options.step === undefined ? undefined : stepFlag(options.step),
    status: options.status === undefined ? undefined : statusFlag(options.status),
    limit: limitFlag(options.limit),
  };
  const { client } = await ctx.temporal();
  const rows = await listProvisionings(client, filter);
  if (options.json) writeJson(ctx.out, rows);
  else if (rows.length === 0) writeLine(ctx.out, 'No provisionings match.');
  else table(rows).forEach((line) => writeLine(ctx.out, line));
  return EXIT.ok;
}
