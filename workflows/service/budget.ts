// The service's money in the workflow: the price of the speed it has (the quote of the order that set it,
// else the site's price list when the workflow learns the speed), the budget set by setBudget or the
// provisioning's request, and what happens when the month's projection goes over it: people are told
// once a month and, with a floor speed, the service lowers itself with one change (budget-<yyyy-mm>).
import { ApplicationFailure } from '@temporalio/workflow';
import type { BudgetAnswer, SetBudgetInput } from '../../domain/service';
import { parseSetBudget } from '../shared/parsers';
import { monthOf, type PlannedRate } from '../../domain/spend';
import { formatMbps, speedToMbps } from '../../domain/speed';
import { describeFailure, isActivityFailureOfType } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { announceBudgetExceeded } from './notifications';
import type { Service } from './state';

/** The site's list price for the speed the service has, charged from now; unknown prices are said so. */
export async function learnPrice(s: Service): Promise<void> {
  const { masterSiteId, mbps } = s.facts;
  if (!masterSiteId || mbps === undefined) return;
  try {
    const offer = await keepTrying(s.progress, 'price list', (reads) =>
      reads.qualifySpeed({
        customerNumber: s.plan.customerNumber,
        masterSiteId,
        siteLabel: "the service's site",
        mbps,
      }),
    );
    s.account.charge(Date.now(), offer.hourlyCents, mbps);
  } catch (error) {
    if (!isActivityFailureOfType(error, 'SpeedNotOffered')) throw error;
    s.progress.record(
      `The price of ${formatMbps(mbps)} is not known (${describeFailure(error)}); spend is not counted`,
    );
  }
}

/** Over budget for the month, told once; lowered to the floor speed when one is set. */
export async function checkBudget(s: Service): Promise<void> {
  const exceeded = s.account.newlyExceeded(Date.now(), plannedRates(s));
  if (!exceeded) return;
  const budget = s.account.budget!;
  const month = monthOf(Date.now());
  const floor = budget.floorMbps;
  const lowering = floor !== null && s.facts.mbps !== undefined && s.facts.mbps > floor;
  s.progress.record(
    `Budget exceeded: the month ${month} is projected at $${exceeded.projectedUsd}, above the budget of ` +
      `$${exceeded.budgetUsd}` +
      (lowering ? `; lowering the service to its floor of ${formatMbps(floor)}` : ''),
  );
  await announceBudgetExceeded(s, exceeded, lowering ? floor : null);
  const changeId = `budget-${month}`;
  if (lowering && !s.changes.entryOf(changeId)) s.changes.enqueue({ changeId, mbps: floor }, true);
}

/** From now on: the price now until a pending revert, then the price it reverts to. */
function plannedRates(s: Service): PlannedRate[] | undefined {
  const now = s.account.hourlyCents;
  const revert = s.revert;
  if (now === undefined || !revert || revert.hourlyCents === undefined) return undefined;
  return [{ hourlyCents: now, forMs: Math.max(0, revert.at - Date.now()) }, { hourlyCents: revert.hourlyCents }];
}

export function validateBudget(s: Service, input: SetBudgetInput): void {
  const parsed = parseSetBudget(input);
  if (!parsed.ok) throw new Error(parsed.message);
  if (s.status === 'DISCONNECTING' || s.status === 'DISCONNECTED') {
    throw new Error(`Service ${s.serviceId} is being disconnected: its budget no longer matters`);
  }
}

export async function setBudget(s: Service, input: SetBudgetInput): Promise<BudgetAnswer> {
  const parsed = parseSetBudget(input);
  if (!parsed.ok)
    throw ApplicationFailure.create({ type: 'InvalidRequest', message: parsed.message, nonRetryable: true });
  const { monthlyBudgetUsd, floorSpeed } = parsed.budget;
  const floorMbps = floorSpeed == null ? null : (speedToMbps(floorSpeed) as number);
  s.account.setBudget(
    monthlyBudgetUsd === null ? null : { monthlyCents: Math.round(monthlyBudgetUsd * 100), floorMbps },
  );
  s.progress.record(
    monthlyBudgetUsd === null
      ? 'Budget removed'
      : `Budget set to $${monthlyBudgetUsd.toFixed(2)} a month` +
          (floorMbps === null ? '' : `, falling back to ${formatMbps(floorMbps)} when exceeded`),
  );
  await checkBudget(s);
  return s.account.answer(Date.now());
}
