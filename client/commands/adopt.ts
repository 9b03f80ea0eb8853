// `lumen-iod adopt <serviceId> --customer C`: bring a service ordered elsewhere under management;
// `lumen-iod adopt --all --customer C`: every active or changing service of C that no workflow manages yet.
import { InvalidServiceInputError } from '../errors';
import { adoptAll, adoptService, checkedAdoption, type AdoptServiceInput } from '../service';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { invalidInput } from './field-flags';

export interface AdoptOptions {
  customer: string;
  pollInterval?: string;
  all?: boolean;
  json?: boolean;
}

const FLAG_FOR_FIELD = { serviceId: '<serviceId>', customerNumber: '--customer', pollInterval: '--poll-interval' };

export async function adoptCommand(
  ctx: CliContext,
  serviceId: string | undefined,
  options: AdoptOptions,
): Promise<number> {
  if (options.all) {
    if (serviceId !== undefined) throw new UsageError('give a <serviceId> or --all, not both');
    if (options.pollInterval !== undefined) throw new UsageError('--poll-interval applies to one service, not --all');
    return adoptAllCommand(ctx, options);
  }
  if (serviceId === undefined) throw new UsageError('missing <serviceId> (or --all for every service of the customer)');
  const input: AdoptServiceInput = { serviceId, customerNumber: options.customer };
  if (options.pollInterval !== undefined) input.pollInterval = options.pollInterval;
  try {
    // Checked before connecting, so a bad flag is exit 2 even when Temporal is down.
    checkedAdoption(input);
    const temporal = await ctx.temporal();
    const adopted = await adoptService(temporal.client, input, { taskQueue: temporal.taskQueue });
    const { workflowId, runId, taskQueue } = adopted;
    if (options.json) {
      writeJson(ctx.out, { serviceId, workflowId, runId, taskQueue });
    } else {
      writeLine(ctx.out, `Adopted service ${serviceId} as workflow ${workflowId} (run ${runId}) on ${taskQueue}.`);
      writeLine(ctx.out, `Follow it with: lumen-iod service ${serviceId}`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidServiceInputError) throw invalidInput(error, FLAG_FOR_FIELD);
    throw error;
  }
}

async function adoptAllCommand(ctx: CliContext, options: AdoptOptions): Promise<number> {
  try {
    if (!options.customer.trim())
      throw new InvalidServiceInputError('adopt --all', ['customerNumber: must not be empty']);
    const temporal = await ctx.temporal();
    const result = await adoptAll(
      temporal.client,
      { customerNumber: options.customer },
      { taskQueue: temporal.taskQueue },
    );
    if (options.json) {
      writeJson(ctx.out, result);
      return EXIT.ok;
    }
    writeLine(
      ctx.out,
      `Customer ${result.customerNumber}: ${result.adopted.length} adopted, ${result.skipped.length} skipped.`,
    );
    for (const service of result.adopted) {
      writeLine(
        ctx.out,
        `  adopted  ${service.serviceId}  ${service.lumenStatus}, ${service.speed ?? 'unknown speed'} → ${service.workflowId}`,
      );
    }
    for (const service of result.skipped) {
      writeLine(ctx.out, `  skipped  ${service.serviceId}  ${service.lumenStatus}: ${service.reason}`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidServiceInputError) throw invalidInput(error, FLAG_FOR_FIELD);
    throw error;
  }
}
