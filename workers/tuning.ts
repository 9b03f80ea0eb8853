// How much the worker holds and runs at once: its workflow cache, task slots and pollers, from
// WORKER_* variables. `npm run bench -- parked` measures the worker's memory with many provisionings
// waiting; every value is checked against the SDK's own limits here, so a bad one is refused at start
// with the variable named, not adjusted silently by the SDK.
import type { WorkerOptions } from '@temporalio/worker';

export interface WorkerTuning {
  /** Workflow executions kept in memory between their tasks; others are replayed from history when they wake. */
  maxCachedWorkflows: number;
  /** Workflow tasks processed at once. */
  maxConcurrentWorkflowTasks: number;
  /** Activities running at once (each one Lumen call or Temporal client call). */
  maxConcurrentActivities: number;
  /** Local activities running at once (the workflow's settings read). */
  maxConcurrentLocalActivities: number;
  /** Long polls kept open for workflow tasks (sticky and normal queue together). */
  workflowTaskPollers: number;
  /** Long polls kept open for activity tasks. */
  activityTaskPollers: number;
  /** Threads that run workflow code, each with its own V8 isolate; cached workflows are spread among them. */
  workflowThreads: number;
}

interface Knob {
  variable: string;
  field: keyof WorkerTuning;
  min: number;
  /** What the number is, for the error message. */
  what: string;
  /** Its line in docs/configuration.md (npm run docs:config). */
  description: string;
}

/**
 * Measured by `npm run bench -- parked` and `npm run bench -- engine-ratio` on two cores (figures in
 * docs/performance.md). A cached provisioning waiting for activation holds about 0.4 MB, so the cache is what
 * decides a worker's memory with thousands waiting; one that wakes outside it replays a history of a
 * few dozen events, which costs little while the cache holds more than the workflow task slots use
 * (200 provisionings at once ran about as fast with 100 cached as with 1,000, and at half the speed
 * with 50 for 40 slots). A second workflow thread costs about 50 MB and works while the first waits on
 * the watchdog the SDK starts for each call into a workflow.
 */
export const DEFAULT_TUNING: WorkerTuning = {
  maxCachedWorkflows: 100,
  maxConcurrentWorkflowTasks: 40,
  maxConcurrentActivities: 100,
  maxConcurrentLocalActivities: 100,
  workflowTaskPollers: 10,
  activityTaskPollers: 10,
  workflowThreads: 2,
};

const KNOBS: Knob[] = [
  {
    variable: 'WORKER_MAX_CACHED_WORKFLOWS',
    field: 'maxCachedWorkflows',
    min: 0,
    what: 'workflows (0: no cache)',
    description: 'Workflow executions kept in memory between tasks (`0`: none); at least the workflow task slots.',
  },
  {
    variable: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
    field: 'maxConcurrentWorkflowTasks',
    min: 2,
    what: 'slots',
    description: 'Workflow task slots.',
  },
  {
    variable: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
    field: 'maxConcurrentActivities',
    min: 1,
    what: 'slots',
    description: 'Activity slots.',
  },
  {
    variable: 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES',
    field: 'maxConcurrentLocalActivities',
    min: 1,
    what: 'slots',
    description: 'Local activity slots.',
  },
  {
    variable: 'WORKER_WORKFLOW_TASK_POLLERS',
    field: 'workflowTaskPollers',
    min: 2,
    what: 'pollers',
    description: 'Long polls kept open for workflow tasks; at most the workflow task slots.',
  },
  {
    variable: 'WORKER_ACTIVITY_TASK_POLLERS',
    field: 'activityTaskPollers',
    min: 1,
    what: 'pollers',
    description: 'Long polls kept open for activity tasks; at most the activity slots.',
  },
  {
    variable: 'WORKER_WORKFLOW_THREADS',
    field: 'workflowThreads',
    min: 1,
    what: 'threads',
    description: 'Threads running workflow code, each a V8 isolate of its own (about 50 MB).',
  },
];

/** Each tuning variable with its default and description, for docs/configuration.md. */
export const TUNING_DOCS = KNOBS.map((knob) => ({
  variable: knob.variable,
  default: DEFAULT_TUNING[knob.field],
  description: knob.description,
}));

export const TUNING_VARIABLES = KNOBS.map((knob) => knob.variable);

/** Reads the WORKER_* tuning variables; problems are pushed as "VARIABLE: why" lines. */
export function readWorkerTuning(env: NodeJS.ProcessEnv, problems: string[]): WorkerTuning | undefined {
  const tuning = { ...DEFAULT_TUNING };
  const before = problems.length;
  for (const knob of KNOBS) {
    const text = env[knob.variable]?.trim();
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) < knob.min || !Number.isSafeInteger(Number(text))) {
      problems.push(`${knob.variable}: "${text}" is not a whole number of ${knob.what} of at least ${knob.min}`);
      continue;
    }
    tuning[knob.field] = Number(text);
  }
  if (problems.length > before) return undefined;
  // The SDK's own rules, said in the variables' names instead of being silently corrected.
  if (tuning.workflowTaskPollers > tuning.maxConcurrentWorkflowTasks) {
    problems.push(
      `WORKER_WORKFLOW_TASK_POLLERS: ${tuning.workflowTaskPollers} is more than WORKER_MAX_CONCURRENT_WORKFLOW_TASKS ` +
        `(${tuning.maxConcurrentWorkflowTasks}); a poller needs a free slot`,
    );
  }
  if (tuning.activityTaskPollers > tuning.maxConcurrentActivities) {
    problems.push(
      `WORKER_ACTIVITY_TASK_POLLERS: ${tuning.activityTaskPollers} is more than WORKER_MAX_CONCURRENT_ACTIVITIES ` +
        `(${tuning.maxConcurrentActivities}); a poller needs a free slot`,
    );
  }
  if (tuning.maxCachedWorkflows > 0 && tuning.maxCachedWorkflows < tuning.maxConcurrentWorkflowTasks) {
    problems.push(
      `WORKER_MAX_CACHED_WORKFLOWS: ${tuning.maxCachedWorkflows} is fewer than WORKER_MAX_CONCURRENT_WORKFLOW_TASKS ` +
        `(${tuning.maxConcurrentWorkflowTasks}); each workflow task in progress holds a cache entry (0 turns the cache off)`,
    );
  }
  return problems.length > before ? undefined : tuning;
}

/** The SDK's names for the same settings. */
export function workerOptionsFor(tuning: WorkerTuning): Partial<WorkerOptions> {
  return {
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: tuning.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskExecutions: tuning.maxConcurrentActivities,
    maxConcurrentLocalActivityExecutions: tuning.maxConcurrentLocalActivities,
    maxConcurrentWorkflowTaskPolls: tuning.workflowTaskPollers,
    maxConcurrentActivityTaskPolls: tuning.activityTaskPollers,
    workflowThreadPoolSize: tuning.workflowThreads,
  };
}
