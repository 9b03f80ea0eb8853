// `lumen-iod adopt <serviceId> --customer C`: bring a service ordered elsewhere under management.
import { InvalidServiceInputError } from '../errors';
import { adoptService, checkedAdoption, type AdoptServiceInput } from '../service';
import { type CliContext, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { invalidInput } from './field-flags';

export interface AdoptOptions {
  customer: string;
  pollInterval?: string;
  json?: boolean;
}

const FLAG_FOR_FIELD = { serviceId: '<serviceId>', customerNumber: '--customer', pollInterval: '--poll-interval' };

export async function adoptCommand(ctx: CliContext, serviceId: string, options: AdoptOptions): Promise<number> {
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
