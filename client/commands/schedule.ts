// `lumen-iod schedule add|list|pause|resume|remove`: bandwidth calendars, one Temporal Schedule per rule.
import { InvalidServiceInputError } from '../errors';
import {
  addBandwidthSchedule,
  listBandwidthSchedules,
  pauseBandwidthSchedule,
  removeBandwidthSchedule,
  resumeBandwidthSchedule,
  type BandwidthSchedule,
} from '../schedules';
import { parseBandwidthSchedule, type BandwidthScheduleInput } from '../bandwidth-schedule-input';
import { type CliContext, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { invalidInput } from './field-flags';
import { textTable } from './list';
import { formatTime } from './progress-lines';

export const CALENDAR_HELP = `Calendar syntax (--calendar), comma-separated field=value pairs:
  dayOfWeek=MON-FRI,hour=8,minute=0    weekdays at 08:00
  hour=8,20                            08:00 and 20:00 every day (a bare value
                                       continues the field before it)
  dayOfMonth=1,hour=0                  midnight on the 1st of each month
  minute=*/15,hour=*                   every quarter of an hour
  Fields: second, minute, hour, dayOfMonth, month, dayOfWeek, year.
  Values: N, A-B, A-B/STEP, */STEP, *; months JAN-DEC and days SUN-SAT by
  name. second, minute and hour default to 0, the others to every value, so
  "dayOfWeek=SAT" fires at midnight each Saturday.
Cron (--cron) is the classic 5 fields, e.g. "0 22 * * *", or @daily, @hourly.
Times are read in --timezone (an IANA name such as America/Chicago; UTC by
default). Firings queue behind a running one and apply in order, so the
service ends at the latest speed; a firing missed by more than an hour while
Temporal was down is skipped, not applied late.`;

export interface ScheduleAddOptions {
  name: string;
  speed: string;
  cron?: string;
  calendar?: string;
  timezone?: string;
  json?: boolean;
}

const FLAG_FOR_FIELD = {
  serviceId: '<serviceId>',
  name: '--name',
  speed: '--speed',
  cron: '--cron',
  calendar: '--calendar',
  'cron, calendar': '--cron or --calendar',
  timezone: '--timezone',
  ...Object.fromEntries(
    ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'year'].map((field) => [field, '--calendar']),
  ),
};

const when = (schedule: BandwidthSchedule) => schedule.cron ?? schedule.calendar ?? '-';

function upcoming(schedule: BandwidthSchedule, count: number): string {
  return schedule.nextFirings.length === 0
    ? 'none'
    : schedule.nextFirings
        .slice(0, count)
        .map((time) => formatTime(time))
        .join(', ');
}

async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidServiceInputError) throw invalidInput(error, FLAG_FOR_FIELD);
    throw error;
  }
}

export async function scheduleAddCommand(
  ctx: CliContext,
  serviceId: string,
  options: ScheduleAddOptions,
): Promise<number> {
  const input: BandwidthScheduleInput = { serviceId, ...options };
  return asUsage(async () => {
    // Checked before connecting, so a bad flag is exit 2 even when Temporal is down.
    const parsed = parseBandwidthSchedule(input);
    if (!parsed.ok) throw new InvalidServiceInputError('bandwidth schedule', parsed.problems);
    const temporal = await ctx.temporal();
    const schedule = await addBandwidthSchedule(temporal.client, input, { taskQueue: temporal.taskQueue });
    if (options.json) {
      writeJson(ctx.out, schedule);
    } else {
      writeLine(
        ctx.out,
        `Added bandwidth schedule ${schedule.name} for service ${serviceId} (schedule ${schedule.scheduleId}): ` +
          `${schedule.speed} at "${when(schedule)}" (${schedule.timezone}).`,
      );
      writeLine(ctx.out, `Next firings: ${upcoming(schedule, 3)}`);
    }
    return EXIT.ok;
  });
}

const COLUMNS: [string, (row: BandwidthSchedule) => string][] = [
  ['SERVICE', (row) => row.serviceId],
  ['NAME', (row) => row.name],
  ['SPEED', (row) => row.speed],
  ['WHEN', when],
  ['TIMEZONE', (row) => row.timezone],
  ['STATE', (row) => (row.paused ? 'paused' : 'active')],
  ['NEXT', (row) => (row.paused || row.nextFirings.length === 0 ? '-' : formatTime(row.nextFirings[0]))],
  [
    'LAST',
    (row) => (row.recentFirings.length ? formatTime(row.recentFirings[row.recentFirings.length - 1].scheduledAt) : '-'),
  ],
];

export async function scheduleListCommand(
  ctx: CliContext,
  serviceId: string | undefined,
  options: { json?: boolean },
): Promise<number> {
  const { client } = await ctx.temporal();
  const schedules = await listBandwidthSchedules(client, serviceId);
  if (options.json) writeJson(ctx.out, schedules);
  else if (schedules.length === 0) {
    writeLine(ctx.out, serviceId ? `No bandwidth schedules for service ${serviceId}.` : 'No bandwidth schedules.');
  } else textTable(COLUMNS, schedules).forEach((line) => writeLine(ctx.out, line));
  return EXIT.ok;
}

export type ScheduleAction = 'pause' | 'resume' | 'remove';

export async function scheduleActionCommand(
  ctx: CliContext,
  action: ScheduleAction,
  serviceId: string,
  name: string,
  options: { json?: boolean },
): Promise<number> {
  return asUsage(async () => {
    const { client } = await ctx.temporal();
    if (action === 'remove') {
      await removeBandwidthSchedule(client, serviceId, name);
      if (options.json) writeJson(ctx.out, { serviceId, name, removed: true });
      else writeLine(ctx.out, `Removed bandwidth schedule ${name} of service ${serviceId}.`);
      return EXIT.ok;
    }
    const schedule =
      action === 'pause'
        ? await pauseBandwidthSchedule(client, serviceId, name)
        : await resumeBandwidthSchedule(client, serviceId, name);
    if (options.json) writeJson(ctx.out, schedule);
    else if (action === 'pause') {
      writeLine(
        ctx.out,
        `Paused bandwidth schedule ${name} of service ${serviceId}; resume it with: lumen-iod schedule resume ${serviceId} ${name}`,
      );
    } else {
      writeLine(
        ctx.out,
        `Resumed bandwidth schedule ${name} of service ${serviceId}; next firings: ${upcoming(schedule, 3)}`,
      );
    }
    return EXIT.ok;
  });
}
