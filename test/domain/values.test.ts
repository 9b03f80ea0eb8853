import { formatDuration, parseDuration } from '../../domain/duration';
import { centsToDecimal, priceToCents } from '../../domain/money';
import { formatMbps, speedToMbps } from '../../domain/speed';

test.each([
  ['$331.20000000000005', 33120],
  ['$0.46', 46],
  ['331.2', 33120],
  ['$1,000.00', undefined],
  ['$0.005', 1],
  ['$0.0049', 0],
  [12.5, 1250],
  ['free', undefined],
])('price %p is %p cents', (price, cents) => {
  expect(priceToCents(price)).toBe(cents);
});

test('cents print as two-place decimals', () => {
  expect(centsToDecimal(33120)).toBe('331.20');
  expect(centsToDecimal(46)).toBe('0.46');
  expect(centsToDecimal(5)).toBe('0.05');
});

test.each([
  ['100 Mbps', 100],
  ['1000 mbps', 1000],
  ['1 gbps', 1000],
  ['1 Gbps', 1000],
  ['10Gbps', 10000],
  ['2.5 Gbps', 2500],
  ['fast', undefined],
  ['0 Mbps', undefined],
])('speed %p is %p Mbps', (speed, mbps) => {
  expect(speedToMbps(speed)).toBe(mbps);
});

test('speeds print in the unit people use', () => {
  expect(formatMbps(1000)).toBe('1 Gbps');
  expect(formatMbps(100)).toBe('100 Mbps');
  expect(formatMbps(2500)).toBe('2500 Mbps');
});

test.each([
  ['72 hours', 259_200_000],
  ['5 minutes', 300_000],
  ['90s', 90_000],
  ['1500', 1_500],
  [250, 250],
  ['2 fortnights', undefined],
  ['soon', undefined],
  [-1, undefined],
])('duration %p is %p ms', (text, ms) => {
  expect(parseDuration(text)).toBe(ms);
});

test('durations print in whole units', () => {
  expect(formatDuration(900_000)).toBe('15 minutes');
  expect(formatDuration(259_200_000)).toBe('3 days');
  expect(formatDuration(1_000)).toBe('1 second');
  expect(formatDuration(1_500)).toBe('1500 ms');
});
