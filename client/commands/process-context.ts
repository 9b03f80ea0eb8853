// The CliContext of a real process: its environment and streams, Temporal connected on first use.
import { connectTemporal, type TemporalConnection } from '../connection';
import type { CliContext } from './context';

export interface ProcessCliContext {
  ctx: CliContext;
  /** Closes the Temporal connection if a command opened one. */
  close(): Promise<void>;
}

export function processCliContext(): ProcessCliContext {
  let connecting: Promise<TemporalConnection> | undefined;
  return {
    ctx: {
      env: process.env,
      out: process.stdout,
      err: process.stderr,
      temporal: () => (connecting ??= connectTemporal(process.env)),
      now: () => new Date(),
    },
    close: async () => {
      const connection = await connecting?.catch(() => undefined);
      await connection?.close();
    },
  };
}
