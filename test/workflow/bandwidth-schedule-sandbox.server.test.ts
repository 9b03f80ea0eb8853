// Bandwidth calendars through the real worker, dev server and sandbox: more calendars firing at once than
// the worker has activity slots. A firing waits for its change without holding a slot, so the changes'
// own activities still run and every firing ends with its service changed once.
import type { ChangeResult } from '../../domain/service';
import { addBandwidthSchedule } from '../../client/schedules';
import { adoptService, getService } from '../../client/service';
import { DEFAULT_TUNING } from '../../workers/tuning';
import { createWorker } from '../../workers/worker';
import { freshRequestId } from '../env/requests';
import { MONROE, SANDBOX_CUSTOMER, useIntegrationStack } from './integration-stack';
import pino from 'pino';
import { until } from '../env/until';

const stack = useIntegrationStack({ activationDelayMs: 100 });

test('four calendars firing at once on a worker with two activity slots: every service changed once', async () => {
  const client = stack.env.client;
  const taskQueue = `iod-test-${freshRequestId()}`;
  const slots = 2;
  const { worker, close } = await createWorker(
    {
      ...stack.config(taskQueue),
      tuning: { ...DEFAULT_TUNING, maxConcurrentActivities: slots, activityTaskPollers: 1 },
    },
    { connection: stack.env.nativeConnection, workflowBundle: stack.workflowBundle, logger: pino({ level: 'silent' }) },
  );
  const services = await stack.sandbox.admin.seedServices({
    customerNumber: SANDBOX_CUSTOMER,
    masterSiteId: MONROE,
    speed: '100 Mbps',
    count: slots * 2,
  });
  const results = await worker.runUntil(async () => {
    for (const { serviceId } of services) {
      await adoptService(client, { serviceId, customerNumber: SANDBOX_CUSTOMER }, { taskQueue });
      await until(
        async () => ((await getService(client, serviceId)).status === 'ACTIVE' ? true : undefined),
        `${serviceId} ACTIVE`,
      );
    }
    // A yearly rule that will not fire by itself during the test: each is triggered by hand, all at once.
    const schedules = await Promise.all(
      services.map(({ serviceId }) =>
        addBandwidthSchedule(
          client,
          { serviceId, name: 'burst', speed: '1 Gbps', cron: '0 0 1 1 *', timezone: 'UTC' },
          { taskQueue },
        ),
      ),
    );
    await Promise.all(schedules.map((s) => client.schedule.getHandle(s.scheduleId).trigger()));
    return Promise.all(
      schedules.map(async (s) => {
        const handle = client.schedule.getHandle(s.scheduleId);
        const workflowId = await until(
          async () => (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId,
          `a firing of ${s.scheduleId}`,
        );
        return client.workflow.getHandle(workflowId).result() as Promise<ChangeResult>;
      }),
    );
  });
  await close();

  expect(results.map((r) => ({ status: r.status, speed: r.speed }))).toEqual(
    services.map(() => ({ status: 'ACTIVE', speed: '1 Gbps' })),
  );
  const modifies = (await stack.sandbox.admin.orders()).filter((o) => o.action === 'modify').map((o) => o.serviceId);
  expect(modifies.sort()).toEqual(services.map((s) => s.serviceId).sort());
});
