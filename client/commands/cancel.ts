// `lumen-iod cancel <requestId>`: ask the workflow to stop; it undoes what it ordered before it ends.
import { cancelProvisioning } from '../provisioning';
import { type CliContext, writeLine } from './context';
import { EXIT } from './exit-codes';

export async function cancelCommand(ctx: CliContext, requestId: string): Promise<number> {
  const { client } = await ctx.temporal();
  await cancelProvisioning(client, requestId);
  writeLine(ctx.out, `Cancellation requested for ${requestId}; anything already ordered is disconnected first.`);
  writeLine(ctx.out, `Follow it with: lumen-iod watch ${requestId}`);
  return EXIT.ok;
}
