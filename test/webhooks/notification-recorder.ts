// A stand-in for the provisioning workflow: accepts the lumenNotification signal and records each
// event, so receiver tests and the benchmark need nothing but this and a Temporal server.
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { SIGNAL_LUMEN_NOTIFICATION } from '../../domain/names';
import type { LumenNotification } from '../../domain/notification';

export const lumenNotificationSignal = defineSignal<[LumenNotification]>(SIGNAL_LUMEN_NOTIFICATION);
export const receivedQuery = defineQuery<LumenNotification[]>('received');
export const finishSignal = defineSignal('finish');

/** Records notifications until told to finish; returns what it received. */
export async function recordNotifications(): Promise<LumenNotification[]> {
  const received: LumenNotification[] = [];
  let finished = false;
  setHandler(lumenNotificationSignal, (event) => void received.push(event));
  setHandler(receivedQuery, () => received);
  setHandler(finishSignal, () => void (finished = true));
  await condition(() => finished);
  return received;
}
