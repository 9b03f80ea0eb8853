// How a bench process ends, run alone (`tsx bench/x.bench.ts`) or all in turn (`npm run bench`).

/** Exits 0 when `work` resolves (clients it leaves open do not hold the process), 1 with its stack when it fails. */
export function exitWhenDone(work: Promise<void>): void {
  work.then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
