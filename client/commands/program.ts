// The lumen-iod command line: commander parses, the command files act, this file maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { DEFAULT_TASK_QUEUE } from '../../domain/names';
import { approveCommand, type ApproveOptions } from './approve';
import { cancelCommand } from './cancel';
import type { CliContext } from './context';
import { errorLines, EXIT, EXIT_CODES_HELP, exitCodeFor } from './exit-codes';
import { listCommand, type ListOptions } from './list';
import { orderCommand, type OrderOptions } from './order';
import { quoteCommand, type QuoteCommandOptions } from './quote';
import { addServiceCommands } from './service-commands';
import { statusCommand, type StatusOptions } from './status';
import { watchCommand, type WatchOptions } from './watch';

const ENVIRONMENT_HELP = `Environment (read as the Temporal CLI reads it):
  TEMPORAL_ADDRESS      frontend address (default localhost:7233)
  TEMPORAL_NAMESPACE    namespace (default "default")
  TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE
  TEMPORAL_TASK_QUEUE   task queue new workflows start on (default ${DEFAULT_TASK_QUEUE})
  PAYLOAD_CODEC_KEYS    payload encryption keys, id:base64key[,…] (or PAYLOAD_CODEC_KEY_FILE);
                        beside npm start, for a server on this machine, its key is found by itself
  PAYLOAD_CODEC=off     payloads unencrypted
  LUMEN_IOD_DEBUG=1     print the stack of an unexpected error`;

/** The request's flags, shared by `order` and `quote`. */
function withRequestFlags(command: Command): Command {
  return command
    .option('--file <path>', 'request JSON ("-" reads stdin)')
    .option('--request-id <id>', 'your id for this request, single-use (1-20 of A-Z a-z 0-9 - _ .)')
    .option('--customer <number>', 'Lumen customer number')
    .option('--partner <name>', 'data-centre partner, by name or id')
    .option('--site <masterSiteId>', 'master site id (without a site the first eligible one is chosen)')
    .option('--site-city <city>', 'match a site by city')
    .option('--site-state <state>', 'match a site by state or province')
    .option('--site-post-code <code>', 'match a site by post code')
    .option('--speed <speed>', 'e.g. "100 Mbps", "1 Gbps"')
    .option('--ipv4 <block>', 'IPv4 block size: /28, /29 or /30')
    .option('--service-name <name>', 'customer service name')
    .option('--contact-name <name>', 'order contact, first and last name')
    .option('--contact-email <email>', 'order contact email')
    .option('--contact-phone <phone>', 'order contact phone, a US number')
    .option('--contact-org <organization>', 'order contact organization')
    .option('--contact-role <role>', 'order contact role (default "Order Contact")')
    .option('--billing-account <id>', 'billing account id (default: the first with a US headquarters)')
    .option('--po <number>', 'purchase order number')
    .option('--note <text>', 'free text for the order')
    .option('--max-monthly-price <usd>', 'price guard: a quote above it waits for `approve`')
    .option('--activation-timeout <duration>', 'e.g. "72 hours" (the default)')
    .option('--poll-interval <duration>', 'how often to ask Lumen while activating, e.g. "5 minutes" (the default)');
}

function buildProgram(ctx: CliContext, setExitCode: (code: number) => void): Command {
  const program = new Command('lumen-iod')
    .description(
      'Order and follow Lumen Internet On-Demand provisionings running on Temporal, then change, schedule and disconnect the services.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.out.write(text),
      writeErr: (text) => ctx.err.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${ENVIRONMENT_HELP}\n`);

  withRequestFlags(
    program
      .command('order')
      .description('start a provisioning from flags and/or a request file (flags override the file)'),
  )
    .option('--watch', 'follow every step until the provisioning ends')
    .option('--wait', 'wait quietly until the provisioning ends, then print the outcome')
    .option('--interval <duration>', 'how often --watch/--wait look (default 1s)')
    .option('--json', 'machine-readable output')
    .action(async (options: OrderOptions) => setExitCode(await orderCommand(ctx, options)));

  withRequestFlags(
    program
      .command('quote')
      .description('price a request before ordering it: the quote, its expiry and the speeds the site offers'),
  )
    .option('--json', 'print the quote as one JSON document')
    .action(async (options: QuoteCommandOptions) => setExitCode(await quoteCommand(ctx, options)));

  program
    .command('status')
    .description("show a provisioning's step, quote, order, service and history")
    .argument('<requestId>')
    .option('--json', 'machine-readable output')
    .action(async (requestId: string, options: StatusOptions) =>
      setExitCode(await statusCommand(ctx, requestId, options)),
    );

  program
    .command('watch')
    .description('follow a provisioning step by step until it ends; exit 0 if ACTIVE, 1 otherwise')
    .argument('<requestId>')
    .option('--interval <duration>', 'how often to look (default 1s)')
    .option('--json', 'one JSON event per line')
    .action(async (requestId: string, options: WatchOptions) =>
      setExitCode(await watchCommand(ctx, requestId, options)),
    );

  program
    .command('approve')
    .description('approve (or with --reject, decline) the quote a provisioning is waiting on')
    .argument('<requestId>')
    .requiredOption('--quote <id>', 'the quote id shown by status or watch')
    .option('--reject', 'decline the quote instead; the provisioning ends without ordering')
    .action(async (requestId: string, options: ApproveOptions) =>
      setExitCode(await approveCommand(ctx, requestId, options)),
    );

  program
    .command('cancel')
    .description('cancel a running provisioning (a placed order is disconnected first)')
    .argument('<requestId>')
    .action(async (requestId: string) => setExitCode(await cancelCommand(ctx, requestId)));

  program
    .command('list')
    .description('list provisionings, newest first (visibility may trail by a second or two)')
    .option('--customer <number>', 'by customer number')
    .option('--step <step>', 'by current step, e.g. AWAIT_APPROVAL')
    .option('--status <status>', 'Running, Completed, Failed, Canceled, Terminated, TimedOut')
    .option('--order <id>', 'by Lumen order id')
    .option('--service <id>', 'by Lumen service id')
    .option('--site <masterSiteId>', 'by master site id')
    .option('--limit <n>', 'at most this many rows (default 50)')
    .option('--json', 'machine-readable output')
    .action(async (options: ListOptions) => setExitCode(await listCommand(ctx, options)));

  addServiceCommands(program, ctx, setExitCode);
  return program;
}

/** Runs one command line and returns its exit code; expected errors become one stderr line each. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(ctx, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (and the hint) to stderr.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    for (const line of errorLines(error)) ctx.err.write(`error: ${line}\n`);
    const code = exitCodeFor(error);
    if (code === EXIT.internal && ctx.env.LUMEN_IOD_DEBUG && error instanceof Error) ctx.err.write(`${error.stack}\n`);
    return code;
  }
}
