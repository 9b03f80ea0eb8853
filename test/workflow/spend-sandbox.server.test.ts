// What a customer's services cost, through the real worker, dev server and sandbox, as an operator asks:
// `lumen-iod spend` reads what each service's workflow publishes (no workflow task), `lumen-iod budget`
// sets a budget that then refuses a raise before any order, `lumen-iod service` shows the account, and a
// disconnected service stays in the month's listing with its final figures.
import { adoptService } from '../../client/service';
import { customerSpend } from '../../client/spend';
import { cliEnv, runCli } from '../cli/run-cli';
import { MONROE, SANDBOX_CUSTOMER, useIntegrationStack } from './integration-stack';
import { until } from '../env/until';

const stack = useIntegrationStack({ activationDelayMs: 200 });

const cents = (usd: string) => Math.round(Number(usd) * 100);

test("spend lists each service's month without waking its workflow; budget refuses a raise; a disconnect keeps its figures", async () => {
  const client = stack.env.client;
  const { admin } = stack.sandbox;
  const [first, second] = await admin.seedServices({
    customerNumber: SANDBOX_CUSTOMER,
    masterSiteId: MONROE,
    speed: '100 Mbps',
    count: 2,
  });
  const ids = [first.serviceId, second.serviceId].sort();

  await stack.withWorker(async (taskQueue) => {
    for (const serviceId of ids) {
      await adoptService(client, { serviceId, customerNumber: SANDBOX_CUSTOMER }, { taskQueue });
    }
    const env = cliEnv({ TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_TASK_QUEUE: taskQueue });
    // Visibility trails the memo by a moment.
    await until(async () => {
      const spend = await customerSpend(client, SANDBOX_CUSTOMER);
      return spend.services.length === 2 ? spend : undefined;
    }, 'both services listed with their account');

    const lengths = async () =>
      Promise.all(
        ids.map(async (id) => (await client.workflow.getHandle(`iod-service-${id}`).describe()).historyLength),
      );
    const before = await lengths();
    const listed = await runCli(['spend', '--customer', SANDBOX_CUSTOMER, '--json'], env);
    expect(listed.code).toBe(0);
    const spend = JSON.parse(listed.stdout);
    expect(spend).toEqual({
      customerNumber: SANDBOX_CUSTOMER,
      month: new Date().toISOString().slice(0, 7),
      asOf: expect.any(String),
      services: ids.map((serviceId) => ({
        serviceId,
        status: 'ACTIVE',
        speed: '100 Mbps',
        hourlyUsd: '0.46',
        monthToDateUsd: expect.stringMatching(/^\d+\.\d\d$/),
        projectedMonthUsd: expect.stringMatching(/^\d+\.\d\d$/),
      })),
      totals: { monthToDateUsd: expect.any(String), projectedMonthUsd: expect.any(String) },
    });
    const projected = spend.services.map((row: { projectedMonthUsd: string }) => cents(row.projectedMonthUsd));
    // The month projected at $0.46 an hour: at most 31 days' worth, and within a cent of the total's sum.
    for (const each of projected) expect(each).toBeLessThanOrEqual(46 * 24 * 31);
    expect(Math.abs(cents(spend.totals.projectedMonthUsd) - projected[0] - projected[1])).toBeLessThanOrEqual(1);
    // Listing woke no workflow: no history grew.
    expect(await lengths()).toEqual(before);

    const text = await runCli(['spend', '--customer', SANDBOX_CUSTOMER], env);
    expect(text.stdout).toMatch(/^SERVICE +STATUS +SPEED +HOURLY +MONTH TO DATE +PROJECTED MONTH$/m);
    expect(text.stdout).toMatch(/^Total: \$\d+\.\d\d month to date, \$\d+\.\d\d projected for the month$/m);

    // A budget below the month's projection: said at once, and a raise is refused before any order.
    const budget = await runCli(['budget', first.serviceId, '--monthly', '50', '--json'], env);
    expect(budget.code).toBe(0);
    expect(JSON.parse(budget.stdout)).toMatchObject({ monthlyBudgetUsd: 50, floorSpeed: null });
    const ordersBefore = (await admin.orders()).length;
    const raise = await runCli(['change', first.serviceId, '--speed', '1 Gbps'], env);
    expect(raise.code).toBe(1);
    expect(raise.stderr).toMatch(/BudgetExceeded/);
    expect(raise.stderr).toMatch(/above the budget of \$50\.00/);
    expect((await admin.orders()).length).toBe(ordersBefore);
    const shown = await runCli(['service', first.serviceId], env);
    expect(shown.stdout).toMatch(/^Spend +\$0\.46\/hour; \$\d+\.\d\d this month, \$\d+\.\d\d projected; /m);
    expect(shown.stdout).toMatch(/^Budget +\$50\.00 a month$/m);
    expect(shown.stdout).toMatch(
      /Budget exceeded: the month \d{4}-\d\d is projected at \$\d+\.\d\d, above the budget of \$50\.00/,
    );

    // Disconnected: the result carries the final account, and the month's listing keeps the service.
    const gone = await runCli(['disconnect', second.serviceId, '--json'], env);
    expect(gone.code).toBe(0);
    expect(JSON.parse(gone.stdout)).toMatchObject({ status: 'DISCONNECTED', spend: { hourlyUsd: '0.00' } });
    const after = await until(async () => {
      const listing = await customerSpend(client, SANDBOX_CUSTOMER);
      const row = listing.services.find((s) => s.serviceId === second.serviceId);
      return row?.status === 'DISCONNECTED' ? row : undefined;
    }, 'the disconnected service listed as such');
    expect(after).toMatchObject({ hourlyUsd: '0.00', projectedMonthUsd: after.monthToDateUsd });

    const bad = await runCli(['spend', '--customer', SANDBOX_CUSTOMER, '--month', '2026-13'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('month: "2026-13" is not a month like 2026-12');
  });
});
