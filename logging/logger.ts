// One structured logger for every process (worker, webhook receiver, sandbox, npm start).
// Anything that looks like a credential, and every order contact, is redacted before it is written.
import pino, { type Logger } from 'pino';
import { withoutContactDetails } from './contact-redaction';

export type { Logger };

const REDACTED_KEYS = [
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  'secret',
  'consumerSecret',
  'consumerKey',
  'token',
  'accessToken',
  'access_token',
  'apiKey',
  'webhookSecret',
  'password',
  '*.authorization',
  '*.secret',
  '*.consumerSecret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.apiKey',
  '*.webhookSecret',
  // Order contacts are personal data: the whole object goes, wherever a line carries one.
  ...['contact', 'relatedContactInformation'].flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
];

export interface LoggerOptions {
  /** Defaults to LOG_LEVEL or "info". */
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    {
      name,
      level,
      redact: { paths: REDACTED_KEYS, censor: '[redacted]' },
      base: { service: name },
      // Free text (a message Lumen wrote, an error) may quote a contact's email or phone: those are masked.
      hooks: {
        logMethod(args, write) {
          write.apply(this, args.map(withoutContactDetails) as Parameters<typeof write>);
        },
      },
    },
    options.destination ?? process.stdout,
  );
}
