// What the service's time-skipping tests share: waiting for the service query to show something, a
// change sent and answered while workflow time passes, and Lumens in process whose service ids are the file's own.
import type { WorkflowHandle } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { ChangeBandwidthInput, ServiceView } from '../../domain/service';
import { INVENTORY_MEMO_KEY } from '../../domain/service-names';
import type { manageInternetOnDemandService } from '../../workflows';
import { changeBandwidthUpdate, serviceQuery } from '../../workflows/messages';
import { InProcessLumen } from './in-process-lumen';
import type { TimeSkipping } from './time-skipping';

export type ServiceHandle = WorkflowHandle<typeof manageInternetOnDemandService>;

/** Polls the service query until it satisfies `expected` (the test server's clock does not move meanwhile). */
export async function viewWhen(handle: ServiceHandle, expected: (view: ServiceView) => boolean): Promise<ServiceView> {
  for (let i = 0; i < 400; i++) {
    const view = await handle.query(serviceQuery);
    if (expected(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the service never matched; last: ${JSON.stringify(await handle.query(serviceQuery))}`);
}

/**
 * Waits until the service has read inventory and said it is active, in a workflow task the server has
 * taken: a query may answer from a task a loaded worker has not completed yet, and if that task times out
 * its local reads run again, so a test that changes Lumen next must wait for the memo the task published.
 */
export async function activeView(handle: ServiceHandle): Promise<ServiceView> {
  const view = await viewWhen(handle, (v) => v.status === 'ACTIVE' && v.lastCheckedAt !== null);
  for (let i = 0; i < 400; i++) {
    if ((await handle.describe()).memo?.[INVENTORY_MEMO_KEY]) return view;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the service never published what inventory showed');
}

/** Sends a change and lets workflow time pass until it is answered (time only skips while the test waits on it). */
export async function change(
  world: TimeSkipping,
  handle: ServiceHandle,
  input: ChangeBandwidthInput,
  passing: Duration = '30 minutes',
) {
  const update = await handle.startUpdate(changeBandwidthUpdate, {
    args: [input],
    updateId: input.changeId,
    waitForStage: 'ACCEPTED',
  });
  const answered = update.result();
  await world.env.sleep(passing);
  return answered;
}

/** Lumens in process whose service ids start with `prefix` and a number of their own, so no two share an id. */
export function lumensWithOwnIds(prefix: string): () => InProcessLumen {
  let made = 0;
  return () => {
    made += 1;
    return new InProcessLumen({ servicePrefix: `${prefix}${String(made).padStart(8, '0')}` });
  };
}
