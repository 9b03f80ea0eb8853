// `lumen-iod watch <requestId>`: follow a provisioning step by step; exit 0 if it becomes ACTIVE.
import { type CliContext } from './context';
import { follow, intervalFlag } from './follow';

export interface WatchOptions {
  interval?: string;
  json?: boolean;
}

export async function watchCommand(ctx: CliContext, requestId: string, options: WatchOptions): Promise<number> {
  const intervalMs = intervalFlag(options.interval);
  const { client } = await ctx.temporal();
  return follow(ctx, client, requestId, { progress: true, json: Boolean(options.json), intervalMs });
}
