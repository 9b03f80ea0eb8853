// The running account: hours at each speed priced by the hour, exact to the second, months in UTC.
import {
  centsToUsd,
  chargedUntil,
  exceedsCents,
  monthCentSeconds,
  openAccount,
  projectedMonthCentSeconds,
  spendView,
  spendViewAt,
  withRate,
} from '../../domain/spend';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

test('10 hours at $0.46 then 5 hours at $1.84 cost exactly 10 × 0.46 + 5 × 1.84', () => {
  const start = at('2026-12-01T00:00:00Z');
  let account = openAccount(start, 46);
  account = withRate(account, start + 10 * HOUR, 184);
  const view = spendView(account, start + 15 * HOUR);
  expect(view).toMatchObject({ currency: 'USD', hourlyUsd: '1.84', accruedUsd: '13.80', monthToDateUsd: '13.80' });
  expect(view.since).toBe('2026-12-01T00:00:00.000Z');
  expect(view.asOf).toBe('2026-12-01T15:00:00.000Z');
});

test('a partial hour is charged by the second, not rounded up', () => {
  const start = at('2026-12-01T00:00:00Z');
  // 90 seconds at $36.00 an hour: 90 cents.
  expect(spendView(openAccount(start, 3_600), start + 90_000).accruedUsd).toBe('0.90');
  // 1 second at $0.46 an hour is 0.0128 cents: shown as 0.00, kept exactly.
  const oneSecond = chargedUntil(openAccount(start, 46), start + 1_000);
  expect(oneSecond.accruedCentSeconds).toBe(46);
  expect(spendView(oneSecond, start + 1_000).accruedUsd).toBe('0.00');
});

test('the projection is the month so far plus the current price until the month ends', () => {
  const start = at('2026-12-01T00:00:00Z');
  const account = openAccount(start, 46); // December has 744 hours
  expect(spendView(account, start).projectedMonthUsd).toBe('342.24');
  const later = withRate(account, start + 24 * HOUR, 184);
  // 24 h at 0.46 + 720 h at 1.84
  expect(spendView(later, start + 24 * HOUR).projectedMonthUsd).toBe('1335.84');
});

test('a month boundary closes the month: month to date starts again, the total and the closed month remain', () => {
  const account = openAccount(at('2026-11-30T22:00:00Z'), 100);
  const view = spendView(account, at('2026-12-01T03:00:00Z'));
  expect(view).toMatchObject({ accruedUsd: '5.00', monthToDateUsd: '3.00' });
  expect(centsToUsd(monthCentSeconds(account, '2026-11', at('2026-12-01T03:00:00Z')))).toBe('2.00');
  expect(centsToUsd(monthCentSeconds(account, '2026-12', at('2026-12-01T03:00:00Z')))).toBe('3.00');
});

test('a burst is projected at its price only for its revertAfter, then at the price it reverts to', () => {
  const start = at('2026-12-01T00:00:00Z');
  const account = openAccount(start, 100);
  const projected = projectedMonthCentSeconds(account, start, [
    { hourlyCents: 1_000, forMs: 4 * HOUR },
    { hourlyCents: 100 },
  ]);
  // 4 h at $10 + 740 h at $1
  expect(centsToUsd(projected)).toBe('780.00');
  expect(exceedsCents(projected, 78_000)).toBe(false);
  expect(exceedsCents(projected, 77_999)).toBe(true);
});

test('an Inactive service costs nothing more', () => {
  const start = at('2026-12-01T00:00:00Z');
  const gone = withRate(openAccount(start, 100), start + 2 * HOUR, 0);
  expect(spendView(gone, start + 50 * HOUR)).toMatchObject({ accruedUsd: '2.00', projectedMonthUsd: '2.00' });
});

test('a client brings a view up to the moment it asks at the current hourly price', () => {
  const start = at('2026-12-01T00:00:00Z');
  const asked = spendView(openAccount(start, 184), start + 2 * HOUR);
  const now = spendViewAt(asked, start + 5 * HOUR);
  expect(now).toMatchObject({ accruedUsd: '9.20', monthToDateUsd: '9.20', asOf: '2026-12-01T05:00:00.000Z' });
  expect(now.projectedMonthUsd).toBe(asked.projectedMonthUsd);
  // Across a month's end, month to date starts again.
  const late = spendView(openAccount(at('2026-11-30T23:00:00Z'), 100), at('2026-11-30T23:30:00Z'));
  expect(spendViewAt(late, at('2026-12-01T02:00:00Z'))).toMatchObject({ accruedUsd: '3.00', monthToDateUsd: '2.00' });
});
