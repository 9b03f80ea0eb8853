import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  adoptService,
  changeBandwidth,
  describeService,
  disconnectService,
  getService,
  getServiceOutcome,
  InvalidServiceInputError,
  listServices,
  SERVICE_WORKFLOW_TYPE,
  ServiceAlreadyManagedError,
  ServiceChangeFailedError,
  ServiceNoWorkerAnsweredError,
  ServiceNotFoundError,
  ServiceOperationRejectedError,
  type ChangeResult,
} from '../../client';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { searchAttributeKey } from '../../client/search-attributes';
import { serviceWorkflowIdFor } from '../../domain/service-names';
import { testDataConverter } from '../env/codec';
import { eventually } from './eventually';
import { uniqueServiceId } from './services';
import { startClientWorld, type ClientWorld } from './world';

const taskQueue = 'client-service';
let world: ClientWorld;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  world = await startClientWorld(taskQueue);
  env = world.env;
});

afterEach(async () => {
  await world.releaseOrders();
});

afterAll(async () => {
  await world?.stop();
});

/** Above the history a service's workflow has once it has read the service (10 events), below what one change adds (38). */
const MAX_HISTORY_EVENTS = 24;

/** A service Lumen has, Active at 100 Mbps, managed by its workflow. */
const adopt = (customerNumber?: string) => world.managedService(customerNumber);

/** The orders Lumen holds for the service, of one action, oldest first. */
const ordersOf = async (serviceId: string, action: 'modify' | 'delete') =>
  (await world.admin.orders()).filter((order) => order.serviceId === serviceId && order.action === action);

describe('adoptService', () => {
  test('starts iod-service-<serviceId> on the task queue, searchable by customer and service at once', async () => {
    const serviceId = await world.lumenService('1-ADOPT');
    const adopted = await adoptService(
      env.client,
      { serviceId, customerNumber: ' 1-ADOPT ', pollInterval: '30 seconds' },
      { taskQueue },
    );
    expect(adopted).toMatchObject({ serviceId, workflowId: `iod-service-${serviceId}`, taskQueue });
    const description = await adopted.handle.describe();
    expect(description.type).toBe(SERVICE_WORKFLOW_TYPE);
    expect(description.taskQueue).toBe(taskQueue);
    expect(description.typedSearchAttributes.get(searchAttributeKey.LumenCustomerNumber)).toBe('1-ADOPT');
    expect(description.typedSearchAttributes.get(searchAttributeKey.LumenServiceId)).toBe(serviceId);
    await eventually(async () =>
      expect(await getService(env.client, serviceId)).toMatchObject({
        serviceId,
        customerNumber: '1-ADOPT',
        status: 'ACTIVE',
        speed: '100 Mbps',
      }),
    );
  });

  test('a second adopt of a running service is refused as already managed', async () => {
    const serviceId = await adopt();
    const error = await adoptService(env.client, { serviceId, customerNumber: '1-SVC' }, { taskQueue }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceAlreadyManagedError);
    expect((error as Error).message).toBe(
      `service ${serviceId} is already managed by workflow iod-service-${serviceId}`,
    );
  });

  test('refuses bad input before any workflow exists, naming each field', async () => {
    const error = await adoptService(
      env.client,
      { serviceId: 'not a service id!', customerNumber: '  ', pollInterval: 'often' },
      { taskQueue },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidServiceInputError);
    expect((error as InvalidServiceInputError).problems).toEqual([
      expect.stringMatching(/^serviceId: must be a Lumen service id/),
      'customerNumber: must not be empty',
      'pollInterval: "often" is not a duration like "4 hours"',
    ]);
    await expect(describeService(env.client, 'not a service id!')).rejects.toBeInstanceOf(ServiceNotFoundError);
  });
});

describe('changeBandwidth', () => {
  test('waits for the change and returns its result, with a generated changeId', async () => {
    const serviceId = await adopt();
    const result = await changeBandwidth(env.client, serviceId, { speed: '1 gbps' });
    const [order] = await ordersOf(serviceId, 'modify');
    expect(result).toMatchObject({
      changeId: expect.stringMatching(/^chg-[0-9a-f-]{36}$/),
      status: 'ACTIVE',
      speed: '1 Gbps',
      previousSpeed: '100 Mbps',
      orderId: order.id,
      quoteId: order.quoteId,
      hourlyPriceUsd: '1.84',
      monthlyPriceUsd: '1324.80',
    });
    const view = await getService(env.client, serviceId);
    expect(view).toMatchObject({ status: 'ACTIVE', speed: '1 Gbps', lastChange: result, changesToday: 1 });
  });

  test('without wait it returns once accepted; the change then runs to ACTIVE', async () => {
    const serviceId = await adopt();
    await world.holdOrders('modify');
    const accepted = await changeBandwidth(
      env.client,
      serviceId,
      { changeId: 'night-1', speed: '500 Mbps' },
      { wait: false },
    );
    expect(accepted).toEqual({
      changeId: 'night-1',
      status: 'ACCEPTED',
      serviceId,
      workflowId: `iod-service-${serviceId}`,
    });
    const running = await getService(env.client, serviceId);
    expect(running.pendingChanges).toEqual([{ changeId: 'night-1', speed: '500 Mbps' }]);
    await eventually(async () => expect(await ordersOf(serviceId, 'modify')).toHaveLength(1));
    expect((await getService(env.client, serviceId)).status).toBe('CHANGING');
    await world.releaseOrders();
    const done = await eventually(async () => {
      const view = await getService(env.client, serviceId);
      expect(view.lastChange?.changeId).toBe('night-1');
      return view;
    });
    expect(done).toMatchObject({ status: 'ACTIVE', speed: '500 Mbps', pendingChanges: [] });
  });

  test('the same changeId twice orders once and returns the first result; with another body it is refused', async () => {
    const serviceId = await adopt();
    const change = { changeId: 'migration-7', speed: '200 Mbps' };
    const [first, second] = await Promise.all([
      changeBandwidth(env.client, serviceId, change),
      changeBandwidth(env.client, serviceId, change),
    ]);
    const third = await changeBandwidth(env.client, serviceId, change, { wait: false });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect((await getService(env.client, serviceId)).changesToday).toBe(1);

    const error = await changeBandwidth(env.client, serviceId, { ...change, speed: '1 Gbps' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceOperationRejectedError);
    expect((error as Error).message).toBe(
      `change migration-7 for service ${serviceId} was refused: changeId migration-7 was already used for a change to 200 Mbps; use a new changeId for a different change`,
    );
    expect((await getService(env.client, serviceId)).speed).toBe('200 Mbps');
  });

  test('changes run one at a time in arrival order', async () => {
    const serviceId = await adopt();
    await world.holdOrders('modify');
    const first = await changeBandwidth(env.client, serviceId, { changeId: 'q-1', speed: '1 Gbps' }, { wait: false });
    const second = await changeBandwidth(env.client, serviceId, { changeId: 'q-2', speed: '50 Mbps' }, { wait: false });
    expect([first.status, second.status]).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect((await getService(env.client, serviceId)).pendingChanges.map((c) => c.changeId)).toEqual(['q-1', 'q-2']);
    await eventually(async () => expect(await ordersOf(serviceId, 'modify')).toHaveLength(1));
    await world.releaseOrders();
    const last = await changeBandwidth(env.client, serviceId, { changeId: 'q-2', speed: '50 Mbps' });
    expect(last).toMatchObject({ speed: '50 Mbps', previousSpeed: '1 Gbps' });
  });

  test('a speed not offered, a price above the guard and a failed order fail with their types', async () => {
    const serviceId = await adopt();
    // Lumen fails the one change that reaches an order, whichever of the service's orders it is.
    await world.failServiceOrders(serviceId, [1, 2, 3]);
    const failures = await Promise.all(
      [
        { changeId: 'too-fast', speed: '20 Gbps' },
        { changeId: 'too-dear', speed: '1 Gbps', maxMonthlyPriceUsd: 500 },
        { changeId: 'lumen-fails', speed: '200 Mbps' },
      ].map((change) => changeBandwidth(env.client, serviceId, change).catch((e: unknown) => e)),
    );
    for (const failure of failures) expect(failure).toBeInstanceOf(ServiceChangeFailedError);
    expect(failures.map((f) => (f as ServiceChangeFailedError).failureType)).toEqual([
      'SpeedNotOffered',
      'PriceNotApproved',
      'ChangeFailed',
    ]);
    expect((failures[1] as Error).message).toMatch(
      new RegExp(
        `^change too-dear of service ${serviceId} failed \\(PriceNotApproved\\): The price of \\$1324\\.80/month ` +
          `\\(quote \\S+\\) for 100 Mbps → 1 Gbps on service ${serviceId} is above the limit of \\$500\\.00; nothing was ordered$`,
      ),
    );
    expect((await getService(env.client, serviceId)).speed).toBe('100 Mbps');
  });

  test('bad input is refused before anything is sent, naming each field', async () => {
    const error = await changeBandwidth(env.client, 'NO-SUCH-SERVICE', {
      speed: 'fast',
      revertAfter: 'soon',
      maxMonthlyPriceUsd: -1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidServiceInputError);
    expect((error as InvalidServiceInputError).problems).toEqual([
      'speed: must be a speed such as "100 Mbps" or "1 Gbps"',
      'maxMonthlyPriceUsd: must be a positive number of US dollars',
      'revertAfter: "soon" is not a duration like "4 hours"',
    ]);
  });

  test('revertAfter goes back to the previous speed by itself; a later change cancels the revert', async () => {
    const serviceId = await adopt();
    const burst = await changeBandwidth(env.client, serviceId, { speed: '2 Gbps', revertAfter: '2 seconds' });
    const during = await getService(env.client, serviceId);
    expect(during.revert).toEqual({ speed: '100 Mbps', at: expect.any(String) });
    expect(Date.parse(during.revert!.at) - Date.parse(burst.completedAt)).toBeGreaterThanOrEqual(1_900);
    const reverted = await eventually(async () => {
      const view = await getService(env.client, serviceId);
      expect(view).toMatchObject({ speed: '100 Mbps', revert: null, status: 'ACTIVE' });
      return view;
    });
    expect(reverted.changesToday).toBe(2);

    await changeBandwidth(env.client, serviceId, { speed: '1 Gbps', revertAfter: '2 seconds' });
    const revertAt = Date.parse((await getService(env.client, serviceId)).revert!.at);
    await changeBandwidth(env.client, serviceId, { speed: '500 Mbps' });
    expect(await getService(env.client, serviceId)).toMatchObject({ speed: '500 Mbps', revert: null });
    // What is asserted is that nothing happens when the revert would have been due.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, revertAt - Date.now()) + 1_000));
    expect(await getService(env.client, serviceId)).toMatchObject({ speed: '500 Mbps', revert: null, changesToday: 4 });
  });

  test('a change in flight when the workflow is due to continue as new is answered, and the next run remembers it', async () => {
    const serviceId = await world.lumenService();
    // A history limit the run passes during its first change (the test knob the time-skipping tests use too).
    const started = await env.client.workflow.start(SERVICE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: serviceWorkflowIdFor(serviceId),
      args: [{ serviceId, customerNumber: '1-SVC', maxHistoryEvents: MAX_HISTORY_EVENTS }],
    });
    await eventually(async () => expect((await getService(env.client, serviceId)).lastCheckedAt).not.toBeNull());
    const change = await changeBandwidth(env.client, serviceId, { changeId: 'across-runs', speed: '1 Gbps' });
    const [order] = await ordersOf(serviceId, 'modify');
    expect(change).toMatchObject({ changeId: 'across-runs', speed: '1 Gbps', orderId: order.id });
    await eventually(async () =>
      expect((await describeService(env.client, serviceId)).runId).not.toBe(started.firstExecutionRunId),
    );
    expect(await getService(env.client, serviceId)).toMatchObject({
      speed: '1 Gbps',
      changesToday: 1,
      lastChange: change,
    });
    // The next run answers the same changeId with the first result and orders nothing.
    expect(await changeBandwidth(env.client, serviceId, { changeId: 'across-runs', speed: '1 Gbps' })).toEqual(change);
    expect(await ordersOf(serviceId, 'modify')).toHaveLength(1);
  });

  test('a change whose run continues as new before answering it is sent again to the next run, which answers', async () => {
    // No build of the project's workflow leaves an update unanswered: a workflow that does stands in for one.
    const continuing = `${taskQueue}-unanswering`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace,
      dataConverter: testDataConverter,
      taskQueue: continuing,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./unanswering-run'),
        logger: new DefaultLogger('WARN'),
      }),
    });
    await worker.runUntil(async () => {
      const serviceId = uniqueServiceId('CAN');
      const started = await env.client.workflow.start(SERVICE_WORKFLOW_TYPE, {
        taskQueue: continuing,
        workflowId: serviceWorkflowIdFor(serviceId),
        args: [{ serviceId, customerNumber: '1-SVC' }],
      });
      const result = await changeBandwidth(env.client, serviceId, { changeId: 'across-runs', speed: '1 Gbps' });
      expect(result).toMatchObject({ changeId: 'across-runs', status: 'ACTIVE', speed: '1 Gbps' });
      expect((await describeService(env.client, serviceId)).runId).not.toBe(started.firstExecutionRunId);
      await started.terminate('test over');
    });
  });

  test('an unknown service is a typed not-found; without a worker the call gives up with a typed error', async () => {
    await expect(changeBandwidth(env.client, 'NO-SUCH-1', { speed: '1 Gbps' })).rejects.toBeInstanceOf(
      ServiceNotFoundError,
    );
    await expect(getService(env.client, 'NO-SUCH-1')).rejects.toBeInstanceOf(ServiceNotFoundError);
    const serviceId = uniqueServiceId('NW');
    const adopted = await adoptService(
      env.client,
      { serviceId, customerNumber: '1-NW' },
      { taskQueue: 'nobody-polls' },
    );
    const started = Date.now();
    const error = await changeBandwidth(env.client, serviceId, { speed: '1 Gbps' }, { acceptTimeoutMs: 1_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceNoWorkerAnsweredError);
    expect((error as Error).message).toMatch(
      new RegExp(`^no worker answered the change chg-\\S+ update for service ${serviceId} within 1 s`),
    );
    await expect(getService(env.client, serviceId, { timeoutMs: 1_000 })).rejects.toBeInstanceOf(
      ServiceNoWorkerAnsweredError,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    await adopted.handle.terminate('test over');
  });
});

describe('disconnectService', () => {
  test('disconnects once: the update and the workflow give the same result, and a repeat orders nothing', async () => {
    const serviceId = await adopt();
    const result = await disconnectService(env.client, serviceId, { reason: 'migration finished' });
    const [order] = await ordersOf(serviceId, 'delete');
    expect(result).toMatchObject({ status: 'DISCONNECTED', orderId: order.id, disconnectedAt: expect.any(String) });
    expect(await getServiceOutcome(env.client, serviceId)).toEqual({ status: 'DISCONNECTED', result });
    expect(await disconnectService(env.client, serviceId)).toEqual(result);
    expect((await describeService(env.client, serviceId)).status).toBe('Completed');
    expect(await ordersOf(serviceId, 'delete')).toHaveLength(1);
  });

  test('a change after the disconnect is refused, and so is adopting the disconnected service', async () => {
    const serviceId = await adopt();
    await disconnectService(env.client, serviceId);
    await getServiceOutcome(env.client, serviceId); // the workflow has ended
    const change = await changeBandwidth(env.client, serviceId, { speed: '1 Gbps' }).catch((e: unknown) => e);
    expect(change).toBeInstanceOf(ServiceOperationRejectedError);
    expect((change as Error).message).toMatch(
      /was refused: the service was disconnected \(its workflow has completed\)$/,
    );
    const again = await adoptService(env.client, { serviceId, customerNumber: '1-SVC' }, { taskQueue }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(ServiceAlreadyManagedError);
    expect((again as Error).message).toBe(
      `service ${serviceId} was disconnected: its workflow iod-service-${serviceId} has completed`,
    );
  });

  test('a change sent while disconnecting is refused by the validator', async () => {
    const serviceId = await adopt();
    await world.holdOrders('delete');
    const disconnect = disconnectService(env.client, serviceId);
    await eventually(async () => expect((await getService(env.client, serviceId)).status).toBe('DISCONNECTING'));
    const error = await changeBandwidth(env.client, serviceId, { speed: '1 Gbps' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceOperationRejectedError);
    expect((error as Error).message).toMatch(/was refused: Service \S+ is being disconnected: no change is accepted$/);
    await world.releaseOrders();
    await disconnect;
  });
});

describe('listServices', () => {
  test("by customer, and the customer's services changing now", async () => {
    const customer = '1-LS';
    const steady = await adopt(customer);
    const changing = await adopt(customer);
    await adopt('1-OTHER');
    const all = await eventually(async () => {
      const rows = await listServices(env.client, { customerNumber: customer });
      expect(rows.map((row) => row.serviceId).sort()).toEqual([steady, changing].sort());
      expect(rows.map((row) => row.serviceStatus)).toEqual(['ACTIVE', 'ACTIVE']);
      return rows;
    });
    expect(all[0]).toMatchObject({ status: 'Running', customerNumber: customer });

    // Lumen holds the change, so the service stays CHANGING until it is seen.
    await world.holdOrders('modify');
    const result: Promise<ChangeResult> = changeBandwidth(env.client, changing, { speed: '1 Gbps' });
    const now = await eventually(async () => {
      const rows = await listServices(env.client, { customerNumber: customer, changing: true });
      expect(rows.map((row) => row.serviceId)).toEqual([changing]);
      return rows;
    });
    expect(now[0].serviceStatus).toBe('CHANGING');
    await world.releaseOrders();
    await result;
  });
});
