// What a service costs: a running account of the hours at each speed, priced by the hour. Pure, so the
// service's workflow keeps it and the client brings it up to the moment it asks with the same arithmetic.
//
// Money is exact: prices are integer cents an hour, and the account keeps cent-seconds (cents × seconds),
// so a period charged pro rata by the second is a whole number and nothing is ever rounded inside. How
// Lumen rounds a partial hour is not published (lumen/assumptions.ts): the account does not round at all.
// Only what is shown is rounded, to the cent.

const SECONDS_PER_HOUR = 3_600;
/** Closed months kept in the account (with the current one, a year and a month). */
const MONTHS_KEPT = 13;

export interface SpendAccount {
  /** ISO time accounting began (a provisioned service: its activatedAt). */
  since: string;
  /** The price of the speed the service has now, in cents an hour; 0 once it is Inactive. */
  hourlyCents: number;
  /** Epoch ms up to which the figures below are charged. */
  asOfMs: number;
  /** Everything since `since`, in cent-seconds. */
  accruedCentSeconds: number;
  /** The calendar month (UTC) of asOfMs, "2026-12". */
  month: string;
  /** That month up to asOfMs, in cent-seconds. */
  monthCentSeconds: number;
  /** Earlier months' totals in cent-seconds, the latest MONTHS_KEPT only. */
  closedMonths: Record<string, number>;
}

/** What the service query, the result and the spend listing show. */
export interface SpendView {
  currency: 'USD';
  hourlyUsd: string;
  accruedUsd: string;
  monthToDateUsd: string;
  projectedMonthUsd: string;
  since: string;
  asOf: string;
}

/** "2026-12" for a time in December 2026, UTC. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Epoch ms of the first instant of the month after the one holding `ms`, UTC. */
export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function openAccount(atMs: number, hourlyCents: number): SpendAccount {
  return {
    since: new Date(atMs).toISOString(),
    hourlyCents,
    asOfMs: atMs,
    accruedCentSeconds: 0,
    month: monthOf(atMs),
    monthCentSeconds: 0,
    closedMonths: {},
  };
}

/** The account charged at its hourly price up to `toMs` (never backwards), months closed as they end. */
export function chargedUntil(account: SpendAccount, toMs: number): SpendAccount {
  let next = { ...account, closedMonths: { ...account.closedMonths } };
  while (next.asOfMs < toMs) {
    const until = Math.min(toMs, nextMonthStart(next.asOfMs));
    // Whole seconds: workflow time is in ms, and a charge by the second is what the rule says.
    const seconds = Math.floor(until / 1_000) - Math.floor(next.asOfMs / 1_000);
    const charge = next.hourlyCents * seconds;
    next.accruedCentSeconds += charge;
    next.monthCentSeconds += charge;
    next.asOfMs = until;
    if (monthOf(until) !== next.month) {
      next.closedMonths[next.month] = next.monthCentSeconds;
      next = { ...next, month: monthOf(until), monthCentSeconds: 0, closedMonths: latest(next.closedMonths) };
    }
  }
  return next;
}

/** From `atMs` on, the service is charged at `hourlyCents` (0: it is Inactive). */
export function withRate(account: SpendAccount, atMs: number, hourlyCents: number): SpendAccount {
  return { ...chargedUntil(account, atMs), hourlyCents };
}

/** One stretch of a plan: a price an hour, for `forMs` (the last stretch runs to the month's end). */
export interface PlannedRate {
  hourlyCents: number;
  forMs?: number;
}

/**
 * The month of `atMs` as it would end: charged up to `atMs` as it stands, then at each planned price in
 * turn (a burst's price for its revertAfter, then the price it reverts to), in cent-seconds.
 */
export function projectedMonthCentSeconds(account: SpendAccount, atMs: number, plan?: PlannedRate[]): number {
  const now = chargedUntil(account, atMs);
  const end = nextMonthStart(atMs);
  let at = atMs;
  let total = now.monthCentSeconds;
  for (const stretch of plan ?? [{ hourlyCents: now.hourlyCents }]) {
    if (at >= end) break;
    const until = stretch.forMs === undefined ? end : Math.min(end, at + stretch.forMs);
    total += stretch.hourlyCents * (Math.floor(until / 1_000) - Math.floor(at / 1_000));
    at = until;
  }
  return total;
}

/** The account as shown, brought up to `atMs` at the current price. */
export function spendView(account: SpendAccount, atMs: number): SpendView {
  const now = chargedUntil(account, atMs);
  return {
    currency: 'USD',
    hourlyUsd: centsToUsd(now.hourlyCents * SECONDS_PER_HOUR),
    accruedUsd: centsToUsd(now.accruedCentSeconds),
    monthToDateUsd: centsToUsd(now.monthCentSeconds),
    projectedMonthUsd: centsToUsd(projectedMonthCentSeconds(now, atMs)),
    since: account.since,
    asOf: new Date(Math.max(atMs, account.asOfMs)).toISOString(),
  };
}

/** A month's total in cent-seconds as of `atMs`: the current month charged up to then, or a closed one. */
export function monthCentSeconds(account: SpendAccount, month: string, atMs: number): number {
  const now = chargedUntil(account, atMs);
  if (month === now.month) return now.monthCentSeconds;
  return now.closedMonths[month] ?? 0;
}

/** Cent-seconds as a decimal string of dollars, rounded half up to the cent: 59_616_000 → "165.60". */
export function centsToUsd(centSeconds: number): string {
  const cents = Math.floor((centSeconds + SECONDS_PER_HOUR / 2) / SECONDS_PER_HOUR);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whether cent-seconds exceed a sum of whole cents, exactly. */
export function exceedsCents(centSeconds: number, cents: number): boolean {
  return centSeconds > cents * SECONDS_PER_HOUR;
}

function latest(months: Record<string, number>): Record<string, number> {
  const kept = Object.keys(months).sort().slice(-MONTHS_KEPT);
  return Object.fromEntries(kept.map((month) => [month, months[month]]));
}

/** The memo key under which a service's workflow publishes its account, so a listing reads it unwoken. */
export const SPEND_MEMO = 'spend';

/** What a service's workflow publishes in its memo each time its rate or status changes. */
export interface SpendMemo {
  /** "100 Mbps"; null when unknown. */
  speed: string | null;
  account: SpendAccount;
}

/**
 * A view brought up to `nowMs` at its hourly price, as a client does with what a query answered (a query
 * cannot read the clock). Shown figures are rounded to the cent, so the result may differ from the
 * workflow's own account by a cent.
 */
export function spendViewAt(view: SpendView, nowMs: number): SpendView {
  const asOfMs = Date.parse(view.asOf);
  if (!(nowMs > asOfMs)) return view;
  const hourlyCents = usdToCents(view.hourlyUsd);
  const account: SpendAccount = {
    since: view.since,
    hourlyCents,
    asOfMs,
    accruedCentSeconds: usdToCents(view.accruedUsd) * SECONDS_PER_HOUR,
    month: monthOf(asOfMs),
    monthCentSeconds: usdToCents(view.monthToDateUsd) * SECONDS_PER_HOUR,
    closedMonths: {},
  };
  return { ...spendView(account, nowMs), since: view.since };
}

function usdToCents(usd: string): number {
  const [whole, fraction = ''] = usd.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return usd.startsWith('-') ? -cents : cents;
}
