// Heartbeats while slow work is in flight (a call, or its wait for a turn under the request ceiling), so
// a worker that dies mid-call is noticed within the heartbeat timeout rather than the whole start-to-close
// timeout, and a wait is never taken for a dead worker. Quick work sends none: each heartbeat that
// reaches the server costs as much as an activity.
import { Context } from '@temporalio/activity';

const HEARTBEAT_EVERY_MS = 2_000;

export async function heartbeatingWhile<T>(work: Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
