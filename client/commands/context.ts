// What a command needs from the outside world, built at the edge (cli.ts) so commands stay testable.
import type { Environment, TemporalConnection } from '../connection';

export interface Output {
  write(text: string): unknown;
}

export interface CliContext {
  env: Environment;
  out: Output;
  err: Output;
  /** Connects on first use, so a usage error never waits on the network. */
  temporal(): Promise<TemporalConnection>;
  now(): Date;
}

/** The operator typed something unusable; each line is printed on its own to stderr. */
export class UsageError extends Error {
  readonly lines: string[];

  constructor(...lines: string[]) {
    super(lines.join('; '));
    this.name = 'UsageError';
    this.lines = lines;
  }
}

export function writeLine(output: Output, line = ''): void {
  output.write(`${line}\n`);
}

export function writeJson(output: Output, value: unknown): void {
  output.write(`${JSON.stringify(value, null, 2)}\n`);
}
