// Stateless libraries the worker evaluates once per worker thread and shares among all its workflows
// (workers/workflow-bundle.ts preloads this module, and the worker then freezes what it shares).
import { z } from 'zod';

// zod settles its defaults (English messages, the memoizer behind containers) on the first schema it
// makes, by writing them into its global config; made here, they are written before that is frozen.
z.object({ settled: z.string() });

// Re-exported so the bundler keeps zod whole: an import whose result goes unused is dropped from
// side-effect-free packages such as zod.
export { z };
