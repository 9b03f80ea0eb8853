// The `--calendar` syntax of bandwidth schedules, read into Temporal's CalendarSpec:
//   dayOfWeek=MON-FRI,hour=8,minute=0       weekdays at 08:00
//   hour=8,20                              08:00 and 20:00 every day (a bare value continues the list)
//   dayOfMonth=1,hour=0                    midnight on the first of each month
//   minute=*/15,hour=*                     every quarter hour
// Fields: second, minute, hour, dayOfMonth, month, dayOfWeek, year. Values: N, A-B, A-B/STEP, */STEP, *;
// months JAN-DEC and days SUN-SAT by name (or full name). As in Temporal, second, minute and hour default to
// 0 and the other fields to every value, so "dayOfWeek=SAT" fires at midnight each Saturday.
import { DAYS_OF_WEEK, MONTHS, type CalendarSpec, type DayOfWeek, type Month, type Range } from '@temporalio/client';

type Field = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek' | 'year';

interface FieldRule {
  min: number;
  max: number;
  /** Names for values, indexed from min (months from 1, days of the week from 0 = Sunday). */
  names?: readonly string[];
}

const FIELDS: Record<Field, FieldRule> = {
  second: { min: 0, max: 59 },
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dayOfMonth: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: MONTHS },
  dayOfWeek: { min: 0, max: 6, names: DAYS_OF_WEEK },
  year: { min: 2000, max: 2999 },
};

const FIELD_NAMES = Object.keys(FIELDS) as Field[];

export type CalendarParseResult = { ok: true; spec: CalendarSpec } | { ok: false; problems: string[] };

const ITEM = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/;

/** A number or a name ("MON", "MONDAY", "jan") for the field; undefined if it is neither. */
function valueOf(text: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const upper = text.toUpperCase();
  const index = rule.names?.findIndex((name) => name === upper || (upper.length === 3 && name.startsWith(upper)));
  return index === undefined || index < 0 ? undefined : rule.min + index;
}

function readItem(field: Field, text: string, problems: string[]): Range<number> | undefined {
  const rule = FIELDS[field];
  const match = ITEM.exec(text);
  const hint = rule.names
    ? ` (${rule.names[0].slice(0, 3)}…, or ${rule.min}-${rule.max})`
    : ` (${rule.min}-${rule.max})`;
  if (!match) {
    problems.push(`${field}: "${text}" is not a value, a range A-B or a step A-B/N${hint}`);
    return undefined;
  }
  const [, first, last, stepText] = match;
  const star = first === '*';
  if (star && last !== undefined) {
    problems.push(`${field}: "${text}" cannot have a range after *`);
    return undefined;
  }
  const start = star ? rule.min : valueOf(first, rule);
  const end = star ? rule.max : last === undefined ? (stepText === undefined ? start : rule.max) : valueOf(last, rule);
  const step = stepText === undefined ? 1 : Number(stepText);
  for (const [value, raw] of [
    [start, first],
    [end, last ?? first],
  ] as const) {
    if (value === undefined || value < rule.min || value > rule.max) {
      problems.push(`${field}: "${raw}" is out of range${hint}`);
      return undefined;
    }
  }
  if ((end as number) < (start as number)) {
    problems.push(`${field}: "${text}" ends before it starts (write two ranges instead, e.g. ${field}=A-MAX,MIN-B)`);
    return undefined;
  }
  if (step < 1) {
    problems.push(`${field}: "${text}" needs a step of at least 1`);
    return undefined;
  }
  return { start: start as number, end: end as number, step };
}

function named<T extends string>(names: readonly T[], offset: number, range: Range<number>): Range<T> {
  return { start: names[range.start - offset], end: names[range.end - offset], step: range.step };
}

/** Reads "dayOfWeek=MON-FRI,hour=8,minute=0"; every problem names its field. */
export function parseCalendarSpec(text: string): CalendarParseResult {
  const problems: string[] = [];
  const fields = new Map<Field, string[]>();
  let current: Field | undefined;
  const tokens = text
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
  if (tokens.length === 0)
    return { ok: false, problems: ['calendar: is empty; e.g. dayOfWeek=MON-FRI,hour=8,minute=0'] };
  for (const token of tokens) {
    const equals = token.indexOf('=');
    if (equals < 0) {
      if (!current) {
        problems.push(`calendar: "${token}" needs a field first, e.g. hour=${token}`);
        continue;
      }
      fields.get(current)?.push(token);
      continue;
    }
    const name = token.slice(0, equals).trim();
    const field = FIELD_NAMES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!field) {
      problems.push(`calendar: "${name}" is not a field; use ${FIELD_NAMES.join(', ')}`);
      current = undefined;
      continue;
    }
    if (fields.has(field)) problems.push(`${field}: is given twice; list its values once, e.g. ${field}=1,5`);
    fields.set(field, [token.slice(equals + 1).trim()]);
    current = field;
  }
  const spec: CalendarSpec = {};
  for (const [field, items] of fields) {
    if (items.length === 1 && items[0] === '*') {
      spec[field] = '*';
      continue;
    }
    const ranges = items.map((item) => readItem(field, item, problems));
    if (ranges.some((range) => range === undefined)) continue;
    const read = ranges as Range<number>[];
    if (field === 'month') spec.month = read.map((range) => named<Month>(MONTHS, 1, range));
    else if (field === 'dayOfWeek') spec.dayOfWeek = read.map((range) => named<DayOfWeek>(DAYS_OF_WEEK, 0, range));
    else spec[field] = read;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec: { ...spec, comment: text.trim() } };
}
