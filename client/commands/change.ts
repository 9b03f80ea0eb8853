// `lumen-iod change <serviceId> --speed S`: one bandwidth change through the service's workflow.
import { parseDuration } from '../../domain/duration';
import type { ChangeResult } from '../../domain/service';
import { InvalidServiceInputError } from '../errors';
import { changeBandwidth, checkedChange, newChangeId, type ChangeInput } from '../service-updates';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { invalidInput } from './field-flags';
import { formatTime } from './progress-lines';

export interface ChangeOptions {
  speed: string;
  revertAfter?: string;
  maxMonthlyPrice?: string;
  changeId?: string;
  /** false with --no-wait */
  wait: boolean;
  json?: boolean;
}

const FLAG_FOR_FIELD = {
  changeId: '--change-id',
  speed: '--speed',
  maxMonthlyPriceUsd: '--max-monthly-price',
  revertAfter: '--revert-after',
};

/** "400" and "$400" become 400. */
function priceFlag(text: string): number {
  const match = /^\s*\$?\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) throw new UsageError(`--max-monthly-price: "${text}" is not an amount of US dollars such as 400`);
  return Number(match[1]);
}

function changeInput(options: ChangeOptions): ChangeInput & { changeId: string } {
  const input: ChangeInput & { changeId: string } = {
    changeId: options.changeId ?? newChangeId(),
    speed: options.speed,
  };
  if (options.maxMonthlyPrice !== undefined) input.maxMonthlyPriceUsd = priceFlag(options.maxMonthlyPrice);
  if (options.revertAfter !== undefined) input.revertAfter = options.revertAfter;
  return input;
}

/** The lines for a change that is ACTIVE. */
export function changeLines(serviceId: string, result: ChangeResult, revertAfter?: string): string[] {
  if (result.orderId === null) {
    return [`Service ${serviceId} is already at ${result.speed}: change ${result.changeId} ordered nothing.`];
  }
  const lines = [
    `Service ${serviceId} is ACTIVE at ${result.speed} (was ${result.previousSpeed}): change ${result.changeId}, ` +
      `order ${result.orderId}, quote ${result.quoteId}, $${result.monthlyPriceUsd}/month ($${result.hourlyPriceUsd}/hour), ` +
      `at ${formatTime(result.completedAt)}.`,
  ];
  const revertMs = revertAfter === undefined ? undefined : parseDuration(revertAfter);
  if (revertMs !== undefined) {
    const at = new Date(Date.parse(result.completedAt) + revertMs);
    lines.push(`It returns to ${result.previousSpeed} by itself at ${formatTime(at)}.`);
  }
  return lines;
}

export async function changeCommand(ctx: CliContext, serviceId: string, options: ChangeOptions): Promise<number> {
  const input = changeInput(options);
  try {
    // Checked before connecting, so a bad flag is exit 2 even when Temporal is down.
    checkedChange(input);
    const { client } = await ctx.temporal();
    const outcome = await changeBandwidth(client, serviceId, input, { wait: options.wait });
    if (options.json) writeJson(ctx.out, outcome);
    else if (outcome.status === 'ACCEPTED') {
      writeLine(ctx.out, `Change ${outcome.changeId} for service ${serviceId} accepted: to ${options.speed.trim()}.`);
      writeLine(ctx.out, `Follow it with: lumen-iod service ${serviceId}`);
    } else changeLines(serviceId, outcome, options.revertAfter).forEach((line) => writeLine(ctx.out, line));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidServiceInputError) throw invalidInput(error, FLAG_FOR_FIELD);
    throw error;
  }
}
