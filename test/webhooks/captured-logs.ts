// A logger whose lines the test can read back, to assert what was (and was not) logged.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../logging/logger';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, raw. */
  text(): string;
  /** Parsed lines. */
  lines(): { msg: string; reason?: string; level: number; [key: string]: unknown }[];
  clear(): void;
}

export function captureLogs(name = 'webhooks-test'): CapturedLogs {
  let chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger(name, { level: 'debug', destination });
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line)),
    clear: () => {
      chunks = [];
    },
  };
}
