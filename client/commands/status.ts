// `lumen-iod status <requestId>`: one report combining Temporal's view and the workflow's own.
import { NoWorkerAnsweredError, StatusUnavailableError } from '../errors';
import { describeProvisioning, getOutcome, getStatus } from '../provisioning';
import type { CliContext } from './context';
import { EXIT } from './exit-codes';
import { statusText, type StatusReport } from './status-text';
import { answerOrWhyNot, writeReport } from './workflow-report';

export interface StatusOptions {
  json?: boolean;
}

export async function statusCommand(ctx: CliContext, requestId: string, options: StatusOptions): Promise<number> {
  const { client } = await ctx.temporal();
  const summary = await describeProvisioning(client, requestId);
  const { answer: progress, whyNot } = await answerOrWhyNot(
    () => getStatus(client, requestId, { timeoutMs: 5_000 }),
    [NoWorkerAnsweredError, StatusUnavailableError],
  );
  const report: StatusReport = { summary, progress, ...(whyNot === undefined ? {} : { progressUnavailable: whyNot }) };
  if (summary.status !== 'Running') report.outcome = await getOutcome(client, requestId);
  writeReport(ctx, options.json, report, statusText);
  return EXIT.ok;
}
