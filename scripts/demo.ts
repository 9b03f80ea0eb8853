// `npm run demo`: places the example request against a running `npm start` stack and watches it to
// ACTIVE, through the same code path as `lumen-iod order --watch`.
// `npm run demo -- --lifecycle` goes on through the service's life: raise the bandwidth, a burst that
// reverts by itself, then disconnect, each step through the CLI an operator would type.
// `npm run demo -- --drift` raises the service in "Lumen's portal" (the sandbox's admin surface, with no
// event), runs the reconciliation sweep at once, and shows `lumen-iod service` noticing the change.
// `npm run demo -- --spend` scales the sandbox's prices so an hour's price is charged every second, then
// shows the service's spend moving, a raise, the customer's spend, a budget, and a raise it refuses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { getResult, getService, ServiceNoWorkerAnsweredError, ServiceNotFoundError } from '../client';
import type { CliContext } from '../client/commands/context';
import { processCliContext } from '../client/commands/process-context';
import { runCli } from '../client/commands/program';
import { RECONCILE_SCHEDULE_ID, type ServiceView } from '../domain/service';
import { SandboxAdmin } from '../sandbox/admin-client';

const RAISED = '500 Mbps';
const BURST = '1 Gbps';
const BURST_FOR = '20 seconds';

const say = (line: string) => process.stdout.write(`\n== ${line}\n`);

/** Polls the service query until it satisfies `done`, within `timeoutMs`. */
async function serviceUntil(
  client: Client,
  serviceId: string,
  done: (view: ServiceView) => boolean,
  timeoutMs: number,
): Promise<ServiceView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const view = await getService(client, serviceId, { timeoutMs: 5_000 });
      if (done(view)) return view;
    } catch (error) {
      // The provisioning starts the service's workflow a moment after ACTIVE.
      if (!(error instanceof ServiceNotFoundError || error instanceof ServiceNoWorkerAnsweredError)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`service ${serviceId} did not get there within ${timeoutMs / 1000} s`);
    await delay(1_000);
  }
}

async function step(ctx: CliContext, title: string, args: string[]): Promise<void> {
  say(`${title}: lumen-iod ${args.join(' ')}`);
  const code = await runCli(args, ctx);
  if (code !== 0) throw new Error(`lumen-iod ${args[0]} exited ${code}`);
}

async function lifecycle(ctx: CliContext, requestId: string): Promise<void> {
  const { client } = await ctx.temporal();
  const { serviceId, speed } = await getResult(client, requestId);
  say(`service ${serviceId} is ACTIVE at ${speed}; waiting for its workflow iod-service-${serviceId}`);
  await serviceUntil(client, serviceId, (view) => view.status === 'ACTIVE', 60_000);

  await step(ctx, 'raise the bandwidth', ['change', serviceId, '--speed', RAISED]);
  await step(ctx, `a burst that reverts after ${BURST_FOR}`, [
    'change',
    serviceId,
    '--speed',
    BURST,
    '--revert-after',
    BURST_FOR,
  ]);
  say(`waiting for the burst to revert to ${RAISED} by itself`);
  const reverted = await serviceUntil(
    client,
    serviceId,
    (view) => view.speed === RAISED && view.revert === null && view.status === 'ACTIVE',
    10 * 60_000,
  );
  process.stdout.write(`back at ${reverted.speed} (change ${reverted.lastChange?.changeId ?? '-'})\n`);

  await step(ctx, 'disconnect', ['disconnect', serviceId, '--reason', 'lifecycle demo over']);
  await step(ctx, 'the service at the end', ['service', serviceId]);
}

async function drift(ctx: CliContext, requestId: string): Promise<void> {
  const { client } = await ctx.temporal();
  const { serviceId } = await getResult(client, requestId);
  await serviceUntil(client, serviceId, (view) => view.status === 'ACTIVE', 60_000);
  const sandbox = sandboxAdmin();
  say(`raising service ${serviceId} to ${RAISED} in Lumen's portal (the sandbox's admin surface), with no event`);
  await sandbox.changeServiceOutside(serviceId, { speed: RAISED, event: false });
  for (;;) {
    const shown = (await sandbox.services()).find((service) => service.serviceId === serviceId);
    if (shown?.status === 'Active' && shown.mbps === 500) break;
    await delay(500);
  }
  // The sweep runs every LUMEN_RECONCILE_INTERVAL; the demo does not wait for it.
  say(`Lumen shows ${RAISED}; running the reconciliation sweep now (Schedule ${RECONCILE_SCHEDULE_ID})`);
  await client.schedule
    .getHandle(RECONCILE_SCHEDULE_ID)
    .trigger()
    .catch(() => say('no reconciliation schedule (LUMEN_RECONCILE_INTERVAL=off?): waiting for an event or a restart'));
  await serviceUntil(client, serviceId, (view) => view.speed === RAISED, 10 * 60_000);
  await step(ctx, 'the service noticed it', ['service', serviceId]);
}

function sandboxAdmin(): SandboxAdmin {
  return new SandboxAdmin(process.env.LUMEN_SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 8089}`);
}

async function spend(ctx: CliContext, requestId: string, customerNumber: string): Promise<void> {
  const { client } = await ctx.temporal();
  const { serviceId } = await getResult(client, requestId);
  await serviceUntil(client, serviceId, (view) => view.spend !== null, 60_000);
  await step(ctx, 'what it costs so far', ['service', serviceId]);
  await delay(5_000);
  await step(ctx, 'five seconds later (five hours, at these prices)', ['service', serviceId]);
  await step(ctx, 'raise the bandwidth', ['change', serviceId, '--speed', RAISED]);
  await step(ctx, "the customer's spend", ['spend', '--customer', customerNumber]);
  const projected = (await getService(client, serviceId)).spend?.projectedMonthUsd ?? '0';
  const budget = String(Math.ceil(Number(projected) * 1.05));
  await step(ctx, `a monthly budget just above this month's projection`, ['budget', serviceId, '--monthly', budget]);
  say(`a burst to ${BURST} would blow it: lumen-iod change ${serviceId} --speed "${BURST}"`);
  const code = await runCli(['change', serviceId, '--speed', BURST], ctx);
  if (code === 0) throw new Error('the budget did not refuse the raise');
  process.stdout.write(`refused by the budget (exit code ${code}); nothing was ordered\n`);
}

async function main(): Promise<number> {
  const withLifecycle = process.argv.slice(2).includes('--lifecycle');
  const withDrift = process.argv.slice(2).includes('--drift');
  const withSpend = process.argv.slice(2).includes('--spend');
  // Unique per run, within the 20 characters Lumen allows for an externalId.
  const requestId = `DEMO-${Date.now().toString(36).toUpperCase()}`;
  const { ctx, close } = processCliContext();
  const file = path.join(__dirname, '..', 'examples', 'request.json');
  // An hour's price every second, so money visibly moves; the price guard is lifted to match.
  if (withSpend) await sandboxAdmin().updateSettings({ priceScale: 3_600 });
  try {
    const guard = withSpend ? ['--max-monthly-price', '100000000'] : [];
    const code = await runCli(
      ['order', '--file', file, '--request-id', requestId, '--poll-interval', '30 seconds', ...guard, '--watch'],
      ctx,
    );
    process.stdout.write(code === 0 ? 'ACTIVE\n' : `not active (exit code ${code})\n`);
    if (code !== 0 || !(withLifecycle || withDrift || withSpend)) return code;
    if (withSpend) {
      const { customerNumber } = JSON.parse(readFileSync(file, 'utf8')) as { customerNumber: string };
      await spend(ctx, requestId, customerNumber);
      process.stdout.write('\nspend done: money moving by the hour, a budget, and a raise it refused\n');
      return 0;
    }
    if (withDrift) {
      await drift(ctx, requestId);
      process.stdout.write('\ndrift done: a raise made outside the project was noticed\n');
      return 0;
    }
    await lifecycle(ctx, requestId);
    process.stdout.write('\nlifecycle done: ordered, raised, burst and reverted, disconnected\n');
    return 0;
  } finally {
    if (withSpend) await sandboxAdmin().updateSettings({ priceScale: 1 });
    await close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
