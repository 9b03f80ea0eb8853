// The engine's own pace for a provisioning's shape, with none of the project's logic: five reads in
// turn, an "order" whose completion makes the bench send one signal (as Lumen's webhook would), a poll
// running while the workflow waits for it, and one last activity. Eight activities and one signal.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BareActivities } from './activities';

const { read, order, poll, handOver } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

export const doneSignal = defineSignal('done');

export async function bareProvisioning(): Promise<string> {
  let done = false;
  setHandler(doneSignal, () => void (done = true));
  for (const step of ['provider', 'locations', 'qualify', 'price', 'billing']) await read(step);
  await order();
  void poll();
  await condition(() => done);
  await handOver();
  return 'ACTIVE';
}
