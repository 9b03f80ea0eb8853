// `lumen-iod order`: start a provisioning from flags and/or a request file, and optionally follow it.
import { InvalidProvisioningRequestError } from '../errors';
import { startProvisioning } from '../start';
import { parseProvisioningRequest, type ProvisioningRequestInput } from '../../domain/request';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { follow, intervalFlag } from './follow';
import { readRequestFile, requestFromFlags, withFlag, type OrderFlags } from './order-request';

export interface OrderOptions extends OrderFlags {
  wait?: boolean;
  watch?: boolean;
  json?: boolean;
  interval?: string;
}

function invalid(problems: string[]): never {
  throw new UsageError('invalid request, nothing was started:', ...problems.map((problem) => `  ${withFlag(problem)}`));
}

export async function orderCommand(ctx: CliContext, options: OrderOptions): Promise<number> {
  const intervalMs = intervalFlag(options.interval);
  const file = options.file === undefined ? {} : readRequestFile(options.file);
  // The library validates with the workflow's schema; the cast only hands it over.
  const request = requestFromFlags(options, file) as ProvisioningRequestInput;
  // Checked before connecting so a bad flag is exit 2 even when Temporal is down; start checks again.
  const parsed = parseProvisioningRequest(request);
  if (!parsed.ok) invalid(parsed.problems);
  const temporal = await ctx.temporal();
  let started;
  try {
    started = await startProvisioning(temporal.client, request, { taskQueue: temporal.taskQueue });
  } catch (error) {
    if (error instanceof InvalidProvisioningRequestError) invalid(error.problems);
    throw error;
  }
  const { requestId, workflowId, runId, taskQueue, alreadyStarted } = started;
  const following = Boolean(options.watch || options.wait);
  if (options.json && !following) {
    writeJson(ctx.out, { requestId, workflowId, runId, taskQueue, alreadyStarted });
    return EXIT.ok;
  }
  if (!options.json) {
    writeLine(
      ctx.out,
      alreadyStarted
        ? `Provisioning ${requestId} was already started with this same request as workflow ${workflowId} (run ${runId}) on ${taskQueue}; it was not started again.`
        : `Started provisioning ${requestId} as workflow ${workflowId} (run ${runId}) on ${taskQueue}.`,
    );
    if (!following) writeLine(ctx.out, `Follow it with: lumen-iod watch ${requestId}`);
  }
  if (!following) return EXIT.ok;
  return follow(ctx, temporal.client, requestId, {
    progress: Boolean(options.watch),
    json: Boolean(options.json),
    intervalMs,
  });
}
