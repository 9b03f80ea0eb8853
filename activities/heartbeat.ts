// Heartbeats while a single slow call is in flight, so a worker that dies mid-call is noticed within the
// heartbeat timeout rather than the whole start-to-close timeout. A quick call sends none: each
// heartbeat that reaches the server costs as much as an activity.
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
