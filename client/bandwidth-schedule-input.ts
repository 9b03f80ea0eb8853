// A bandwidth schedule as a caller writes it (a speed, a cron expression or a calendar, a time zone), checked
// field by field before anything reaches Temporal, and turned into the Schedule's spec and memo.
import type { ScheduleSpec } from '@temporalio/client';
import { isScheduleName, scheduleIdFor } from '../domain/service';
import { serviceInputSchema } from '../domain/service-schemas';
import { formatMbps, speedToMbps } from '../domain/speed';
import { parseCalendarSpec } from './calendar-spec';
import type { BandwidthScheduleMemo } from './schedules';

export interface BandwidthScheduleInput {
  serviceId: string;
  /** Unique per service: 1-40 letters, digits, _ or -. */
  name: string;
  speed: string;
  /** A cron expression, e.g. "0 8 * * MON-FRI"; exactly one of cron and calendar. */
  cron?: string;
  /** The calendar syntax of calendar-spec.ts, e.g. "dayOfWeek=MON-FRI,hour=8,minute=0". */
  calendar?: string;
  /** An IANA time zone such as "America/Chicago"; UTC by default. */
  timezone?: string;
}

export type BandwidthScheduleParseResult =
  { ok: true; memo: BandwidthScheduleMemo; spec: ScheduleSpec; scheduleId: string } | { ok: false; problems: string[] };

const CRON_SHORTHAND = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly|every\s+\S+)$/i;

function cronProblems(cron: string): string[] {
  const text = cron.trim();
  if (/^(CRON_)?TZ=/i.test(text))
    return ['cron: give the time zone as timezone (--timezone), not inside the expression'];
  if (CRON_SHORTHAND.test(text)) return [];
  const fields = text.split(/\s+/).filter(Boolean).length;
  if (fields >= 5 && fields <= 7) return [];
  return [
    `cron: "${cron}" has ${fields} field${fields === 1 ? '' : 's'}; use 5 (minute hour day-of-month month day-of-week), 6 (… year) or 7 (second …), or @daily, @hourly…`,
  ];
}

/** True when the runtime knows the zone (an IANA name such as "Europe/Paris", or "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks every field of a schedule before anything is sent; each problem names its field. */
export function parseBandwidthSchedule(input: BandwidthScheduleInput): BandwidthScheduleParseResult {
  const problems: string[] = [];
  const serviceId = serviceInputSchema.shape.serviceId.safeParse(input.serviceId);
  if (!serviceId.success) problems.push(`serviceId: ${serviceId.error.issues[0].message}`);
  if (typeof input.name !== 'string' || !isScheduleName(input.name)) {
    problems.push(`name: "${String(input.name)}" must be 1-40 letters, digits, _ or -`);
  }
  const mbps = typeof input.speed === 'string' ? speedToMbps(input.speed) : undefined;
  if (mbps === undefined)
    problems.push(`speed: "${String(input.speed)}" is not a speed such as "100 Mbps" or "1 Gbps"`);
  const timezone = input.timezone?.trim() || 'UTC';
  if (!isTimeZone(timezone))
    problems.push(`timezone: "${timezone}" is not an IANA time zone such as "America/Chicago"`);
  const cron = input.cron?.trim() || undefined;
  const calendarText = input.calendar?.trim() || undefined;
  let spec: ScheduleSpec = { timezone };
  if ((cron === undefined) === (calendarText === undefined)) {
    problems.push(`cron, calendar: give exactly one of them (got ${cron === undefined ? 'neither' : 'both'})`);
  } else if (cron !== undefined) {
    problems.push(...cronProblems(cron));
    spec = { cronExpressions: [cron], timezone };
  } else {
    const calendar = parseCalendarSpec(calendarText as string);
    if (calendar.ok) spec = { calendars: [calendar.spec], timezone };
    else problems.push(...calendar.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const memo: BandwidthScheduleMemo = {
    serviceId: input.serviceId,
    name: input.name,
    speed: formatMbps(mbps as number),
    cron: cron ?? null,
    calendar: calendarText ?? null,
    timezone,
  };
  return { ok: true, memo, spec, scheduleId: scheduleIdFor(input.serviceId, input.name) };
}
