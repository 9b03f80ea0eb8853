// What the `status` and `service` reports share: the workflow's own answer when a worker gives one, and
// the report written as JSON or as text.
import { type CliContext, writeJson, writeLine } from './context';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The workflow's answer, or null and why not when one of `unanswered` stops it: Temporal's view stays. */
export async function answerOrWhyNot<T>(
  ask: () => Promise<T>,
  unanswered: ErrorClass[],
): Promise<{ answer: T | null; whyNot?: string }> {
  try {
    return { answer: await ask() };
  } catch (error) {
    if (!unanswered.some((errorClass) => error instanceof errorClass)) throw error;
    return { answer: null, whyNot: (error as Error).message };
  }
}

export function writeReport<R>(ctx: CliContext, json: boolean | undefined, report: R, text: (report: R) => string[]) {
  if (json) writeJson(ctx.out, report);
  else text(report).forEach((line) => writeLine(ctx.out, line));
}
