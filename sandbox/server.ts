// createSandbox: a real HTTP server imitating Lumen's Internet On-Demand API on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxAdmin } from './admin-client';
import type { SandboxParts } from './admin';
import { SandboxEngine } from './engine';
import { createRequestHandler } from './http-handler';
import { keepStateSaved, loadState } from './state-file';
import type { SandboxSettings } from './store';

export interface SandboxOptions {
  /** 0 picks a free port (the default here; `npm run sandbox` uses 8089). */
  port?: number;
  host?: string;
  consumerKey?: string;
  consumerSecret?: string;
  /** How long a quote can be ordered (default 15 minutes). */
  quoteValidityMs?: number;
  /** Lifetime of an access token (default 1799). */
  tokenTtlSeconds?: number;
  /** Delay before a pending service settles: activation, bandwidth change or disconnection (default 3 s). */
  activationDelayMs?: number;
  /** Orders per customer per rolling day before 429 (default: no limit). */
  dailyOrderLimit?: number;
  /** Modify and delete orders per customer since midnight GMT before 429 (default: no limit). */
  dailyChangeLimit?: number;
  /** How long a new service stays out of inventory after its order (default 0). */
  inventoryLagMs?: number;
  /** A JSON file to keep orders, services and quotes in across restarts (default: memory only). */
  stateFile?: string;
  /** How many requests the request log keeps, the latest (default 5,000). */
  requestLogLimit?: number;
  /** Every hourly price served is multiplied by this (default 1). */
  priceScale?: number;
}

export interface Sandbox extends SandboxParts {
  /** Base URL, e.g. "http://127.0.0.1:8089". */
  url: string;
  port: number;
  /** The admin client, bound to this sandbox's URL. */
  admin: SandboxAdmin;
  /** Stops listening, drops open connections (keep-alive too), timers and pending webhook deliveries. */
  close(): Promise<void>;
}

export const DEFAULT_CONSUMER_KEY = 'sandbox-key';
export const DEFAULT_CONSUMER_SECRET = 'sandbox-secret';
export const DEFAULT_QUOTE_VALIDITY_MS = 15 * 60_000;
export const DEFAULT_TOKEN_TTL_SECONDS = 1799;
export const DEFAULT_ACTIVATION_DELAY_MS = 3_000;

/** The settings a sandbox starts with (and returns to on reset), from its options. */
export function initialSettings(options: SandboxOptions = {}): SandboxSettings {
  return {
    consumerKey: options.consumerKey ?? DEFAULT_CONSUMER_KEY,
    consumerSecret: options.consumerSecret ?? DEFAULT_CONSUMER_SECRET,
    quoteValidityMs: options.quoteValidityMs ?? DEFAULT_QUOTE_VALIDITY_MS,
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    activationDelayMs: options.activationDelayMs ?? DEFAULT_ACTIVATION_DELAY_MS,
    settleDelayMs: {},
    dailyOrderLimit: options.dailyOrderLimit,
    dailyChangeLimit: options.dailyChangeLimit,
    inventoryLagMs: options.inventoryLagMs ?? 0,
    inventoryIgnoresExternalId: false,
    usedQuotesAnswerExpired: false,
    announcedStates: [],
    priceScale: options.priceScale ?? 1,
    requestLogLimit: options.requestLogLimit,
  };
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const engine = new SandboxEngine({ settings: initialSettings(options) });
  if (options.stateFile && loadState(engine.store, options.stateFile)) engine.lifecycle.resume();
  const saving = options.stateFile ? keepStateSaved(engine.store, options.stateFile) : undefined;
  const { store, lifecycle, webhooks, faults } = engine;
  const parts: SandboxParts = { store, lifecycle, webhooks, faults, reset: () => engine.reset() };

  const server = createServer(createRequestHandler(engine));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      engine.close();
      await saving?.stop();
      await webhooks.close();
      await closed;
    })();
    return closing;
  };

  return { ...parts, url, port, admin: new SandboxAdmin(url), close };
}
