// `lumen-iod disconnect <serviceId> [--reason R]`: one delete order; the service's workflow then completes.
import { InvalidServiceInputError } from '../errors';
import { checkedDisconnect, disconnectService } from '../service-updates';
import { type CliContext, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { invalidInput } from './field-flags';
import { formatTime } from './progress-lines';

export interface DisconnectOptions {
  reason?: string;
  /** false with --no-wait */
  wait: boolean;
  json?: boolean;
}

export async function disconnectCommand(
  ctx: CliContext,
  serviceId: string,
  options: DisconnectOptions,
): Promise<number> {
  try {
    const input = checkedDisconnect(options.reason === undefined ? {} : { reason: options.reason });
    const { client } = await ctx.temporal();
    const outcome = await disconnectService(client, serviceId, input, { wait: options.wait });
    if (options.json) writeJson(ctx.out, outcome);
    else if (outcome.status === 'ACCEPTED') {
      writeLine(ctx.out, `Disconnect of service ${serviceId} accepted.`);
      writeLine(ctx.out, `Follow it with: lumen-iod service ${serviceId}`);
    } else {
      const order = outcome.orderId ? `order ${outcome.orderId}` : 'inventory already showed it gone';
      writeLine(ctx.out, `Service ${serviceId} is DISCONNECTED: ${order}, at ${formatTime(outcome.disconnectedAt)}.`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidServiceInputError) throw invalidInput(error, { reason: '--reason' });
    throw error;
  }
}
