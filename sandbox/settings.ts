// The sandbox's behaviour settings as a caller changes them: PATCH /_sandbox/settings over HTTP, or
// the in-process engine's updateSettings; one schema for both.
import { z } from 'zod';
import type { OrderAction } from './records';
import type { SandboxStore } from './store';

export interface SettingsView {
  quoteValidityMs: number;
  tokenTtlSeconds: number;
  activationDelayMs: number;
  settleDelayMs: Partial<Record<OrderAction, number | null>>;
  dailyOrderLimit: number | null;
  dailyChangeLimit: number | null;
  inventoryLagMs: number;
  inventoryIgnoresExternalId: boolean;
  usedQuotesAnswerExpired: boolean;
  announcedStates: string[];
  priceScale: number;
}

/** A delay in ms, or null: an order of that action then never settles by itself. */
const settleDelay = z.number().int().min(0).nullable().optional();

export const settingsPatchSchema = z.strictObject({
  quoteValidityMs: z.number().int().min(0).optional(),
  tokenTtlSeconds: z.number().positive().optional(),
  /** How long any order takes to settle, unless settleDelayMs gives its action another. */
  activationDelayMs: z.number().int().min(0).optional(),
  /** Per action (add, modify, delete): its own delay, or null for never; given actions replace the old. */
  settleDelayMs: z.strictObject({ add: settleDelay, modify: settleDelay, delete: settleDelay }).optional(),
  /** null removes the limit. */
  dailyOrderLimit: z.number().int().min(0).nullable().optional(),
  /** Modify and delete orders per customer since midnight GMT; null removes the cap. */
  dailyChangeLimit: z.number().int().min(0).nullable().optional(),
  inventoryLagMs: z.number().int().min(0).optional(),
  /** Inventory answers every service of the customer whatever externalId asks for, as if it ignored the filter. */
  inventoryIgnoresExternalId: z.boolean().optional(),
  usedQuotesAnswerExpired: z.boolean().optional(),
  announcedStates: z.array(z.string().min(1)).max(10).optional(),
  /** Every hourly price served is multiplied by this: 3600 makes a demo's hour pass in a second. */
  priceScale: z.number().positive().max(1_000_000).optional(),
});

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export function settingsView({ settings }: SandboxStore): SettingsView {
  return {
    quoteValidityMs: settings.quoteValidityMs,
    tokenTtlSeconds: settings.tokenTtlSeconds,
    activationDelayMs: settings.activationDelayMs,
    settleDelayMs: { ...settings.settleDelayMs },
    dailyOrderLimit: settings.dailyOrderLimit ?? null,
    dailyChangeLimit: settings.dailyChangeLimit ?? null,
    inventoryLagMs: settings.inventoryLagMs,
    inventoryIgnoresExternalId: settings.inventoryIgnoresExternalId,
    usedQuotesAnswerExpired: settings.usedQuotesAnswerExpired,
    announcedStates: [...settings.announcedStates],
    priceScale: settings.priceScale,
  };
}

/** Applies a patch (throws a ZodError naming the field on bad input); answers the settings now. */
export function updateSettings(store: SandboxStore, input: unknown): SettingsView {
  const { dailyOrderLimit, dailyChangeLimit, settleDelayMs, ...patch } = settingsPatchSchema.parse(input);
  Object.assign(store.settings, patch);
  if (settleDelayMs) {
    for (const [action, delay] of Object.entries(settleDelayMs)) {
      if (delay !== undefined) store.settings.settleDelayMs[action as OrderAction] = delay;
    }
  }
  if (dailyOrderLimit !== undefined) store.settings.dailyOrderLimit = dailyOrderLimit ?? undefined;
  if (dailyChangeLimit !== undefined) store.settings.dailyChangeLimit = dailyChangeLimit ?? undefined;
  return settingsView(store);
}
