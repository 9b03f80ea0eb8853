// The service after ACTIVE: the public names and shapes of manageInternetOnDemandService, its updates,
// its query and the bandwidth calendars. Pure: imported by workflow code, the client and the CLI.
import { z } from 'zod';
import { parseDuration } from './duration';
import type { ChangeRequest, ServiceStatusName } from './service-names';
import { formatMbps, speedToMbps } from './speed';
import type { SpendView } from './spend';

export * from './service-names';

const SERVICE_ID = /^[A-Za-z0-9._-]{1,40}$/;

const duration = (what: string) =>
  z
    .union([z.string(), z.number()])
    .superRefine((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration like "4 hours"` });
      else if (ms < 1_000) ctx.addIssue({ code: 'custom', message: `${what} must be at least 1 second` });
    })
    .transform((value) => parseDuration(value) as number);

/** The workflow's argument: the rest (speed, site, partner, billing account) is read from inventory, unless handed over. */
export const serviceInputSchema = z
  .object({
    serviceId: z.string().regex(SERVICE_ID, 'must be a Lumen service id such as 77133831778'),
    customerNumber: z.string().trim().min(1, 'must not be empty'),
    /** The provisioning that ordered it, when there was one. */
    requestId: z.string().min(1).optional(),
    pollInterval: duration('pollInterval').default(5 * 60_000),
    /** The add order still being watched (started when activation timed out). */
    pendingOrder: z.object({ orderId: z.string().min(1).optional(), externalId: z.string().min(1) }).optional(),
    /**
     * What the provisioning that saw the service become active knows of it, handed over in place of an
     * inventory read at start: the speed, site and partner it ordered at, the billing account it ordered
     * with, and the worker settings it planned with. Set by the provisioning, never by adoption.
     */
    handedOver: z
      .object({
        bandwidthMbps: z.number().int().positive('must be a positive whole number of Mbps'),
        masterSiteId: z.string().min(1, 'must not be empty'),
        partnerId: z.string().min(1, 'must not be empty'),
        billingAccount: z.object({ id: z.string().min(1, 'must not be empty'), name: z.string() }),
        inventoryLagMs: z.number().int().min(0, 'must not be negative'),
        /** Whether the worker sends notifications (NOTIFY_WEBHOOK_URL set). */
        notifications: z.boolean().optional(),
        /** The hourly price of the order that made it, in cents, and when it became active: its account opens there. */
        hourlyCents: z.number().int().min(0, 'must not be negative').optional(),
        activatedAt: z.iso.datetime({ offset: true, message: 'must be an ISO time' }).optional(),
      })
      .optional(),
    /** The monthly budget the provisioning's request asked for (see setBudget). */
    monthlyBudgetUsd: z.number().positive('must be a positive number of US dollars').optional(),
  })
  .refine((input) => !(input.handedOver && input.pendingOrder), {
    message:
      'a service still pending activation cannot be handed over as active: give pendingOrder or handedOver, not both',
    path: ['handedOver'],
  });

export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ServicePlan = z.output<typeof serviceInputSchema>;

const CHANGE_ID = /^[A-Za-z0-9._:@+-]{1,120}$/;

export const changeBandwidthSchema = z.object({
  changeId: z.string().regex(CHANGE_ID, 'must be 1–120 letters, digits or ._:@+-'),
  speed: z
    .string()
    .refine((speed) => speedToMbps(speed) !== undefined, 'must be a speed such as "100 Mbps" or "1 Gbps"'),
  maxMonthlyPriceUsd: z.number().positive('must be a positive number of US dollars').optional(),
  revertAfter: duration('revertAfter').optional(),
});

/** What a caller sends: `changeId` makes a repeated call order once. */
export type ChangeBandwidthInput = z.input<typeof changeBandwidthSchema>;

export type ChangeParseResult = { ok: true; change: ChangeRequest } | { ok: false; message: string };

export function parseChangeBandwidth(input: unknown): ChangeParseResult {
  const parsed = changeBandwidthSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    return { ok: false, message: `Invalid changeBandwidth: ${problems.join('; ')}` };
  }
  const { changeId, speed, maxMonthlyPriceUsd, revertAfter } = parsed.data;
  return {
    ok: true,
    change: {
      changeId,
      mbps: speedToMbps(speed) as number,
      ...(maxMonthlyPriceUsd === undefined ? {} : { maxMonthlyCents: Math.round(maxMonthlyPriceUsd * 100) }),
      ...(revertAfter === undefined ? {} : { revertAfterMs: revertAfter }),
    },
  };
}

export interface ChangeResult {
  changeId: string;
  status: 'ACTIVE';
  /** "1 Gbps" */
  speed: string;
  previousSpeed: string;
  /** null when the service was at that speed already and nothing was ordered. */
  orderId: string | null;
  quoteId: string | null;
  /** Decimal strings such as "1.84" and "1324.80"; null when nothing was ordered. */
  hourlyPriceUsd: string | null;
  monthlyPriceUsd: string | null;
  completedAt: string;
}

export interface DisconnectServiceInput {
  reason?: string;
}

export interface DisconnectResult {
  status: 'DISCONNECTED';
  /** null when inventory already showed the service gone (or it was disconnected outside the project). */
  orderId: string | null;
  disconnectedAt: string;
  /** Disconnected in Lumen's portal, by another tool or by Lumen: inventory showed it Inactive or gone. */
  outside?: true;
  /** The service's account, final; null when its price was never known. */
  spend?: SpendView | null;
}

/** What setBudget takes: a monthly budget in US dollars (null: none), and the speed to fall back to. */
export interface SetBudgetInput {
  monthlyBudgetUsd: number | null;
  /** Lowered to, with one change, when the projected month exceeds the budget; null or absent: none. */
  floorSpeed?: string | null;
}

/** What setBudget answers. */
export interface BudgetAnswer {
  monthlyBudgetUsd: number | null;
  floorSpeed: string | null;
  /** The month as it would end at today's price, "1656.00"; null when the price is unknown. */
  projectedMonthUsd: string | null;
}

export const setBudgetSchema = z.strictObject({
  monthlyBudgetUsd: z.number().positive('must be a positive number of US dollars, or null for no budget').nullable(),
  floorSpeed: z
    .string()
    .refine((speed) => speedToMbps(speed) !== undefined, 'must be a speed such as "100 Mbps" or "1 Gbps"')
    .nullable()
    .optional(),
});

export function parseSetBudget(input: unknown): { ok: true; budget: SetBudgetInput } | { ok: false; message: string } {
  const parsed = setBudgetSchema.safeParse(input);
  if (parsed.success) return { ok: true, budget: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  return { ok: false, message: `Invalid setBudget: ${problems.join('; ')}` };
}

export interface ServiceHistoryEntry {
  at: string;
  status: ServiceStatusName;
  detail: string;
}

export interface ServiceView {
  serviceId: string;
  requestId: string | null;
  customerNumber: string;
  status: ServiceStatusName;
  /** "100 Mbps"; null until inventory has been read. */
  speed: string | null;
  masterSiteId: string | null;
  partnerId: string | null;
  /** Changes accepted and waiting their turn, in order (the one running first). */
  pendingChanges: { changeId: string; speed: string }[];
  /** The automatic return to an earlier speed, when a change asked for one. */
  revert: { speed: string; at: string } | null;
  lastChange: ChangeResult | null;
  /** Orders placed on the service since midnight GMT (Lumen may cap them per day). */
  changesToday: number;
  /** What the workflow waits for right now, when it waits on Lumen (a limit, an order in flight). */
  waiting: { until: string | null; reason: string } | null;
  /** When this workflow last learned Lumen's state of the service (ISO); null until it has. */
  lastCheckedAt: string | null;
  /** Lumen's own word for the service as last learned ("Active", "Suspended", "Change Pending"…). */
  lumenStatus: string | null;
  /** What the service has cost, as of `spend.asOf` (clients bring it up to the moment they ask); null until its price is known. */
  spend: SpendView | null;
  /** The monthly budget and the speed it falls back to; null without a budget. */
  budget: { monthlyBudgetUsd: number; floorSpeed: string | null } | null;
  /** The latest entries only. */
  history: ServiceHistoryEntry[];
}

/** Speeds in messages and results. */
export { formatMbps as formatSpeed };

// ---- Adopting a customer's whole inventory ----------------------------------------------------------

export interface AdoptAllInput {
  customerNumber: string;
}

export interface AdoptAllResult {
  customerNumber: string;
  adopted: { serviceId: string; workflowId: string; lumenStatus: string; speed: string | null }[];
  skipped: { serviceId: string; lumenStatus: string; reason: string }[];
}

// ---- Bandwidth calendars (Temporal Schedules) ------------------------------------------------------

/** What a calendar's workflow is started with. */
export interface ScheduledChangeInput {
  serviceId: string;
  speed: string;
  scheduleId: string;
}

/** A firing for a service that is disconnected or no longer managed: ended quietly, nothing changed. */
export interface ScheduledChangeSkipped {
  changeId: string;
  status: 'SKIPPED';
  reason: string;
}
