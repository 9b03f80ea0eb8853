import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  addBandwidthSchedule,
  BandwidthScheduleExistsError,
  BandwidthScheduleNotFoundError,
  adoptService,
  disconnectService,
  getService,
  getServiceOutcome,
  InvalidServiceInputError,
  listBandwidthSchedules,
  pauseBandwidthSchedule,
  removeBandwidthSchedule,
  resumeBandwidthSchedule,
  scheduledChangeId,
  ServiceNotFoundError,
  ServiceOperationRejectedError,
} from '../../client';
import { searchAttributeKey } from '../../client/search-attributes';
import { eventually } from './eventually';
import { uniqueServiceId } from './services';
import { startClientWorld, type ClientWorld } from './world';

const taskQueue = 'client-schedules';
let world: ClientWorld;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  world = await startClientWorld(taskQueue, { worker: false });
  env = world.env;
});

afterAll(async () => {
  await world?.stop();
});

// Most tests run no worker at all: a schedule is created, listed and paused without any workflow running.
const adopt = async (customerNumber = '1-CAL') => {
  const serviceId = await world.lumenService(customerNumber);
  await adoptService(env.client, { serviceId, customerNumber }, { taskQueue });
  return serviceId;
};

describe('addBandwidthSchedule', () => {
  test('creates iod-schedule-<serviceId>-<name> starting applyScheduledBandwidth, buffered, with a catch-up of an hour', async () => {
    const serviceId = await adopt('1-CALENDAR');
    const added = await addBandwidthSchedule(
      env.client,
      {
        serviceId,
        name: 'weekday-mornings',
        speed: '1000 Mbps',
        calendar: 'dayOfWeek=MON-FRI,hour=8,minute=0',
        timezone: 'America/Chicago',
      },
      { taskQueue },
    );
    const scheduleId = `iod-schedule-${serviceId}-weekday-mornings`;
    expect(added).toMatchObject({
      scheduleId,
      serviceId,
      name: 'weekday-mornings',
      speed: '1 Gbps',
      cron: null,
      calendar: 'dayOfWeek=MON-FRI,hour=8,minute=0',
      timezone: 'America/Chicago',
      paused: false,
      recentFirings: [],
    });
    // 08:00 in Chicago is 13:00 or 14:00 UTC, on a weekday.
    expect(added.nextFirings.length).toBeGreaterThan(0);
    for (const firing of added.nextFirings) {
      expect([13, 14]).toContain(firing.getUTCHours());
      expect(firing.getUTCMinutes()).toBe(0);
      expect([1, 2, 3, 4, 5]).toContain(firing.getUTCDay());
    }

    const description = await env.client.schedule.getHandle(scheduleId).describe();
    expect(description.policies).toMatchObject({ overlap: 'BUFFER_ALL', catchupWindow: 3_600_000 });
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'applyScheduledBandwidth',
      workflowId: scheduleId,
      taskQueue,
      args: [{ serviceId, speed: '1 Gbps', scheduleId }],
    });
    expect(description.typedSearchAttributes.get(searchAttributeKey.LumenServiceId)).toBe(serviceId);
    expect(description.typedSearchAttributes.get(searchAttributeKey.LumenCustomerNumber)).toBe('1-CALENDAR');
  });

  test('a cron rule works the same; the same name twice is refused', async () => {
    const serviceId = await adopt();
    const nights = { serviceId, name: 'nights', speed: '100 Mbps', cron: '0 22 * * *' };
    const added = await addBandwidthSchedule(env.client, nights, { taskQueue });
    expect(added).toMatchObject({ cron: '0 22 * * *', calendar: null, timezone: 'UTC' });
    expect(added.nextFirings[0].getUTCHours()).toBe(22);
    const again = await addBandwidthSchedule(env.client, { ...nights, speed: '1 Gbps' }, { taskQueue }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(BandwidthScheduleExistsError);
    expect((again as Error).message).toBe(
      `service ${serviceId} already has a bandwidth schedule "nights" (schedule iod-schedule-${serviceId}-nights); remove it first to replace it`,
    );
  });

  test('a cron expression the server cannot read is refused naming the field', async () => {
    const serviceId = await adopt();
    const error = await addBandwidthSchedule(
      env.client,
      { serviceId, name: 'bad', speed: '1 Gbps', cron: '99 * * * *' },
      { taskQueue },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidServiceInputError);
    expect((error as InvalidServiceInputError).problems).toEqual(['cron: Minute is not in range [0-59]']);
  });

  test('refused for a service nobody manages, or one already disconnected', async () => {
    const unknown = uniqueServiceId('SU');
    await expect(
      addBandwidthSchedule(
        env.client,
        { serviceId: unknown, name: 'n', speed: '1 Gbps', cron: '@daily' },
        { taskQueue },
      ),
    ).rejects.toBeInstanceOf(ServiceNotFoundError);
    const worker = await world.startWorker();
    try {
      const serviceId = await world.managedService('1-CAL');
      await disconnectService(env.client, serviceId);
      await getServiceOutcome(env.client, serviceId); // the workflow has ended
      const error = await addBandwidthSchedule(
        env.client,
        { serviceId, name: 'n', speed: '1 Gbps', cron: '@daily' },
        { taskQueue },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceOperationRejectedError);
      expect((error as Error).message).toBe(
        `bandwidth schedule for service ${serviceId} was refused: its workflow has ended (Completed); a schedule needs a managed service`,
      );
    } finally {
      await worker.stop();
    }
  });
});

describe('list, pause, resume, remove', () => {
  test("one service's schedules, then every one; pause and resume show in the list; remove forgets it", async () => {
    const serviceId = await adopt();
    const other = await adopt();
    await addBandwidthSchedule(
      env.client,
      { serviceId, name: 'nights', speed: '100 Mbps', cron: '0 22 * * *' },
      { taskQueue },
    );
    await addBandwidthSchedule(
      env.client,
      { serviceId, name: 'days', speed: '1 Gbps', calendar: 'hour=8' },
      { taskQueue },
    );
    await addBandwidthSchedule(
      env.client,
      { serviceId: other, name: 'days', speed: '500 Mbps', calendar: 'hour=9' },
      { taskQueue },
    );

    const mine = await eventually(async () => {
      const rows = await listBandwidthSchedules(env.client, serviceId);
      expect(rows.map((row) => row.name)).toEqual(['days', 'nights']);
      return rows;
    });
    expect(mine.map((row) => [row.serviceId, row.speed, row.cron ?? row.calendar, row.paused])).toEqual([
      [serviceId, '1 Gbps', 'hour=8', false],
      [serviceId, '100 Mbps', '0 22 * * *', false],
    ]);
    const everyone = await eventually(async () => {
      const rows = await listBandwidthSchedules(env.client);
      expect(rows.map((row) => row.scheduleId)).toEqual(
        expect.arrayContaining([`iod-schedule-${other}-days`, `iod-schedule-${serviceId}-nights`]),
      );
      return rows;
    });
    expect(everyone.filter((row) => row.serviceId === other)).toHaveLength(1);

    const paused = await pauseBandwidthSchedule(env.client, serviceId, 'nights');
    expect(paused).toMatchObject({ paused: true, note: 'paused with lumen-iod' });
    expect((await listBandwidthSchedules(env.client, serviceId)).find((row) => row.name === 'nights')?.paused).toBe(
      true,
    );
    expect(await resumeBandwidthSchedule(env.client, serviceId, 'nights')).toMatchObject({ paused: false });

    await removeBandwidthSchedule(env.client, serviceId, 'nights');
    expect((await listBandwidthSchedules(env.client, serviceId)).map((row) => row.name)).toEqual(['days']);
    for (const operation of [pauseBandwidthSchedule, resumeBandwidthSchedule, removeBandwidthSchedule]) {
      const error = await operation(env.client, serviceId, 'nights').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BandwidthScheduleNotFoundError);
      expect((error as Error).message).toBe(
        `no bandwidth schedule "nights" for service ${serviceId} (schedule iod-schedule-${serviceId}-nights)`,
      );
    }
  });

  test('a bad name is refused before asking Temporal', async () => {
    const error = await pauseBandwidthSchedule(env.client, 'S1', 'two words').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidServiceInputError);
    expect((error as Error).message).toBe('Invalid pause: name: "two words" must be 1-40 letters, digits, _ or -');
  });
});

describe('a firing', () => {
  test('starts applyScheduledBandwidth, which changes the service once under the firing’s own changeId', async () => {
    const worker = await world.startWorker();
    try {
      const serviceId = await world.managedService('1-CAL');
      const added = await addBandwidthSchedule(
        env.client,
        { serviceId, name: 'burst', speed: '2 Gbps', calendar: 'second=*/5,minute=*,hour=*' },
        { taskQueue },
      );
      const view = await eventually(async () => {
        const service = await getService(env.client, serviceId);
        expect(service.lastChange?.speed).toBe('2 Gbps');
        return service;
      }, 20_000);
      await pauseBandwidthSchedule(env.client, serviceId, 'burst');
      // A later firing asks for the speed the service already has: nothing more is ordered.
      expect((await getService(env.client, serviceId)).changesToday).toBe(1);
      const [firing] = (await listBandwidthSchedules(env.client, serviceId))[0].recentFirings;
      expect(firing.workflowId.startsWith(`${added.scheduleId}-`)).toBe(true);
      expect(view.lastChange?.changeId).toBe(scheduledChangeId(added.scheduleId, firing.scheduledAt));
      const started = await env.client.workflow.getHandle(firing.workflowId).describe();
      expect(started.type).toBe('applyScheduledBandwidth');
      expect(started.taskQueue).toBe(taskQueue);
    } finally {
      await worker.stop();
    }
  });
});
