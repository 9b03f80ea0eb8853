// The process-wide Temporal runtime: SDK, workflow and activity logs go to the project's pino logger,
// metrics to a Prometheus endpoint. Install once per process, before any connection is made.
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogEntry } from '@temporalio/worker';
import type { Logger } from '../logging/logger';

const SDK_LEVELS: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
};

export interface RuntimeSettings {
  logLevel: string;
  /** "127.0.0.1:9464"; no metrics when undefined. */
  metricsBindAddress?: string;
  /** Signals on which the SDK drains every worker (default SIGINT, SIGTERM); [] when the host process sequences its own shutdown. */
  shutdownSignals?: NodeJS.Signals[];
}

export function installWorkerRuntime(settings: RuntimeSettings, logger: Logger): void {
  const level = SDK_LEVELS[settings.logLevel] ?? 'INFO';
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => forward(logger, entry)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} },
      metrics: settings.metricsBindAddress ? { prometheus: { bindAddress: settings.metricsBindAddress } } : undefined,
    },
    // The worker drains on these (finishing activities within shutdownGraceTime) instead of dying.
    shutdownSignals: settings.shutdownSignals ?? ['SIGINT', 'SIGTERM'],
  });
}

function forward(logger: Logger, entry: LogEntry): void {
  const { error, ...meta } = entry.meta ?? {};
  // pino serialises errors (message, stack, type) under `err`.
  const fields: LogMetadata = { ...meta, ...(error === undefined ? {} : { err: error }), sdk: true };
  switch (entry.level) {
    case 'TRACE':
      return logger.trace(fields, entry.message);
    case 'DEBUG':
      return logger.debug(fields, entry.message);
    case 'INFO':
      return logger.info(fields, entry.message);
    case 'WARN':
      return logger.warn(fields, entry.message);
    default:
      return logger.error(fields, entry.message);
  }
}
