// What a run decides right after its order is placed: a committed history is cut at the workflow task
// that follows the order's placing and replayed on the current code. That task was never completed in
// the cut history, so the run decides it anew, and the commands it gives (not replayed) are told to a
// sink: a timer of one poll interval before the first inventory poll, no poll at once.
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { dataConverterFor } from '../../codec/data-converter';
import { historyFile, readManifest } from '../histories/manifest';
import { HISTORY_PAYLOAD_CODEC } from '../histories/payload-codec';
import type { CommandSinks } from './command-recorder';
import { readHistoryFile } from './history-files';
import { bundleProvisioningWorkflow } from './workflow-bundle';

type History = temporal.api.history.v1.IHistory;

let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  workflowBundle = await bundleProvisioningWorkflow(HISTORY_PAYLOAD_CODEC, [require.resolve('./command-recorder')]);
});

/** The history up to the workflow task that began after placeOrder's answer, that task not completed. */
function cutAfterTheOrder(history: History): History {
  const events = history.events ?? [];
  const placeOrder = events.find(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'placeOrder',
  )?.eventId;
  const answered = events.findIndex(
    (e) =>
      placeOrder != null && Number(e.activityTaskCompletedEventAttributes?.scheduledEventId) === Number(placeOrder),
  );
  if (answered < 0) throw new Error('the history has no answered placeOrder');
  const started = events.findIndex((e, i) => i > answered && e.workflowTaskStartedEventAttributes != null);
  if (started < 0) throw new Error('no workflow task began after the order was answered');
  return { events: events.slice(0, started + 1) };
}

/** The activities and timers a run decides in the cut history's last workflow task. */
async function decidedAfterTheOrder(name: string): Promise<{ activities: string[]; timersMs: number[] }> {
  const entry = (await readManifest()).find((e) => e.name === name);
  if (!entry) throw new Error(`no history ${name} in the manifest`);
  const history = cutAfterTheOrder(await readHistoryFile(historyFile(name)));
  const decided = { activities: [] as string[], timersMs: [] as number[] };
  await Worker.runReplayHistory(
    {
      workflowBundle,
      dataConverter: dataConverterFor(HISTORY_PAYLOAD_CODEC),
      sinks: {
        commands: {
          // Called during replay too, each call saying whether it was replayed: only a decision made
          // anew counts.
          activity: {
            fn: (_info: unknown, activityType: string, replaying: boolean) => {
              if (!replaying) decided.activities.push(activityType);
            },
            callDuringReplay: true,
          },
          timer: {
            fn: (_info: unknown, durationMs: number, replaying: boolean) => {
              if (!replaying) decided.timersMs.push(durationMs);
            },
            callDuringReplay: true,
          },
        },
      } satisfies { [K in keyof CommandSinks]: unknown },
    },
    history,
    entry.workflowId,
  );
  return decided;
}

test('an order just placed waits one poll interval on a timer before its first poll', async () => {
  expect(await decidedAfterTheOrder('approved-with-ceiling-then-polled')).toEqual({
    activities: [],
    timersMs: [1_000],
  });
});
