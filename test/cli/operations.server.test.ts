import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { getOutcome, startProvisioning } from '../../client';
import { eventually } from '../client/eventually';
import { sampleRequest, uniqueRequestId } from '../client/sample-request';
import type { ClientWorld } from '../client/world';
import { startCliWorld } from './cli-world';
import { runCli, startCli } from './run-cli';

const taskQueue = 'cli-operations';
let world: ClientWorld;
let env: TestWorkflowEnvironment;
let cli: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ world, env, cli } = await startCliWorld(taskQueue, ['1-OPS']));
});

afterAll(async () => {
  await world?.stop();
});

/** A provisioning held at AWAIT_APPROVAL (its quote is above the price guard). */
async function awaitingApproval(prefix: string, customerNumber = '1-OPS') {
  const requestId = uniqueRequestId(prefix);
  await startProvisioning(
    env.client,
    sampleRequest({ requestId, customerNumber: await world.customer(customerNumber), maxMonthlyPriceUsd: 100 }),
    { taskQueue },
  );
  const progress = await eventually(async () => {
    const run = await runCli(['status', requestId, '--json'], cli);
    const status = JSON.parse(run.stdout).progress;
    expect(status.step).toBe('AWAIT_APPROVAL');
    return status;
  });
  return { requestId, quoteId: progress.quote.id as string };
}

describe('status', () => {
  test('human text shows the step, quote, next action and history', async () => {
    const { requestId, quoteId } = await awaitingApproval('SH');
    const run = await runCli(['status', requestId], cli);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Request +${requestId} \\(workflow iod-${requestId}, run \\S+\\)$`, 'm'));
    expect(run.stdout).toMatch(/^Workflow +Running since \d{4}-/m);
    expect(run.stdout).toMatch(/^Step +AWAIT_APPROVAL$/m);
    expect(run.stdout).toMatch(new RegExp(`^Quote +${quoteId}: \\$331\\.20/month, valid until `, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^Next +lumen-iod approve ${requestId} --quote ${quoteId}`, 'm'));
    expect(run.stdout).toMatch(/^History\n {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}FIND_PROVIDER/m);
  });

  test('--json carries the execution, the status query and, once ended, the outcome', async () => {
    const requestId = uniqueRequestId('SJ');
    await startProvisioning(env.client, sampleRequest({ requestId, partner: 'Nowhere' }), { taskQueue });
    await getOutcome(env.client, requestId);
    const run = await runCli(['status', requestId, '--json'], cli);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      summary: { requestId, workflowId: `iod-${requestId}`, status: 'Failed' },
      progress: {
        step: 'FAILED',
        lastError: expect.stringMatching(/^Lumen has no partner named "Nowhere" for customer /),
      },
      outcome: { status: 'FAILED', failureType: 'PartnerNotFound' },
    });
  });

  test('without a worker it still shows what Temporal knows, and says why the rest is missing', async () => {
    const requestId = uniqueRequestId('SNW');
    const started = await startProvisioning(env.client, sampleRequest({ requestId, customerNumber: '1-NW' }), {
      taskQueue: 'nobody-polls',
    });
    const run = await runCli(['status', requestId], cli);
    await started.handle.terminate('test over');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Workflow +Running since /m);
    expect(run.stdout).toMatch(/^Customer +1-NW$/m);
    expect(run.stdout).toMatch(/^Step +- \(from search attributes; no worker answered the status query .* within 5 s/m);
  });

  test('an unknown namespace exits 5 with one line naming it', async () => {
    const run = await runCli(['status', 'R1'], { ...cli, TEMPORAL_NAMESPACE: 'no-such-namespace' });
    expect(run).toEqual({
      code: 5,
      stdout: '',
      stderr: 'error: Temporal has no namespace "no-such-namespace" (TEMPORAL_NAMESPACE)\n',
    });
  });

  test('an unknown request id exits 3', async () => {
    const run = await runCli(['status', 'NO-SUCH-9'], cli);
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: 'error: no provisioning found for request NO-SUCH-9 (workflow iod-NO-SUCH-9)\n',
    });
  });
});

describe('approve and watch', () => {
  test('watch follows a provisioning through approval to ACTIVE and exits 0', async () => {
    const { requestId, quoteId } = await awaitingApproval('AW');
    const watch = startCli(['watch', requestId, '--interval', '200ms'], cli);
    await watch.waitForLine(/approval needed/);
    const approve = await runCli(['approve', requestId, '--quote', quoteId], cli);
    expect(approve).toMatchObject({ code: 0, stderr: '' });
    expect(approve.stdout).toBe(
      `Approved quote ${quoteId} for ${requestId}; Quote ${quoteId} approved: ordering once the price is fresh and within it\n`,
    );
    const run = await watch.done;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`approval needed +lumen-iod approve ${requestId} --quote ${quoteId}`));
    expect(run.stdout).toMatch(
      new RegExp(` {2}ORDER {2,}Ordering 100 Mbps at site PL0001247634 .* with quote ${quoteId}$`, 'm'),
    );
    expect(run.stdout).toMatch(/ {2}order {2,}\S+$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^Provisioning ${requestId} is ACTIVE: `));
  });

  test("a wrong quote exits 4 with the workflow's reason; --reject ends it and watch exits 1", async () => {
    const { requestId, quoteId } = await awaitingApproval('AR');
    const wrong = await runCli(['approve', requestId, '--quote', 'Q-NOPE'], cli);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toBe(
      `error: price approval for request ${requestId}, quote Q-NOPE was refused: Quote Q-NOPE is not the one waiting for approval; the waiting quote is ${quoteId} at $331.20/month\n`,
    );
    const reject = await runCli(['approve', requestId, '--quote', quoteId, '--reject'], cli);
    expect(reject.code).toBe(0);
    expect(reject.stdout).toContain('Declined quote');
    const watch = await runCli(['watch', requestId], cli);
    expect(watch.code).toBe(1);
    expect(watch.stdout.trim().split('\n').at(-1)).toBe(
      `Provisioning ${requestId} FAILED (PriceNotApproved): The price of $331.20/month (quote ${quoteId}) for 100 Mbps at ` +
        'site PL0001247634 (Equinix Ethernet Exchange - Monroe IBX, Monroe LA) is above the limit of $100.00 and was not ' +
        'approved; nothing was ordered',
    );
    const late = await runCli(['approve', requestId, '--quote', quoteId], cli);
    expect(late.code).toBe(4);
    expect(late.stderr).toContain('the provisioning has already ended (Failed)');
  });

  test('approve without --quote is a usage error, and an unknown request id exits 3', async () => {
    const noQuote = await runCli(['approve', 'R1'], cli);
    expect(noQuote.code).toBe(2);
    expect(noQuote.stderr).toContain("required option '--quote <id>' not specified");
    expect((await runCli(['approve', 'NO-SUCH-8', '--quote', 'Q'], cli)).code).toBe(3);
    expect((await runCli(['watch', 'NO-SUCH-8'], cli)).code).toBe(3);
  });

  test('watch --json prints one JSON event per line, ending with the outcome', async () => {
    const requestId = uniqueRequestId('WJ');
    await startProvisioning(env.client, sampleRequest({ requestId }), { taskQueue });
    const run = await runCli(['watch', requestId, '--json', '--interval', '200ms'], cli);
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ kind: 'step', step: 'FIND_PROVIDER' });
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', outcome: { status: 'ACTIVE' } });
  });
});

describe('cancel', () => {
  test('cancels a running provisioning; watch then exits 1; a second cancel exits 4', async () => {
    const { requestId } = await awaitingApproval('CC');
    const cancel = await runCli(['cancel', requestId], cli);
    expect(cancel).toMatchObject({ code: 0, stderr: '' });
    expect(cancel.stdout).toContain(`Cancellation requested for ${requestId}`);
    const watch = await runCli(['watch', requestId], cli);
    expect(watch.code).toBe(1);
    expect(watch.stdout).toMatch(/ {2}CANCELLED {2,}Cancelled before anything was ordered: nothing was ordered$/m);
    expect(watch.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^Provisioning ${requestId} ended CANCELLED: `));
    const again = await runCli(['cancel', requestId], cli);
    expect(again.code).toBe(4);
    expect(again.stderr).toBe(`error: the provisioning for request ${requestId} has already ended (Canceled)\n`);
    expect((await runCli(['cancel', 'NO-SUCH-7'], cli)).code).toBe(3);
  });
});

describe('list', () => {
  test('by customer and step as a table, and as JSON', async () => {
    const customer = '1-LIST';
    const { requestId } = await awaitingApproval('LS', customer);
    const table = await eventually(async () => {
      const run = await runCli(['list', '--customer', customer, '--step', 'await_approval'], cli);
      expect(run.stdout).toContain(requestId);
      return run;
    });
    expect(table.code).toBe(0);
    const [header, row, ...rest] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^REQUEST +STATUS +STEP +CUSTOMER +ORDER +SERVICE +STARTED +CLOSED$/);
    expect(row).toMatch(new RegExp(`^${requestId} +Running +AWAIT_APPROVAL +${customer} +- +- +\\d{4}-\\S+ \\S+Z +-$`));
    expect(rest).toEqual([]);

    const json = await runCli(['list', '--customer', customer, '--status', 'running', '--json'], cli);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ requestId, status: 'Running', step: 'AWAIT_APPROVAL', customerNumber: customer }),
    ]);
    const none = await runCli(['list', '--customer', customer, '--status', 'Completed'], cli);
    expect(none).toMatchObject({ code: 0, stdout: 'No provisionings match.\n' });
  });

  test('an unknown step or status is a usage error naming the choices', async () => {
    const step = await runCli(['list', '--step', 'DONE'], cli);
    expect(step.code).toBe(2);
    expect(step.stderr).toBe(
      `error: --step: "DONE" is not one of FIND_PROVIDER, BROWSE_LOCATIONS, QUALIFY, PRICE, BILLING, AWAIT_APPROVAL, ORDER, AWAIT_ACTIVATION, ACTIVE, FAILED, CANCELLED\n`,
    );
    const status = await runCli(['list', '--status', 'Sleeping'], cli);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^error: --status: "Sleeping" is not one of Running, Completed, Failed, Canceled/);
  });
});
