// `lumen-iod quote`: the price of a request before ordering it (steps 1–5 on the worker, nothing ordered).
import type { ProvisioningQuote } from '../../domain/quote';
import { parseProvisioningRequest, type ProvisioningRequestInput } from '../../domain/request';
import { InvalidProvisioningRequestError } from '../errors';
import { quoteProvisioning } from '../quote';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { readRequestFile, requestFromFlags, withFlag, type OrderFlags } from './order-request';

export interface QuoteCommandOptions extends OrderFlags {
  json?: boolean;
}

function invalid(problems: string[]): never {
  throw new UsageError('invalid request, nothing was priced:', ...problems.map((problem) => `  ${withFlag(problem)}`));
}

export async function quoteCommand(ctx: CliContext, options: QuoteCommandOptions): Promise<number> {
  const file = options.file === undefined ? {} : readRequestFile(options.file);
  const request = requestFromFlags(options, file) as ProvisioningRequestInput;
  const parsed = parseProvisioningRequest(request);
  if (!parsed.ok) invalid(parsed.problems);
  const temporal = await ctx.temporal();
  let quote: ProvisioningQuote;
  try {
    quote = await quoteProvisioning(temporal.client, request, { taskQueue: temporal.taskQueue });
  } catch (error) {
    if (error instanceof InvalidProvisioningRequestError) invalid(error.problems);
    throw error;
  }
  if (options.json) {
    writeJson(ctx.out, quote);
    return EXIT.ok;
  }
  for (const line of quoteLines(quote)) writeLine(ctx.out, line);
  return EXIT.ok;
}

export function quoteLines(q: ProvisioningQuote): string[] {
  return [
    `Quote ${q.quoteId} for request ${q.requestId}: ${q.speed} at $${q.hourlyUsd}/hour, $${q.monthlyUsd}/month`,
    `  site        ${q.masterSiteId} (${q.site}), partner ${q.partnerId}`,
    `  billing     ${q.billingAccountId}`,
    `  valid until ${q.expiresAt}`,
    `  offered     ${q.offeredSpeeds.join(', ')}`,
    'Nothing was ordered. Order it with: lumen-iod order --file <the same request>',
  ];
}
