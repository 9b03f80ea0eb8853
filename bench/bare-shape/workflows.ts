// The engine's own pace for a provisioning's shape as its recorded history has it
// (test/histories/activated-by-webhook.json), with none of the project's logic: six local activities in
// the first workflow task (the request accepted, five reads), one scheduled activity (the order) whose
// completion makes the bench send two signals (as Lumen's two webhooks would: in progress, then
// completed), and on the second a local activity that starts a second workflow, which then waits (the
// service's). Search-attribute upserts,
// the first poll's timer and the page's details are the project's own work, so they are not here.
import { condition, defineSignal, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { BareActivities } from './activities';

const { read, startSecond } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '1 minute' });
const { order } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

export const doneSignal = defineSignal('done');

const LOCAL_STEPS = ['accept', 'provider', 'locations', 'qualify', 'price', 'billing'];

/** Lumen's events for one order: in progress, then completed. */
export const SIGNALS_PER_ORDER = 2;

export async function bareProvisioning(): Promise<string> {
  let heard = 0;
  setHandler(doneSignal, () => void (heard += 1));
  for (const step of LOCAL_STEPS) await read(step);
  await order();
  await condition(() => heard === SIGNALS_PER_ORDER);
  await startSecond();
  return 'ACTIVE';
}

/** The second workflow: started, then waiting for a signal that does not come in the bench. */
export async function bareService(): Promise<void> {
  let stop = false;
  setHandler(doneSignal, () => void (stop = true));
  await condition(() => stop);
}
