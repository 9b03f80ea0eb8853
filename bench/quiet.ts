// Keeps the SDK's, the bundler's and the project's log lines out of a bench's figures and output.
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogLevel } from '@temporalio/worker';
import pino from 'pino';

/** For the project's components (worker, receiver): their log lines cost time and are read by nobody. */
export const silentLogger = pino({ level: 'silent' });

/** For bundleWorkflowCode: its progress lines would interleave with the figures. */
export const silentBundler = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

/** Installs a runtime that logs at `level` and above; another bench in the same process may have done it already. */
export function quietRuntime(level: LogLevel = 'WARN'): void {
  try {
    // Core's notices (an activity cancelled as its workflow completed) are expected here by the thousand.
    Runtime.install({
      logger: new DefaultLogger(level),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
    });
  } catch {
    // Already installed: keep whatever logging it has.
  }
}
