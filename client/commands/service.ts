// `lumen-iod service <serviceId>`: one report combining Temporal's view and the service workflow's own.
import { ServiceNoWorkerAnsweredError, ServiceViewUnavailableError } from '../errors';
import { describeService, getService, getServiceOutcome } from '../service';
import type { CliContext } from './context';
import { EXIT } from './exit-codes';
import { serviceText, type ServiceReport } from './service-text';
import { answerOrWhyNot, writeReport } from './workflow-report';

export interface ServiceOptions {
  json?: boolean;
}

export async function serviceCommand(ctx: CliContext, serviceId: string, options: ServiceOptions): Promise<number> {
  const { client } = await ctx.temporal();
  const summary = await describeService(client, serviceId);
  const { answer: service, whyNot } = await answerOrWhyNot(
    () => getService(client, serviceId, { timeoutMs: 5_000 }),
    [ServiceNoWorkerAnsweredError, ServiceViewUnavailableError],
  );
  const report: ServiceReport = { summary, service, ...(whyNot === undefined ? {} : { serviceUnavailable: whyNot }) };
  if (summary.status !== 'Running') report.outcome = await getServiceOutcome(client, serviceId);
  writeReport(ctx, options.json, report, serviceText);
  return EXIT.ok;
}
