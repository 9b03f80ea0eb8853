// Follows a provisioning until it ends, as a stream of progress events, by polling the status query.
// Polling (not a long-lived stream) keeps it working across worker restarts and from any shell.
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { NoWorkerAnsweredError, StatusUnavailableError } from './errors';
import { ProgressTracker, type ProgressEvent } from './progress';
import { describeProvisioning, getOutcome, getStatus } from './provisioning';

export interface WatchOptions {
  /** Time between polls; 1 s by default. */
  intervalMs?: number;
  /** How long one status query may wait for a worker before this poll is skipped. */
  queryTimeoutMs?: number;
  /** Stops watching (not the provisioning). */
  signal?: AbortSignal;
}

async function statusOrSilence(client: Client, requestId: string, timeoutMs: number) {
  try {
    return await getStatus(client, requestId, { timeoutMs });
  } catch (error) {
    // A worker restart or an early failure only costs this poll; describe still tells us when it ends.
    if (error instanceof NoWorkerAnsweredError || error instanceof StatusUnavailableError) return error;
    throw error;
  }
}

/** Yields each new step, quote, order id, service id and error, then one final `outcome` event. */
export async function* watchProvisioning(
  client: Client,
  requestId: string,
  options: WatchOptions = {},
): AsyncGenerator<ProgressEvent> {
  const intervalMs = options.intervalMs ?? 1_000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5_000;
  const tracker = new ProgressTracker();
  let workerSilent = false;
  for (;;) {
    // Describe before querying: if it was already closed, the query that follows shows its final state.
    const summary = await describeProvisioning(client, requestId);
    const status = await statusOrSilence(client, requestId, queryTimeoutMs);
    if (status instanceof NoWorkerAnsweredError) {
      if (!workerSilent && summary.status === 'Running') yield { kind: 'no-worker', message: status.message };
      workerSilent = true;
    } else if (!(status instanceof StatusUnavailableError)) {
      workerSilent = false;
      yield* tracker.changes(status);
    }
    if (summary.status !== 'Running') {
      yield { kind: 'outcome', outcome: await getOutcome(client, requestId) };
      return;
    }
    await delay(intervalMs, undefined, { signal: options.signal });
  }
}
