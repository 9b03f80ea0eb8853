// `lumen-iod budget <serviceId> --monthly N [--floor-speed S] | --none`: the service's monthly budget.
import { InvalidServiceInputError } from '../errors';
import { setServiceBudget } from '../service-updates';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { invalidInput } from './field-flags';

export interface BudgetOptions {
  monthly?: string;
  floorSpeed?: string;
  none?: boolean;
  json?: boolean;
}

function monthlyFlag(options: BudgetOptions): number | null {
  if (options.none) {
    if (options.monthly !== undefined || options.floorSpeed !== undefined) {
      throw new UsageError('--none removes the budget: give it alone, without --monthly or --floor-speed');
    }
    return null;
  }
  if (options.monthly === undefined) throw new UsageError('give --monthly <usd>, or --none to remove the budget');
  const usd = Number(options.monthly.replace(/^\$/, ''));
  if (!Number.isFinite(usd) || usd <= 0) {
    throw new UsageError(`--monthly: "${options.monthly}" is not a positive number of US dollars`);
  }
  return usd;
}

export async function budgetCommand(ctx: CliContext, serviceId: string, options: BudgetOptions): Promise<number> {
  const monthlyBudgetUsd = monthlyFlag(options);
  try {
    const { client } = await ctx.temporal();
    const answer = await setServiceBudget(client, serviceId, {
      monthlyBudgetUsd,
      ...(options.floorSpeed === undefined ? {} : { floorSpeed: options.floorSpeed }),
    });
    if (options.json) {
      writeJson(ctx.out, answer);
      return EXIT.ok;
    }
    const projected = answer.projectedMonthUsd === null ? 'not known yet' : `$${answer.projectedMonthUsd}`;
    writeLine(
      ctx.out,
      answer.monthlyBudgetUsd === null
        ? `Service ${serviceId} has no budget now; this month is projected at ${projected}.`
        : `Service ${serviceId}: budget $${answer.monthlyBudgetUsd.toFixed(2)} a month` +
            (answer.floorSpeed ? `, falling back to ${answer.floorSpeed} when exceeded` : '') +
            `; this month is projected at ${projected}.`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidServiceInputError) {
      throw invalidInput(error, { monthlyBudgetUsd: '--monthly', floorSpeed: '--floor-speed' });
    }
    throw error;
  }
}
