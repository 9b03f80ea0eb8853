// `lumen-iod approve <requestId> --quote <id> [--reject]`: the human decision on a quote above the price guard.
import { approvePrice } from '../provisioning';
import { type CliContext, writeLine } from './context';
import { EXIT } from './exit-codes';

export interface ApproveOptions {
  quote: string;
  reject?: boolean;
}

export async function approveCommand(ctx: CliContext, requestId: string, options: ApproveOptions): Promise<number> {
  const { client } = await ctx.temporal();
  const approved = !options.reject;
  const answer = await approvePrice(client, requestId, { quoteId: options.quote, approved });
  const fallback = approved ? 'the order will be placed.' : 'the provisioning ends without ordering.';
  writeLine(
    ctx.out,
    `${approved ? 'Approved' : 'Declined'} quote ${options.quote} for ${requestId}; ${answer ?? fallback}`,
  );
  return EXIT.ok;
}
