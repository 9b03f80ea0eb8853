import { parseBandwidthSchedule, parseCalendarSpec } from '../../client';

describe('the --calendar syntax', () => {
  test('weekdays at 08:00, with day names as ranges', () => {
    expect(parseCalendarSpec('dayOfWeek=MON-FRI,hour=8,minute=0')).toEqual({
      ok: true,
      spec: {
        dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }],
        hour: [{ start: 8, end: 8, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
        comment: 'dayOfWeek=MON-FRI,hour=8,minute=0',
      },
    });
  });

  test('a bare value continues the field before it; steps, stars, full names and any case', () => {
    const parsed = parseCalendarSpec(' hour = 8, 20 , minute=*/15, month=jan-March, dayofweek=saturday,sun ');
    expect(parsed).toMatchObject({
      ok: true,
      spec: {
        hour: [
          { start: 8, end: 8, step: 1 },
          { start: 20, end: 20, step: 1 },
        ],
        minute: [{ start: 0, end: 59, step: 15 }],
        month: [{ start: 'JANUARY', end: 'MARCH', step: 1 }],
        dayOfWeek: [
          { start: 'SATURDAY', end: 'SATURDAY', step: 1 },
          { start: 'SUNDAY', end: 'SUNDAY', step: 1 },
        ],
      },
    });
    expect(parseCalendarSpec('second=*,minute=5/20')).toMatchObject({
      ok: true,
      spec: { second: '*', minute: [{ start: 5, end: 59, step: 20 }] },
    });
  });

  test('every problem names its field', () => {
    expect(parseCalendarSpec('hour=25,minute=0-70,dayOfWeek=FRI-MON,weekday=1,8,hour=3')).toEqual({
      ok: false,
      problems: [
        'calendar: "weekday" is not a field; use second, minute, hour, dayOfMonth, month, dayOfWeek, year',
        'calendar: "8" needs a field first, e.g. hour=8',
        'hour: is given twice; list its values once, e.g. hour=1,5',
        'minute: "70" is out of range (0-59)',
        'dayOfWeek: "FRI-MON" ends before it starts (write two ranges instead, e.g. dayOfWeek=A-MAX,MIN-B)',
      ],
    });
    expect(parseCalendarSpec('  ')).toEqual({
      ok: false,
      problems: ['calendar: is empty; e.g. dayOfWeek=MON-FRI,hour=8,minute=0'],
    });
    expect(parseCalendarSpec('month=13,dayOfMonth=x')).toEqual({
      ok: false,
      problems: ['month: "13" is out of range (JAN…, or 1-12)', 'dayOfMonth: "x" is out of range (1-31)'],
    });
  });
});

describe('a bandwidth schedule is checked field by field before anything is sent', () => {
  test('a valid one gets its schedule id, its speed in canonical form and UTC by default', () => {
    expect(
      parseBandwidthSchedule({ serviceId: '77133831778', name: 'nights', speed: '1000 mbps', cron: '0 22 * * *' }),
    ).toEqual({
      ok: true,
      scheduleId: 'iod-schedule-77133831778-nights',
      memo: {
        serviceId: '77133831778',
        name: 'nights',
        speed: '1 Gbps',
        cron: '0 22 * * *',
        calendar: null,
        timezone: 'UTC',
      },
      spec: { cronExpressions: ['0 22 * * *'], timezone: 'UTC' },
    });
  });

  test('name, speed, cron or calendar (exactly one) and the time zone each fail with their own line', () => {
    expect(
      parseBandwidthSchedule({ serviceId: 'x y', name: 'night shift', speed: 'fast', timezone: 'Mars/Olympus' }),
    ).toEqual({
      ok: false,
      problems: [
        'serviceId: must be a Lumen service id such as 77133831778',
        'name: "night shift" must be 1-40 letters, digits, _ or -',
        'speed: "fast" is not a speed such as "100 Mbps" or "1 Gbps"',
        'timezone: "Mars/Olympus" is not an IANA time zone such as "America/Chicago"',
        'cron, calendar: give exactly one of them (got neither)',
      ],
    });
    const both = parseBandwidthSchedule({
      serviceId: 'S',
      name: 'n',
      speed: '1 Gbps',
      cron: '@daily',
      calendar: 'hour=1',
    });
    expect(both).toEqual({ ok: false, problems: ['cron, calendar: give exactly one of them (got both)'] });
    const fields = parseBandwidthSchedule({ serviceId: 'S', name: 'n', speed: '1 Gbps', cron: '0 8 *' });
    expect(fields).toEqual({
      ok: false,
      problems: [
        'cron: "0 8 *" has 3 fields; use 5 (minute hour day-of-month month day-of-week), 6 (… year) or 7 (second …), or @daily, @hourly…',
      ],
    });
    const zoned = parseBandwidthSchedule({ serviceId: 'S', name: 'n', speed: '1 Gbps', cron: 'CRON_TZ=UTC 0 8 * * *' });
    expect(zoned).toEqual({
      ok: false,
      problems: ['cron: give the time zone as timezone (--timezone), not inside the expression'],
    });
    const calendar = parseBandwidthSchedule({ serviceId: 'S', name: 'n', speed: '1 Gbps', calendar: 'hour=24' });
    expect(calendar).toEqual({ ok: false, problems: ['hour: "24" is out of range (0-23)'] });
  });

  test('IANA zones and their aliases are accepted', () => {
    for (const timezone of ['America/Chicago', 'Europe/Paris', 'UTC', 'US/Pacific']) {
      expect(parseBandwidthSchedule({ serviceId: 'S', name: 'n', speed: '1 Gbps', cron: '@daily', timezone }).ok).toBe(
        true,
      );
    }
  });
});
