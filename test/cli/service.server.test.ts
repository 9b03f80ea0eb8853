import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { getResult, getServiceOutcome, startProvisioning } from '../../client';
import { eventually } from '../client/eventually';
import { sampleRequest, uniqueRequestId } from '../client/sample-request';
import { uniqueServiceId } from '../client/services';
import type { ClientWorld } from '../client/world';
import { startCliWorld } from './cli-world';
import { cliEnv, runCli } from './run-cli';

const taskQueue = 'cli-service';
let world: ClientWorld;
let env: TestWorkflowEnvironment;
let cli: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ world, env, cli } = await startCliWorld(taskQueue));
});

afterAll(async () => {
  await world?.stop();
});

/** A service Lumen has, Active at 100 Mbps, managed by its workflow. */
const adopted = () => world.managedService();

/** The service's orders of one action at Lumen, oldest first. */
const ordersOf = async (serviceId: string, action: 'modify' | 'delete') =>
  (await world.admin.orders()).filter((order) => order.serviceId === serviceId && order.action === action);

describe('adopt', () => {
  test('starts the service workflow; a second adopt exits 4; bad flags exit 2 naming them', async () => {
    const serviceId = await world.lumenService('1-CLI');
    const run = await runCli(['adopt', serviceId, '--customer', '1-CLI'], cli);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      new RegExp(
        `^Adopted service ${serviceId} as workflow iod-service-${serviceId} \\(run \\S+\\) on ${taskQueue}\\.\n`,
      ),
    );
    const again = await runCli(['adopt', serviceId, '--customer', '1-CLI'], cli);
    expect(again).toEqual({
      code: 4,
      stdout: '',
      stderr: `error: service ${serviceId} is already managed by workflow iod-service-${serviceId}\n`,
    });
    const bad = await runCli(['adopt', 'no good', '--customer', '1-CLI', '--poll-interval', 'often'], cli);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      [
        'error: invalid adopt, nothing was sent:',
        'error:   serviceId (<serviceId>): must be a Lumen service id such as 77133831778',
        'error:   pollInterval (--poll-interval): "often" is not a duration like "4 hours"',
        '',
      ].join('\n'),
    );
  });
});

describe('change', () => {
  test('waits until ACTIVE and prints the order, its price and when it reverts', async () => {
    const serviceId = await adopted();
    const run = await runCli(['change', serviceId, '--speed', '1 Gbps', '--revert-after', '1 hour'], cli);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [order] = await ordersOf(serviceId, 'modify');
    const [line, revert] = run.stdout.trim().split('\n');
    expect(line).toMatch(
      new RegExp(
        `^Service ${serviceId} is ACTIVE at 1 Gbps \\(was 100 Mbps\\): change chg-\\S+, order ${order.id}, quote ${order.quoteId}, \\$1324\\.80/month \\(\\$1\\.84/hour\\), at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\.$`,
      ),
    );
    expect(revert).toMatch(/^It returns to 100 Mbps by itself at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\.$/);
  });

  test('--no-wait returns once accepted; the same --change-id then returns the one result, as JSON too', async () => {
    const serviceId = await adopted();
    const accepted = await runCli(['change', serviceId, '--speed', '500 Mbps', '--change-id', 'c-1', '--no-wait'], cli);
    expect(accepted).toEqual({
      code: 0,
      stderr: '',
      stdout: `Change c-1 for service ${serviceId} accepted: to 500 Mbps.\nFollow it with: lumen-iod service ${serviceId}\n`,
    });
    const first = await runCli(['change', serviceId, '--speed', '500 Mbps', '--change-id', 'c-1', '--json'], cli);
    const again = await runCli(['change', serviceId, '--speed', '500 Mbps', '--change-id', 'c-1', '--json'], cli);
    expect(first.code).toBe(0);
    const [order] = await ordersOf(serviceId, 'modify');
    expect(JSON.parse(first.stdout)).toMatchObject({ changeId: 'c-1', status: 'ACTIVE', orderId: order.id });
    expect(again.stdout).toBe(first.stdout);
    const service = await runCli(['service', serviceId, '--json'], cli);
    expect(JSON.parse(service.stdout).service).toMatchObject({ speed: '500 Mbps', changesToday: 1 });
  });

  test('a refused change exits 4, a failed one exits 1, bad flags exit 2', async () => {
    const serviceId = await adopted();
    await runCli(['change', serviceId, '--speed', '200 Mbps', '--change-id', 'c-2'], cli);
    const reused = await runCli(['change', serviceId, '--speed', '1 Gbps', '--change-id', 'c-2'], cli);
    expect(reused).toEqual({
      code: 4,
      stdout: '',
      stderr: `error: change c-2 for service ${serviceId} was refused: changeId c-2 was already used for a change to 200 Mbps; use a new changeId for a different change\n`,
    });
    const failed = await runCli(['change', serviceId, '--speed', '20 Gbps', '--change-id', 'c-3'], cli);
    expect(failed).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `error: change c-3 of service ${serviceId} failed (SpeedNotOffered): Site PL0001247634 (the service's site) ` +
        'does not offer 20 Gbps; it offers 50 Mbps, 100 Mbps, 200 Mbps, 500 Mbps, 1 Gbps, 2 Gbps\n',
    });
    const guarded = await runCli(['change', serviceId, '--speed', '1 Gbps', '--max-monthly-price', '$500'], cli);
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toMatch(
      /failed \(PriceNotApproved\): The price of \$1324\.80\/month \(quote \S+\) for 200 Mbps → 1 Gbps on service \d+ is above the limit of \$500\.00; nothing was ordered\n$/,
    );
    const bad = await runCli(['change', serviceId, '--speed', 'fast', '--revert-after', 'later'], cli);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid changeBandwidth, nothing was sent:',
        'error:   speed (--speed): must be a speed such as "100 Mbps" or "1 Gbps"',
        'error:   revertAfter (--revert-after): "later" is not a duration like "4 hours"',
        '',
      ].join('\n'),
    });
    const price = await runCli(['change', serviceId, '--speed', '1 Gbps', '--max-monthly-price', 'lots'], cli);
    expect(price).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --max-monthly-price: "lots" is not an amount of US dollars such as 400\n',
    });
  });
});

describe('disconnect and service', () => {
  test('service shows the status, speed, last change and history; --json carries the query', async () => {
    const serviceId = await adopted();
    await runCli(['change', serviceId, '--speed', '1 Gbps', '--change-id', 'up-1'], cli);
    const [order] = await ordersOf(serviceId, 'modify');
    const run = await runCli(['service', serviceId], cli);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      new RegExp(`^Service +${serviceId} \\(workflow iod-service-${serviceId}, run \\S+\\)$`, 'm'),
    );
    expect(run.stdout).toMatch(/^Workflow +Running since \d{4}-/m);
    expect(run.stdout).toMatch(/^Status +ACTIVE$/m);
    expect(run.stdout).toMatch(/^Speed +1 Gbps$/m);
    expect(run.stdout).toMatch(/^Site +PL0001247634 \(partner 43558\)$/m);
    expect(run.stdout).toMatch(
      new RegExp(`^Last change +up-1: 100 Mbps → 1 Gbps, order ${order.id}, \\$1324\\.80/month, at `, 'm'),
    );
    expect(run.stdout).toMatch(/^Changes today +1 \(since midnight GMT\)$/m);
    expect(run.stdout).toMatch(
      new RegExp(
        `^History\n {2}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ {2}ACTIVE +Inventory shows service ${serviceId} `,
        'm',
      ),
    );
    const json = JSON.parse((await runCli(['service', serviceId, '--json'], cli)).stdout);
    expect(json).toMatchObject({
      summary: { serviceId, workflowId: `iod-service-${serviceId}`, status: 'Running' },
      service: { serviceId, status: 'ACTIVE', speed: '1 Gbps', lastChange: { changeId: 'up-1' } },
    });
  });

  test('disconnect waits for DISCONNECTED; repeating it exits 0 with the same result; a change then exits 4', async () => {
    const serviceId = await adopted();
    const run = await runCli(['disconnect', serviceId, '--reason', 'event over'], cli);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [order] = await ordersOf(serviceId, 'delete');
    expect(run.stdout).toMatch(
      new RegExp(
        `^Service ${serviceId} is DISCONNECTED: order ${order.id}, at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\.\n$`,
      ),
    );
    expect(await runCli(['disconnect', serviceId], cli)).toEqual(run);
    await getServiceOutcome(env.client, serviceId); // the workflow has ended
    const change = await runCli(['change', serviceId, '--speed', '1 Gbps'], cli);
    expect(change.code).toBe(4);
    expect(change.stderr).toMatch(/was refused: the service was disconnected \(its workflow has completed\)\n$/);
    const service = await runCli(['service', serviceId], cli);
    expect(service.stdout).toMatch(/^Workflow +Completed at /m);
    expect(service.stdout).toMatch(/^Status +DISCONNECTED$/m);
    expect(service.stdout).toMatch(new RegExp(`^Outcome +DISCONNECTED at \\S+ \\S+Z \\(order ${order.id}\\)$`, 'm'));
    expect(service.stdout).toMatch(/ {2}ACTIVE +Disconnect requested: event over$/m);
    expect(service.stdout).toMatch(new RegExp(` {2}DISCONNECTING +Disconnecting service ${serviceId}$`, 'm'));
  });

  test('an unknown service exits 3 for service, change and disconnect', async () => {
    const expected = {
      code: 3,
      stdout: '',
      stderr: 'error: no managed service NO-SUCH-9 (no workflow iod-service-NO-SUCH-9)\n',
    };
    expect(await runCli(['service', 'NO-SUCH-9'], cli)).toEqual(expected);
    expect(await runCli(['change', 'NO-SUCH-9', '--speed', '1 Gbps'], cli)).toEqual(expected);
    expect(await runCli(['disconnect', 'NO-SUCH-9'], cli)).toEqual(expected);
  });

  test('without a worker, service still shows what Temporal knows and says why the rest is missing', async () => {
    const serviceId = uniqueServiceId('NW');
    const idle = cliEnv({ TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: 'nobody-polls' });
    expect((await runCli(['adopt', serviceId, '--customer', '1-NW'], idle)).code).toBe(0);
    const run = await runCli(['service', serviceId], idle);
    await env.client.workflow.getHandle(`iod-service-${serviceId}`).terminate('test over');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Customer +1-NW$/m);
    expect(run.stdout).toMatch(
      /^Status +- \(from search attributes; no worker answered the service query .* within 5 s/m,
    );
  });

  test('an unreachable Temporal exits 5 for every service command', async () => {
    const down = cliEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
    for (const args of [
      ['change', 'S1', '--speed', '1 Gbps'],
      ['service', 'S1'],
      ['schedule', 'list'],
    ]) {
      const run = await runCli(args, down);
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/^error: cannot reach Temporal at 127\.0\.0\.1:1: .+\n$/);
    }
    // Flags are checked before connecting: a bad one is exit 2 even then.
    expect((await runCli(['change', 'S1', '--speed', 'fast'], down)).code).toBe(2);
  });
});

describe('status and services', () => {
  test("a provisioning's status points to the workflow that manages its service once it has one", async () => {
    const requestId = uniqueRequestId('SW');
    await startProvisioning(env.client, sampleRequest({ requestId, customerNumber: await world.customer('1-SW') }), {
      taskQueue,
    });
    const { serviceId } = await getResult(env.client, requestId);
    const status = await runCli(['status', requestId], cli);
    expect(status.stdout).toMatch(
      new RegExp(`^Managed by +iod-service-${serviceId} {3}\\(lumen-iod service ${serviceId}\\)$`, 'm'),
    );
    const service = await runCli(['service', serviceId], cli);
    expect(service.stdout).toMatch(new RegExp(`^Request +${requestId}$`, 'm'));
  });

  test('services lists a customer’s services as a table', async () => {
    const customer = '1-CLS';
    const serviceId = await world.managedService(customer);
    const run = await eventually(async () => {
      const listed = await runCli(['services', '--customer', customer], cli);
      expect(listed.stdout).toMatch(
        new RegExp(`^${serviceId} +ACTIVE +${customer} +Running +\\d{4}-\\S+ \\S+Z +-$`, 'm'),
      );
      return listed;
    });
    expect(run.stdout.split('\n')[0]).toMatch(/^SERVICE +STATUS +CUSTOMER +WORKFLOW +STARTED +CLOSED$/);
    const none = await runCli(['services', '--customer', customer, '--changing'], cli);
    expect(none).toMatchObject({ code: 0, stdout: 'No services match.\n' });
  });
});
