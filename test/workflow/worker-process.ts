// Runs `npm run worker`'s command (node --import tsx workers/main.ts, with its MALLOC_ARENA_MAX) as a child
// process, for tests that kill it, with the tests' payload key.
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
