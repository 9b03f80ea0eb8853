// What a LumenClient is built from: parsed once here, handed inward as typed values.
import type { Tracer } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { UNLIMITED, type RequestLimiter } from './rate-limiter';

/** Wall-clock time in epoch milliseconds; tests pass a fake to move token expiry along. */
export interface Clock {
  now(): number;
}

/** The subset of a pino logger the client writes to. Lines never carry a secret. */
export interface LumenLogger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Told whether Lumen's token endpoint accepts the consumer key (the worker reports an outage once). */
export interface CredentialsObserver {
  rejected(status: number): void;
  accepted(): void;
}

export interface LumenClientConfig {
  /** "https://api.lumen.com", "https://api-test.lumen.com" or a sandbox; a path prefix is kept. */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Deadline for one HTTP exchange: queueing, connect, headers and body. Default 30 s. */
  requestTimeoutMs?: number;
  /** Keep-alive connections to Lumen. Default 16. */
  connections?: number;
  /** Asked before every request (the worker's ceiling on requests per second); default none. */
  limiter?: RequestLimiter;
  clock?: Clock;
  logger?: LumenLogger;
  /** A trace span per HTTP exchange (token requests included); none without. */
  tracer?: Tracer;
  credentials?: CredentialsObserver;
  /** Where requests go instead of a keep-alive pool to baseUrl's origin: the sandbox's engine in process. */
  dispatcher?: Dispatcher;
}

export interface ResolvedLumenConfig {
  origin: string;
  pathPrefix: string;
  consumerKey: string;
  consumerSecret: string;
  requestTimeoutMs: number;
  connections: number;
  limiter: RequestLimiter;
  clock: Clock;
  logger: LumenLogger;
  tracer?: Tracer;
  credentials?: CredentialsObserver;
  dispatcher?: Dispatcher;
}

const configSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  requestTimeoutMs: z.number().int().positive().default(30_000),
  connections: z.number().int().positive().max(1024).default(16),
});

const systemClock: Clock = { now: () => Date.now() };
const silentLogger: LumenLogger = { debug: () => undefined, warn: () => undefined };

/** Validates the configuration; the error names the field but never echoes a value (one of them is a secret). */
export function resolveLumenConfig(config: LumenClientConfig): ResolvedLumenConfig {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'config');
    throw new Error(`Invalid Lumen client configuration: check ${[...new Set(fields)].join(', ')}`);
  }
  const url = new URL(parsed.data.baseUrl);
  return {
    origin: url.origin,
    pathPrefix: url.pathname.replace(/\/+$/, ''),
    consumerKey: parsed.data.consumerKey,
    consumerSecret: parsed.data.consumerSecret,
    requestTimeoutMs: parsed.data.requestTimeoutMs,
    connections: parsed.data.connections,
    limiter: config.limiter ?? UNLIMITED,
    clock: config.clock ?? systemClock,
    logger: config.logger ?? silentLogger,
    tracer: config.tracer,
    credentials: config.credentials,
    dispatcher: config.dispatcher,
  };
}
