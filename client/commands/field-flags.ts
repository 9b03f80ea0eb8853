// Problems name the input's fields ("speed: must be…"); an operator typed flags, so each line names both.
import type { InvalidServiceInputError } from '../errors';
import { UsageError } from './context';

/** "speed: must be a speed" → "speed (--speed): must be a speed"; unknown fields are left as they are. */
export function problemWithFlag(problem: string, flagFor: Record<string, string>): string {
  const separator = problem.indexOf(': ');
  if (separator < 0) return problem;
  const field = problem.slice(0, separator);
  const flag = flagFor[field];
  return flag ? `${field} (${flag}): ${problem.slice(separator + 2)}` : problem;
}

/** The usage error (exit 2) for input the library refused, one line per problem. */
export function invalidInput(error: InvalidServiceInputError, flagFor: Record<string, string>): UsageError {
  return new UsageError(
    `invalid ${error.operation}, nothing was sent:`,
    ...error.problems.map((problem) => `  ${problemWithFlag(problem, flagFor)}`),
  );
}
