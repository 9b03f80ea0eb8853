// What the activities are built from; tests pass the in-process sandbox's client and the test server's clock.
import type { Client } from '@temporalio/client';
import type { LumenApi } from '../lumen/api';
import type { NotificationSender } from '../notifications/sender';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** The part of a pino logger the activities write to; lines carry ids and statuses, never a secret. */
export interface ActivityLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ActivityDeps {
  lumen: LumenApi;
  clock: Clock;
  /** How long Lumen honours a quote (LUMEN_QUOTE_VALIDITY, 15 minutes by default). */
  quoteValidityMs: number;
  /** How long inventory may lag behind an accepted order (LUMEN_INVENTORY_LAG, 10 minutes by default). */
  inventoryLagMs: number;
  logger: ActivityLogger;
  /** A Temporal client, for a calendar's firing to update its service's workflow; made when first needed. */
  temporalClient?: () => Promise<Client>;
  /** Where notifications go (NOTIFY_*); undefined when they are off. */
  notifications?: NotificationSender;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Until Lumen says otherwise: a new service can take minutes to show in inventory. */
export const DEFAULT_INVENTORY_LAG_MS = 10 * 60_000;
