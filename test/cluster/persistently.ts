// How a backend calls a degraded cluster: again, after a second, until a definite answer or a deadline.

/** Long enough that any fault here is waited out, never a reason to fail. */
export const RESULT_DEADLINE_MS = 6 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `work` on anything but an error `isFinal` accepts, for RESULT_DEADLINE_MS. */
export async function persistently<T>(
  what: string,
  work: () => Promise<T>,
  isFinal: (error: unknown) => boolean,
): Promise<T> {
  const deadline = Date.now() + RESULT_DEADLINE_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (isFinal(error) || Date.now() > deadline) {
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await sleep(1_000);
    }
  }
}
