// The zod schemas of the service's argument and messages (domain/service.ts holds their types and
// parsers). Their own module so that workflow code builds them only when it checks something.
import { z } from 'zod';
import { parseDuration } from './duration';
import { speedToMbps } from './speed';

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

const CHANGE_ID = /^[A-Za-z0-9._:@+-]{1,120}$/;

export const changeBandwidthSchema = z.object({
  changeId: z.string().regex(CHANGE_ID, 'must be 1–120 letters, digits or ._:@+-'),
  speed: z
    .string()
    .refine((speed) => speedToMbps(speed) !== undefined, 'must be a speed such as "100 Mbps" or "1 Gbps"'),
  maxMonthlyPriceUsd: z.number().positive('must be a positive number of US dollars').optional(),
  revertAfter: duration('revertAfter').optional(),
});

export const setBudgetSchema = z.strictObject({
  monthlyBudgetUsd: z.number().positive('must be a positive number of US dollars, or null for no budget').nullable(),
  floorSpeed: z
    .string()
    .refine((speed) => speedToMbps(speed) !== undefined, 'must be a speed such as "100 Mbps" or "1 Gbps"')
    .nullable()
    .optional(),
});
