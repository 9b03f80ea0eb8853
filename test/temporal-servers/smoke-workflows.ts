// A tiny workflow that exercises what every later test relies on: an activity, a signal, a query,
// an update and a long timer.
import type { Duration } from '@temporalio/common';
import {
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

export const greetSignal = defineSignal<[string]>('greet');
export const greetingsQuery = defineQuery<string[]>('greetings');
export const addGreetingUpdate = defineUpdate<number, [string]>('addGreeting');

const { shout } = proxyActivities<{ shout(text: string): Promise<string> }>({ startToCloseTimeout: '10 seconds' });

export async function smoke(expected: number): Promise<string[]> {
  const greetings: string[] = [];
  setHandler(greetSignal, (text) => void greetings.push(text));
  setHandler(greetingsQuery, () => greetings);
  setHandler(addGreetingUpdate, (text) => greetings.push(text), {
    validator: (text) => {
      if (!text) throw new Error('empty greeting');
    },
  });
  await condition(() => greetings.length >= expected);
  greetings.push(await shout(greetings.join(' ')));
  return greetings;
}

export async function sleeper(duration: Duration): Promise<string> {
  await sleep(duration);
  return 'woke up';
}
