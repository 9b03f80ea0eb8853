// A customer's spend across its services, read from what each service's workflow publishes in its memo
// (SPEND_MEMO): one visibility listing, no query, so no worker wakes however many services there are.
// Figures are brought up to the moment of asking at each service's current hourly price.
import type { Client } from '@temporalio/client';
import {
  centsToUsd,
  chargedUntil,
  monthCentSeconds,
  monthOf,
  nextMonthStart,
  projectedMonthCentSeconds,
  SPEND_MEMO,
  type SpendMemo,
} from '../domain/spend';
import { SERVICE_WORKFLOW_TYPE, serviceIdOf } from '../domain/service';
import { InvalidServiceInputError } from './errors';
import { quoteLiteral } from './list';
import { readKeyword } from './search-attributes';

export interface ServiceSpendRow {
  serviceId: string;
  status: string;
  speed: string | null;
  hourlyUsd: string;
  monthToDateUsd: string;
  projectedMonthUsd: string;
}

export interface CustomerSpend {
  customerNumber: string;
  /** "2026-12" */
  month: string;
  asOf: string;
  services: ServiceSpendRow[];
  totals: { monthToDateUsd: string; projectedMonthUsd: string };
}

export interface SpendOptions {
  /** "YYYY-MM"; the current month (UTC) by default. */
  month?: string;
  /** The moment to bring the figures up to; now by default. */
  now?: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Every managed service of the customer with its month to date and projected month: the running ones,
 * and those disconnected during the month asked. A past month's projection is what it came to.
 */
export async function customerSpend(
  client: Client,
  customerNumber: string,
  options: SpendOptions = {},
): Promise<CustomerSpend> {
  const nowMs = (options.now ?? new Date()).getTime();
  const month = options.month ?? monthOf(nowMs);
  const problems = [
    ...(customerNumber.trim() === '' ? ['customerNumber: must not be empty'] : []),
    ...(MONTH.test(month) ? [] : [`month: "${month}" is not a month like 2026-12`]),
    ...(MONTH.test(month) && month > monthOf(nowMs) ? [`month: ${month} has not begun`] : []),
  ];
  if (problems.length > 0) throw new InvalidServiceInputError('spend', problems);
  const monthStart = new Date(`${month}-01T00:00:00Z`);
  const isCurrent = month === monthOf(nowMs);
  // Until the month's end, or now for the current month: a past month's figures are final.
  const untilMs = isCurrent ? nowMs : nextMonthStart(monthStart.getTime());
  const query = [
    `WorkflowType = ${quoteLiteral(SERVICE_WORKFLOW_TYPE)}`,
    `LumenCustomerNumber = ${quoteLiteral(customerNumber)}`,
    // A continued run is the same service under an earlier run id; closed before the month, it cost nothing in it.
    `ExecutionStatus != 'ContinuedAsNew'`,
    `(ExecutionStatus = 'Running' OR CloseTime >= ${quoteLiteral(monthStart.toISOString())})`,
  ].join(' AND ');

  const services: ServiceSpendRow[] = [];
  let totalMonth = 0;
  let totalProjected = 0;
  for await (const info of client.workflow.list({ query, pageSize: 1_000 })) {
    const memo = info.memo?.[SPEND_MEMO] as SpendMemo | undefined;
    if (!memo?.account) continue; // a run that has not published its account yet
    const account = chargedUntil(memo.account, untilMs);
    const monthToDate = monthCentSeconds(account, month, untilMs);
    const projected = isCurrent ? projectedMonthCentSeconds(account, untilMs) : monthToDate;
    totalMonth += monthToDate;
    totalProjected += projected;
    services.push({
      serviceId:
        readKeyword(info.typedSearchAttributes, 'LumenServiceId') ?? serviceIdOf(info.workflowId) ?? info.workflowId,
      status: readKeyword(info.typedSearchAttributes, 'LumenStep') ?? (info.closeTime ? 'DISCONNECTED' : 'ACTIVE'),
      speed: memo.speed,
      hourlyUsd: centsToUsd(account.hourlyCents * 3_600),
      monthToDateUsd: centsToUsd(monthToDate),
      projectedMonthUsd: centsToUsd(projected),
    });
  }
  services.sort((a, b) => a.serviceId.localeCompare(b.serviceId));
  return {
    customerNumber,
    month,
    asOf: new Date(untilMs).toISOString(),
    services,
    totals: { monthToDateUsd: centsToUsd(totalMonth), projectedMonthUsd: centsToUsd(totalProjected) },
  };
}
