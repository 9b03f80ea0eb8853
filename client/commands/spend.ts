// `lumen-iod spend --customer C [--month YYYY-MM] [--json]`: what a customer's managed services cost,
// read from what their workflows publish (no worker is woken).
import { customerSpend, type ServiceSpendRow } from '../spend';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { textTable } from './list';

export interface SpendOptions {
  customer?: string;
  month?: string;
  json?: boolean;
}

const COLUMNS: [string, (row: ServiceSpendRow) => string][] = [
  ['SERVICE', (row) => row.serviceId],
  ['STATUS', (row) => row.status],
  ['SPEED', (row) => row.speed ?? '-'],
  ['HOURLY', (row) => `$${row.hourlyUsd}`],
  ['MONTH TO DATE', (row) => `$${row.monthToDateUsd}`],
  ['PROJECTED MONTH', (row) => `$${row.projectedMonthUsd}`],
];

export async function spendCommand(ctx: CliContext, options: SpendOptions): Promise<number> {
  if (!options.customer) throw new UsageError('--customer: the Lumen customer number is required');
  const { client } = await ctx.temporal();
  const spend = await customerSpend(client, options.customer, { month: options.month });
  if (options.json) {
    writeJson(ctx.out, spend);
    return EXIT.ok;
  }
  writeLine(ctx.out, `Spend of customer ${spend.customerNumber} in ${spend.month}, as of ${spend.asOf} (USD)`);
  if (spend.services.length === 0) writeLine(ctx.out, 'No managed services.');
  else textTable(COLUMNS, spend.services).forEach((line) => writeLine(ctx.out, line));
  writeLine(
    ctx.out,
    `Total: $${spend.totals.monthToDateUsd} month to date, $${spend.totals.projectedMonthUsd} projected for the month`,
  );
  return EXIT.ok;
}
