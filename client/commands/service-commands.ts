// The commands for a service after ACTIVE (adopt, change, disconnect, service, services) and its bandwidth
// calendars (schedule …), registered on the lumen-iod program.
import type { Command } from 'commander';
import { adoptCommand, type AdoptOptions } from './adopt';
import { budgetCommand, type BudgetOptions } from './budget';
import { changeCommand, type ChangeOptions } from './change';
import type { CliContext } from './context';
import { disconnectCommand, type DisconnectOptions } from './disconnect';
import {
  CALENDAR_HELP,
  scheduleActionCommand,
  scheduleAddCommand,
  scheduleListCommand,
  type ScheduleAction,
  type ScheduleAddOptions,
} from './schedule';
import { serviceCommand, type ServiceOptions } from './service';
import { servicesCommand, type ServicesOptions } from './services';
import { spendCommand, type SpendOptions } from './spend';

type SetExitCode = (code: number) => void;

export function addServiceCommands(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('adopt')
    .description(
      'manage a service ordered elsewhere: starts its workflow iod-service-<serviceId>; with --all, every ' +
        'active or changing service of the customer that no workflow manages yet',
    )
    .argument('[serviceId]', "Lumen's service id")
    .requiredOption('--customer <number>', 'Lumen customer number the service belongs to')
    .option('--all', "adopt every active or changing Internet service in the customer's inventory not managed yet")
    .option('--poll-interval <duration>', 'how often to ask Lumen while an order is in flight (default 5 minutes)')
    .option('--json', 'machine-readable output')
    .action(async (serviceId: string | undefined, options: AdoptOptions) =>
      setExitCode(await adoptCommand(ctx, serviceId, options)),
    );

  program
    .command('change')
    .description("change a service's bandwidth; waits until Lumen shows it ACTIVE at the new speed")
    .argument('<serviceId>')
    .requiredOption('--speed <speed>', 'the new speed, e.g. "1 Gbps"')
    .option('--revert-after <duration>', 'go back to the current speed by itself after this long, e.g. "4 hours"')
    .option('--max-monthly-price <usd>', 'price guard: fail with PriceNotApproved above this monthly price')
    .option('--change-id <id>', 'your id for this change: the same id never orders twice (default: generated)')
    .option('--no-wait', 'return once the change is accepted (queued), without waiting for Lumen')
    .option('--json', 'machine-readable output')
    .action(async (serviceId: string, options: ChangeOptions) =>
      setExitCode(await changeCommand(ctx, serviceId, options)),
    );

  program
    .command('budget')
    .description("set a service's monthly budget: changes that would exceed it are refused before any order")
    .argument('<serviceId>')
    .option('--monthly <usd>', 'the monthly budget in US dollars')
    .option('--floor-speed <speed>', 'when the month is projected over the budget, lower the service to this speed')
    .option('--none', 'remove the budget')
    .option('--json', 'machine-readable output')
    .action(async (serviceId: string, options: BudgetOptions) =>
      setExitCode(await budgetCommand(ctx, serviceId, options)),
    );

  program
    .command('spend')
    .description("what a customer's managed services cost: month to date and projected, each and in total")
    .requiredOption('--customer <number>', 'Lumen customer number')
    .option(
      '--month <YYYY-MM>',
      'a month (UTC) other than the current one; it lists the services disconnected in it too',
    )
    .option('--json', 'one JSON document')
    .action(async (options: SpendOptions) => setExitCode(await spendCommand(ctx, options)));

  program
    .command('disconnect')
    .description('disconnect a service (one delete order); its workflow then completes')
    .argument('<serviceId>')
    .option('--reason <text>', 'why, kept in the service history')
    .option('--no-wait', 'return once the disconnect is accepted')
    .option('--json', 'machine-readable output')
    .action(async (serviceId: string, options: DisconnectOptions) =>
      setExitCode(await disconnectCommand(ctx, serviceId, options)),
    );

  program
    .command('service')
    .description("show a service's status, speed, queued changes, pending revert, last change and history")
    .argument('<serviceId>')
    .option('--json', 'machine-readable output')
    .action(async (serviceId: string, options: ServiceOptions) =>
      setExitCode(await serviceCommand(ctx, serviceId, options)),
    );

  program
    .command('services')
    .description('list managed services, newest first (visibility may trail by a second or two)')
    .option('--customer <number>', 'by customer number')
    .option('--status <status>', 'PENDING_ACTIVATION, ACTIVE, CHANGING, DISCONNECTING or DISCONNECTED')
    .option('--changing', 'only services with a change under way now')
    .option('--limit <n>', 'at most this many rows (default 50)')
    .option('--json', 'machine-readable output')
    .action(async (options: ServicesOptions) => setExitCode(await servicesCommand(ctx, options)));

  const schedule = program
    .command('schedule')
    .description('bandwidth calendars: Temporal Schedules that change a service at set times');

  schedule
    .command('add')
    .description('add a rule: at these times, change the service to this speed')
    .argument('<serviceId>')
    .requiredOption('--name <name>', 'unique per service: letters, digits, _ or - (up to 40)')
    .requiredOption('--speed <speed>', 'e.g. "100 Mbps"')
    .option('--cron <expression>', 'when, as cron: e.g. "0 22 * * *"')
    .option('--calendar <spec>', 'when, as a calendar: e.g. "dayOfWeek=MON-FRI,hour=8,minute=0"')
    .option('--timezone <zone>', 'IANA time zone the times are read in (default UTC)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', `\n${CALENDAR_HELP}\n`)
    .action(async (serviceId: string, options: ScheduleAddOptions) =>
      setExitCode(await scheduleAddCommand(ctx, serviceId, options)),
    );

  schedule
    .command('list')
    .description("list bandwidth schedules, every service's or one's: speed, when, paused, next and last firing")
    .argument('[serviceId]')
    .option('--json', 'machine-readable output')
    .action(async (serviceId: string | undefined, options: { json?: boolean }) =>
      setExitCode(await scheduleListCommand(ctx, serviceId, options)),
    );

  const actions: [ScheduleAction, string][] = [
    ['pause', 'stop a rule firing until it is resumed'],
    ['resume', 'let a paused rule fire again'],
    ['remove', 'delete a rule'],
  ];
  for (const [action, description] of actions) {
    schedule
      .command(action)
      .description(description)
      .argument('<serviceId>')
      .argument('<name>')
      .option('--json', 'machine-readable output')
      .action(async (serviceId: string, name: string, options: { json?: boolean }) =>
        setExitCode(await scheduleActionCommand(ctx, action, serviceId, name, options)),
      );
  }
}
