import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { adoptService } from '../../client';
import { startDevEnvironment } from '../env/temporal';
import { eventually } from '../client/eventually';
import { uniqueServiceId } from '../client/services';
import { cliEnv, runCli } from './run-cli';

// No worker: a schedule is added, listed, paused, resumed and removed without any workflow running.
const taskQueue = 'cli-schedule';
let env: TestWorkflowEnvironment;
let cli: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = await startDevEnvironment();
  cli = cliEnv({ TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue });
});

afterAll(async () => {
  await env?.teardown();
});

/** A service workflow started on a task queue nobody polls: schedules need it to exist, not to run. */
async function adopted(prefix: string): Promise<string> {
  const serviceId = uniqueServiceId(prefix);
  await adoptService(env.client, { serviceId, customerNumber: '1-SVC' }, { taskQueue });
  return serviceId;
}

const TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ';

test('add, list, pause, resume and remove a bandwidth schedule from the command line', async () => {
  const serviceId = await adopted('CS');
  const add = await runCli(
    [
      'schedule',
      'add',
      serviceId,
      '--name',
      'mornings',
      '--speed',
      '1 Gbps',
      '--calendar',
      'dayOfWeek=MON-FRI,hour=8,minute=0',
      '--timezone',
      'America/Chicago',
    ],
    cli,
  );
  expect(add).toMatchObject({ code: 0, stderr: '' });
  expect(add.stdout).toMatch(
    new RegExp(
      `^Added bandwidth schedule mornings for service ${serviceId} \\(schedule iod-schedule-${serviceId}-mornings\\): ` +
        `1 Gbps at "dayOfWeek=MON-FRI,hour=8,minute=0" \\(America/Chicago\\)\\.\nNext firings: ${TIME}, ${TIME}, ${TIME}\n$`,
    ),
  );
  const cron = await runCli(
    ['schedule', 'add', serviceId, '--name', 'nights', '--speed', '100 Mbps', '--cron', '0 22 * * *', '--json'],
    cli,
  );
  expect(JSON.parse(cron.stdout)).toMatchObject({ name: 'nights', cron: '0 22 * * *', timezone: 'UTC', paused: false });

  const list = await eventually(async () => {
    const run = await runCli(['schedule', 'list', serviceId], cli);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    return run;
  });
  const [header, mornings, nights] = list.stdout.trim().split('\n');
  expect(header).toMatch(/^SERVICE +NAME +SPEED +WHEN +TIMEZONE +STATE +NEXT +LAST$/);
  expect(mornings).toMatch(
    new RegExp(
      `^${serviceId} +mornings +1 Gbps +dayOfWeek=MON-FRI,hour=8,minute=0 +America/Chicago +active +${TIME} +-$`,
    ),
  );
  expect(nights).toMatch(new RegExp(`^${serviceId} +nights +100 Mbps +0 22 \\* \\* \\* +UTC +active +${TIME} +-$`));

  const pause = await runCli(['schedule', 'pause', serviceId, 'nights'], cli);
  expect(pause).toEqual({
    code: 0,
    stderr: '',
    stdout: `Paused bandwidth schedule nights of service ${serviceId}; resume it with: lumen-iod schedule resume ${serviceId} nights\n`,
  });
  const paused = JSON.parse((await runCli(['schedule', 'list', serviceId, '--json'], cli)).stdout);
  expect(paused.map((row: { name: string; paused: boolean }) => [row.name, row.paused])).toEqual([
    ['mornings', false],
    ['nights', true],
  ]);
  const resume = await runCli(['schedule', 'resume', serviceId, 'nights'], cli);
  expect(resume.stdout).toMatch(
    new RegExp(`^Resumed bandwidth schedule nights of service ${serviceId}; next firings: ${TIME}`),
  );

  const remove = await runCli(['schedule', 'remove', serviceId, 'nights'], cli);
  expect(remove).toEqual({
    code: 0,
    stderr: '',
    stdout: `Removed bandwidth schedule nights of service ${serviceId}.\n`,
  });
  const after = await runCli(['schedule', 'list', serviceId], cli);
  expect(after.stdout).not.toContain('nights');
});

test('a taken name exits 4, an unknown one 3, a bad rule 2 naming each flag', async () => {
  const serviceId = await adopted('CE');
  const args = ['schedule', 'add', serviceId, '--name', 'n1', '--speed', '1 Gbps', '--cron', '@daily'];
  expect((await runCli(args, cli)).code).toBe(0);
  const taken = await runCli(args, cli);
  expect(taken).toEqual({
    code: 4,
    stdout: '',
    stderr: `error: service ${serviceId} already has a bandwidth schedule "n1" (schedule iod-schedule-${serviceId}-n1); remove it first to replace it\n`,
  });
  for (const action of ['pause', 'resume', 'remove']) {
    const missing = await runCli(['schedule', action, serviceId, 'nope'], cli);
    expect(missing).toEqual({
      code: 3,
      stdout: '',
      stderr: `error: no bandwidth schedule "nope" for service ${serviceId} (schedule iod-schedule-${serviceId}-nope)\n`,
    });
  }
  const bad = await runCli(
    [
      'schedule',
      'add',
      serviceId,
      '--name',
      'n 2',
      '--speed',
      'fast',
      '--calendar',
      'hour=25',
      '--timezone',
      'Nowhere/City',
    ],
    cli,
  );
  expect(bad).toEqual({
    code: 2,
    stdout: '',
    stderr: [
      'error: invalid bandwidth schedule, nothing was sent:',
      'error:   name (--name): "n 2" must be 1-40 letters, digits, _ or -',
      'error:   speed (--speed): "fast" is not a speed such as "100 Mbps" or "1 Gbps"',
      'error:   timezone (--timezone): "Nowhere/City" is not an IANA time zone such as "America/Chicago"',
      'error:   hour (--calendar): "25" is out of range (0-23)',
      '',
    ].join('\n'),
  });
  const neither = await runCli(['schedule', 'add', serviceId, '--name', 'n3', '--speed', '1 Gbps'], cli);
  expect(neither.stderr).toContain('cron, calendar (--cron or --calendar): give exactly one of them (got neither)');
  const unmanaged = await runCli(
    ['schedule', 'add', 'NO-SUCH-5', '--name', 'n', '--speed', '1 Gbps', '--cron', '@daily'],
    cli,
  );
  expect(unmanaged.code).toBe(3);
  const help = await runCli(['schedule', 'add', '--help'], cli);
  expect(help.stdout).toContain('dayOfWeek=MON-FRI,hour=8,minute=0    weekdays at 08:00');
});
