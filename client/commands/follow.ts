// Following a provisioning to its end, for `watch` and `order --watch/--wait`.
import type { Client } from '@temporalio/client';
import { parseDuration } from '../../domain/duration';
import type { ProvisioningOutcome } from '../provisioning';
import { watchProvisioning } from '../watch';
import { type CliContext, UsageError, writeJson, writeLine } from './context';
import { EXIT } from './exit-codes';
import { outcomeLine, progressLine } from './progress-lines';

export interface FollowOptions {
  /** Print each step (watch) or only the outcome (wait). */
  progress: boolean;
  json: boolean;
  intervalMs: number;
}

/** "2s", "500ms", "1 minute" → milliseconds; anything else is a usage error naming the flag. */
export function intervalFlag(text: string | undefined, flag = '--interval'): number {
  if (text === undefined) return 1_000;
  const ms = parseDuration(text);
  if (ms === undefined || ms < 100) throw new UsageError(`${flag}: "${text}" is not a duration of at least 100ms`);
  return ms;
}

export function exitCodeForOutcome(outcome: ProvisioningOutcome): number {
  return outcome.status === 'ACTIVE' ? EXIT.ok : EXIT.provisioningFailed;
}

export async function follow(
  ctx: CliContext,
  client: Client,
  requestId: string,
  options: FollowOptions,
): Promise<number> {
  let outcome: ProvisioningOutcome | undefined;
  for await (const event of watchProvisioning(client, requestId, { intervalMs: options.intervalMs })) {
    if (event.kind === 'outcome') outcome = event.outcome;
    if (options.progress) {
      // NDJSON for scripts: one event per line, the last one being the outcome.
      if (options.json) ctx.out.write(`${JSON.stringify(event)}\n`);
      else writeLine(ctx.out, progressLine(requestId, event, ctx.now()));
    } else if (event.kind === 'no-worker') {
      // A quiet wait still says why it may take a while.
      writeLine(ctx.err, `note: ${event.message} (still waiting)`);
    }
  }
  if (!outcome) throw new Error(`watching ${requestId} ended without an outcome`);
  if (!options.progress) {
    if (options.json) writeJson(ctx.out, { requestId, ...outcome });
    else writeLine(ctx.out, outcomeLine(requestId, outcome));
  }
  return exitCodeForOutcome(outcome);
}
