// `lumen-iod service <serviceId>`: one report combining Temporal's view and the service workflow's own.
import { ServiceNoWorkerAnsweredError, ServiceViewUnavailableError } from '../errors';
import { describeService, getService, getServiceOutcome } from '../service';
import { type CliContext, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { serviceText, type ServiceReport } from './service-text';

export interface ServiceOptions {
  json?: boolean;
}

export async function serviceCommand(ctx: CliContext, serviceId: string, options: ServiceOptions): Promise<number> {
  const { client } = await ctx.temporal();
  const summary = await describeService(client, serviceId);
  const report: ServiceReport = { summary, service: null };
  try {
    report.service = await getService(client, serviceId, { timeoutMs: 5_000 });
  } catch (error) {
    // Without a worker the report still has what Temporal itself knows.
    if (!(error instanceof ServiceNoWorkerAnsweredError || error instanceof ServiceViewUnavailableError)) throw error;
    report.serviceUnavailable = error.message;
  }
  if (summary.status !== 'Running') report.outcome = await getServiceOutcome(client, serviceId);
  if (options.json) writeJson(ctx.out, report);
  else serviceText(report).forEach((line) => writeLine(ctx.out, line));
  return EXIT.ok;
}
