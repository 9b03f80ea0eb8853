// `lumen-iod status <requestId>`: one report combining Temporal's view and the workflow's own.
import { NoWorkerAnsweredError, StatusUnavailableError } from '../errors';
import { describeProvisioning, getOutcome, getStatus } from '../provisioning';
import { type CliContext, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { statusText, type StatusReport } from './status-text';

export interface StatusOptions {
  json?: boolean;
}

export async function statusCommand(ctx: CliContext, requestId: string, options: StatusOptions): Promise<number> {
  const { client } = await ctx.temporal();
  const summary = await describeProvisioning(client, requestId);
  const report: StatusReport = { summary, progress: null };
  try {
    report.progress = await getStatus(client, requestId, { timeoutMs: 5_000 });
  } catch (error) {
    // Without a worker the report still has what Temporal itself knows.
    if (!(error instanceof NoWorkerAnsweredError || error instanceof StatusUnavailableError)) throw error;
    report.progressUnavailable = error.message;
  }
  if (summary.status !== 'Running') report.outcome = await getOutcome(client, requestId);
  if (options.json) writeJson(ctx.out, report);
  else statusText(report).forEach((line) => writeLine(ctx.out, line));
  return EXIT.ok;
}
