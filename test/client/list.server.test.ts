import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildListQuery, getOutcome, listProvisionings, quoteLiteral, startProvisioning } from '../../client';
import type { ProvisioningResult } from '../../domain/status';
import { eventually } from './eventually';
import { sampleRequest, uniqueRequestId } from './sample-request';
import { startClientWorld, type ClientWorld } from './world';

describe('buildListQuery', () => {
  test('always restricts to the workflow type and joins the filters with AND', () => {
    expect(buildListQuery({})).toBe("WorkflowType = 'provisionInternetOnDemand'");
    expect(buildListQuery({ customerNumber: '1-ABCDE', step: 'ORDER', status: 'Running', orderId: 'O1' })).toBe(
      "WorkflowType = 'provisionInternetOnDemand' AND LumenCustomerNumber = '1-ABCDE' AND LumenStep = 'ORDER'" +
        " AND LumenOrderId = 'O1' AND ExecutionStatus = 'Running'",
    );
    expect(buildListQuery({ serviceId: 'S1', masterSiteId: 'PL1' })).toContain(
      "LumenServiceId = 'S1' AND LumenMasterSiteId = 'PL1'",
    );
  });

  test('a value cannot end its literal and add conditions of its own', () => {
    expect(quoteLiteral("O'Neil")).toBe("'O''Neil'");
    expect(quoteLiteral('a\\b')).toBe("'a\\\\b'");
    expect(buildListQuery({ customerNumber: "x' OR WorkflowType != '" })).toBe(
      "WorkflowType = 'provisionInternetOnDemand' AND LumenCustomerNumber = 'x'' OR WorkflowType != '''",
    );
  });
});

describe('listProvisionings on the dev server', () => {
  const taskQueue = 'client-list';
  let world: ClientWorld;
  let env: TestWorkflowEnvironment;
  let active: ProvisioningResult;
  const customer = '1-LIST';
  const ids = { active: uniqueRequestId('LA'), waiting: uniqueRequestId('LW'), other: uniqueRequestId('LO') };

  beforeAll(async () => {
    world = await startClientWorld(taskQueue);
    env = world.env;
    await world.customer(customer);
    await world.customer("1-O'NEIL");
    await startProvisioning(env.client, sampleRequest({ requestId: ids.active, customerNumber: customer }), {
      taskQueue,
    });
    await startProvisioning(
      env.client,
      sampleRequest({ requestId: ids.waiting, customerNumber: customer, maxMonthlyPriceUsd: 100 }),
      { taskQueue },
    );
    await startProvisioning(env.client, sampleRequest({ requestId: ids.other, customerNumber: "1-O'NEIL" }), {
      taskQueue,
    });
    const outcome = await getOutcome(env.client, ids.active);
    if (outcome.status !== 'ACTIVE') throw new Error(`provisioning ${ids.active} ended ${outcome.status}`);
    active = outcome.result;
  });

  afterAll(async () => {
    await world?.stop();
  });

  test('by customer number: typed rows with step, order, service and times', async () => {
    const rows = await eventually(async () => {
      const found = await listProvisionings(env.client, { customerNumber: customer });
      expect(found.map((row) => row.requestId).sort()).toEqual([ids.active, ids.waiting].sort());
      expect(found.find((row) => row.requestId === ids.active)?.step).toBe('ACTIVE');
      return found;
    });
    const row = rows.find((candidate) => candidate.requestId === ids.active)!;
    expect(row).toMatchObject({
      workflowId: `iod-${ids.active}`,
      status: 'Completed',
      customerNumber: customer,
      orderId: active.orderId,
      serviceId: active.serviceId,
      masterSiteId: 'PL0001247634',
    });
    expect(row.startTime).toBeInstanceOf(Date);
    expect(row.closeTime).toBeInstanceOf(Date);
    const waiting = rows.find((row) => row.requestId === ids.waiting)!;
    expect(waiting).toMatchObject({ status: 'Running', step: 'AWAIT_APPROVAL', orderId: null, closeTime: null });
  });

  test('by step, execution status, order id and service id', async () => {
    await eventually(async () => {
      const awaiting = await listProvisionings(env.client, { step: 'AWAIT_APPROVAL', customerNumber: customer });
      expect(awaiting.map((row) => row.requestId)).toEqual([ids.waiting]);
    });
    const running = await listProvisionings(env.client, { status: 'Running', customerNumber: customer });
    expect(running.map((row) => row.requestId)).toEqual([ids.waiting]);
    const completed = await listProvisionings(env.client, { status: 'Completed', customerNumber: customer });
    expect(completed.map((row) => row.requestId)).toEqual([ids.active]);
    const byOrder = await listProvisionings(env.client, { orderId: active.orderId });
    expect(byOrder.map((row) => row.requestId)).toEqual([ids.active]);
    const byService = await listProvisionings(env.client, { serviceId: active.serviceId });
    expect(byService.map((row) => row.requestId)).toEqual([ids.active]);
  });

  test('a quote inside a value matches exactly, and an injection attempt matches nothing', async () => {
    await eventually(async () => {
      const rows = await listProvisionings(env.client, { customerNumber: "1-O'NEIL" });
      expect(rows.map((row) => row.requestId)).toEqual([ids.other]);
    });
    expect(await listProvisionings(env.client, { customerNumber: "x' OR WorkflowType != '" })).toEqual([]);
  });

  test('limit caps the rows', async () => {
    const rows = await eventually(async () => {
      const found = await listProvisionings(env.client, { limit: 2 });
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows.every((row) => row.workflowId.startsWith('iod-'))).toBe(true);
  });
});
