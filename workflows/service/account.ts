// What the service costs and may cost: its running account (domain/spend.ts) at the hourly price of the
// speed it has, and the monthly budget with the speed it falls back to. The account is published in the
// workflow's memo each time its price changes, so a customer's spend is listed without waking anyone.
import { upsertMemo } from '@temporalio/workflow';
import { centsToDecimal } from '../../domain/money';
import type { BudgetAnswer } from '../../domain/service';
import {
  centsToUsd,
  exceedsCents,
  monthOf,
  openAccount,
  projectedMonthCentSeconds,
  SPEND_MEMO,
  spendView,
  withRate,
  type PlannedRate,
  type SpendAccount,
  type SpendMemo,
  type SpendView,
} from '../../domain/spend';
import { formatMbps } from '../../domain/speed';

export interface Budget {
  monthlyCents: number;
  floorMbps: number | null;
}

/** What a continued run carries of the account. */
export interface CarriedAccount {
  account: SpendAccount | null;
  budget: Budget | null;
  /** The month whose budget was already found exceeded (told once a month). */
  exceededMonth: string | null;
}

export class ServiceAccount {
  private account: SpendAccount | null;
  private budgetSet: Budget | null;
  private exceededMonth: string | null;

  constructor(carried?: CarriedAccount) {
    this.account = carried?.account ?? null;
    this.budgetSet = carried?.budget ?? null;
    this.exceededMonth = carried?.exceededMonth ?? null;
  }

  /** Whether the service's price is known (its account is open). */
  get open(): boolean {
    return this.account !== null;
  }

  /** The price now, in cents an hour; undefined until known. */
  get hourlyCents(): number | undefined {
    return this.account?.hourlyCents;
  }

  get budget(): Budget | null {
    return this.budgetSet;
  }

  /**
   * From `atMs` the service runs at `hourlyCents` (0: Inactive); the account opens at the first price it
   * learns. Published in the memo with the speed.
   */
  charge(atMs: number, hourlyCents: number, mbps: number | undefined): void {
    if (this.account === null && hourlyCents === 0) return; // never priced: nothing to close
    if (this.account === null) this.account = openAccount(atMs, hourlyCents);
    else if (this.account.hourlyCents === hourlyCents) return;
    else this.account = withRate(this.account, Math.max(atMs, this.account.asOfMs), hourlyCents);
    const memo: SpendMemo = { speed: mbps === undefined ? null : formatMbps(mbps), account: this.account };
    upsertMemo({ [SPEND_MEMO]: memo });
  }

  view(nowMs: number): SpendView | null {
    return this.account === null ? null : spendView(this.account, nowMs);
  }

  /** The memo a continued run starts with (the server keeps a run's memo only when told). */
  memo(mbps: number | undefined): Record<string, unknown> {
    if (this.account === null) return {};
    const memo: SpendMemo = { speed: mbps === undefined ? null : formatMbps(mbps), account: this.account };
    return { [SPEND_MEMO]: memo };
  }

  setBudget(budget: Budget | null): void {
    this.budgetSet = budget;
    this.exceededMonth = null; // a new budget is judged afresh
  }

  answer(nowMs: number): BudgetAnswer {
    const projected = this.account === null ? null : projectedMonthCentSeconds(this.account, nowMs);
    return {
      monthlyBudgetUsd: this.budgetSet === null ? null : this.budgetSet.monthlyCents / 100,
      floorSpeed: this.budgetSet?.floorMbps == null ? null : formatMbps(this.budgetSet.floorMbps),
      projectedMonthUsd: projected === null ? null : centsToUsd(projected),
    };
  }

  /**
   * Why a change to `hourlyCents` must not be ordered, or undefined: its month projected at that price
   * (for a burst, only until it reverts) exceeds the budget. A change that lowers the price always may.
   */
  refusal(nowMs: number, hourlyCents: number, revert?: { afterMs: number }): string | undefined {
    if (this.budgetSet === null || this.account === null || hourlyCents <= this.account.hourlyCents) return undefined;
    const plan: PlannedRate[] = revert
      ? [{ hourlyCents, forMs: revert.afterMs }, { hourlyCents: this.account.hourlyCents }]
      : [{ hourlyCents }];
    const projected = projectedMonthCentSeconds(this.account, nowMs, plan);
    if (!exceedsCents(projected, this.budgetSet.monthlyCents)) return undefined;
    return (
      `the month ${monthOf(nowMs)} would come to $${centsToUsd(projected)} at $${centsToDecimal(hourlyCents)}/hour` +
      `${revert ? ' until it reverts' : ''}, above the budget of $${centsToDecimal(this.budgetSet.monthlyCents)}`
    );
  }

  /**
   * The month's projection over the budget, once a month: what to say, or undefined. `plan` is what the
   * service will cost from now on (a pending revert lowers it later).
   */
  newlyExceeded(nowMs: number, plan?: PlannedRate[]): { projectedUsd: string; budgetUsd: string } | undefined {
    if (this.budgetSet === null || this.account === null) return undefined;
    const month = monthOf(nowMs);
    const projected = projectedMonthCentSeconds(this.account, nowMs, plan);
    if (!exceedsCents(projected, this.budgetSet.monthlyCents) || this.exceededMonth === month) return undefined;
    this.exceededMonth = month;
    return { projectedUsd: centsToUsd(projected), budgetUsd: centsToDecimal(this.budgetSet.monthlyCents) };
  }

  carry(): CarriedAccount {
    return { account: this.account, budget: this.budgetSet, exceededMonth: this.exceededMonth };
  }
}
