// Runs `npm run worker`'s command (node --import tsx workers/main.ts, with its MALLOC_ARENA_MAX) as a child
// process, for tests that kill it, with the tests' payload key.
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from '../../sandbox/server';
import { startLoggedProcess, type LoggedProcess } from '../env/logged-process';

export type WorkerProcess = LoggedProcess;

/** `running` resolves once the worker logged that it polls its task queue. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  return startLoggedProcess({
    name: 'worker',
    command: process.execPath,
    args: ['--import', 'tsx', 'workers/main.ts'],
    env: { MALLOC_ARENA_MAX: '2', ...env },
    readyWhen: '"msg":"worker running"',
  });
}

export interface SandboxWorkerTarget {
  temporalAddress: string;
  namespace?: string;
  taskQueue: string;
  sandboxUrl: string;
}

/**
 * What a worker process needs to work against the Lumen sandbox, as `npm run worker` reads it: no
 * metrics port, a short shutdown grace, info logs for the tests to read. Callers add their own.
 */
export function sandboxWorkerEnv({ temporalAddress, namespace, taskQueue, sandboxUrl }: SandboxWorkerTarget) {
  return {
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace ?? 'default',
    // No profile of the machine's user may change where the worker connects.
    TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml',
    TEMPORAL_TASK_QUEUE: taskQueue,
    LUMEN_BASE_URL: sandboxUrl,
    LUMEN_CONSUMER_KEY: DEFAULT_CONSUMER_KEY,
    LUMEN_CONSUMER_SECRET: DEFAULT_CONSUMER_SECRET,
    METRICS_PORT: 'off',
    WORKER_SHUTDOWN_GRACE: '2 seconds',
    LOG_LEVEL: 'info',
  };
}
