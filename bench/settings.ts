// The benchmarks' tunables: a whole positive number from the environment, or the bench's default; and
// the worker's own tuning variables, read as the worker reads them.
import { readWorkerTuning, type WorkerTuning } from '../workers/tuning';

export function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The worker's WORKER_* tuning from the environment, as the worker reads it; a bad value stops the bench. */
export function benchTuning(): WorkerTuning {
  const problems: string[] = [];
  const tuning = readWorkerTuning(process.env, problems);
  if (!tuning) throw new Error(problems.join('\n'));
  return tuning;
}
