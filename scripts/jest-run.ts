// Runs jest serially and ends with one plain line "N passed, N failed" taken from jest's own results,
// for `npm test` (its suites in turn), `npm run test:unit` and `npm run test:cluster`.
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../temporal-servers/paths';

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numRuntimeErrorTestSuites: number;
}

export interface SuiteResult {
  code: number;
  passed: number;
  failed: number;
}

function runJest(outputFile: string, extraArgs: string[]): Promise<number> {
  const jest = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'jest');
  // --forceExit: the SDK's native bridge can keep a handle open after every test has finished.
  const args = ['--runInBand', '--forceExit', '--json', `--outputFile=${outputFile}`, ...extraArgs];
  return new Promise((resolve) => {
    const child = spawn(jest, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** One jest run with `args`; its results are kept in test-results/<resultsName>.json. */
export async function runSuite(resultsName: string, args: string[]): Promise<SuiteResult> {
  const outputFile = path.join(PROJECT_ROOT, 'test-results', `${resultsName}.json`);
  await mkdir(path.dirname(outputFile), { recursive: true });
  const code = await runJest(outputFile, args);
  const summary = JSON.parse(await readFile(outputFile, 'utf8').catch(() => '{}')) as Partial<JestSummary>;
  // A file that failed to load counts as a failure even though it ran no test.
  const failed = (summary.numFailedTests ?? 0) + (summary.numRuntimeErrorTestSuites ?? 0);
  return { code, passed: summary.numPassedTests ?? 0, failed };
}

/** Prints the one summary line over every suite run, and exits with their verdict. */
export function reportAndExit(results: SuiteResult[], started: number): never {
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const code = results.find((r) => r.code !== 0)?.code ?? (failed > 0 ? 1 : 0);
  process.stdout.write(`\nTests finished in ${Math.round((Date.now() - started) / 1000)} s\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(code);
}

/** Runs jest with `args`, prints the summary line, and exits with jest's verdict. */
export async function runJestAndExit(resultsName: string, args: string[], started: number): Promise<never> {
  reportAndExit([await runSuite(resultsName, args)], started);
}
