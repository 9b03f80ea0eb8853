// Stateless libraries the worker evaluates once per worker thread and shares among all its workflows
// (workers/workflow-bundle.ts preloads this module, and the worker then freezes what it shares).
import { z } from 'zod';

// zod settles its defaults (English messages, the memoizer behind containers) on the first schema it
// makes, by writing them into its global config; made here, they are written before that is frozen.
z.object({ settled: z.string() });

// Re-exported so the bundler keeps zod whole: an import whose result goes unused is dropped from
// side-effect-free packages such as zod.
export { z };

// Not exported, so the worker's freeze never reaches it: a built schema must stay writable, since zod
// caches what it compiles on the schema and resets a pattern's lastIndex before each test.
const built = new Map<string, unknown>();

/**
 * One value per worker thread, built by the first workflow that asks and reused by every later one.
 * Only for values that hold no state a workflow could observe (a schema: its parse depends on its input
 * alone), so sharing it changes no workflow's behaviour and replays stay identical.
 */
export function builtOncePerThread<T>(name: string, build: () => T): T {
  if (!built.has(name)) built.set(name, build());
  return built.get(name) as T;
}
