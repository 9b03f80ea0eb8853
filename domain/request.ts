// The provisioning request: one schema for the client library, the CLI and the workflow itself.
import { z } from 'zod';
import { parseDuration } from './duration';
import { speedToMbps } from './speed';

const US_PHONE = /^\+1[2-9]\d{2}[2-9]\d{6}$/;
/**
 * zod's own email pattern, held by this module: the worker shares zod among its workflows frozen, and
 * zod resets a pattern's lastIndex before each test, which its frozen default pattern would refuse.
 */
export const EMAIL =
  // eslint-disable-next-line no-useless-escape -- zod's pattern, character for character
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** "+1 (615) 769-1234", "615.769.1234" → "+16157691234"; other input is returned unchanged. */
function normaliseUsPhone(phone: string): string {
  const digits = phone.replace(/[\s().-]/g, '');
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+${digits}`;
  return digits;
}

const duration = (fallback: string, min: number) =>
  z
    .union([z.string(), z.number()])
    .default(fallback)
    .superRefine((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration like "72 hours"` });
      else if (ms < min) ctx.addIssue({ code: 'custom', message: `must be at least ${min} ms` });
    })
    .transform((value) => parseDuration(value) as number)
    .describe(`a duration such as "${fallback}" or "90s", or a number of milliseconds; at least ${min / 1000} s`);

export const contactSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^\S+(\s+\S+)+$/, 'must be a first and a last name'),
  email: z.email({ pattern: EMAIL, error: 'must be an email address' }),
  phone: z
    .string()
    .transform(normaliseUsPhone)
    .refine((phone) => US_PHONE.test(phone), 'must be a US phone number such as +16157691234')
    .describe('a US number such as "+16157691234" or "(615) 769-1234"'),
  organization: z.string().trim().min(1, 'must not be empty'),
  role: z.string().trim().min(1).default('Order Contact'),
  phoneExtension: z
    .string()
    .regex(/^\d{0,10}$/, 'must be digits only')
    .optional(),
});

export const siteSchema = z
  .object({
    masterSiteId: z.string().trim().min(1).optional(),
    city: z.string().trim().min(1).optional(),
    stateOrProvince: z.string().trim().min(1).optional(),
    postCode: z.string().trim().min(1).optional(),
  })
  .refine((site) => Object.values(site).some((v) => v !== undefined), {
    message: 'needs masterSiteId, city, stateOrProvince or postCode',
  })
  .meta({
    description: 'the site by masterSiteId, or any of city, stateOrProvince, postCode to match',
    minProperties: 1,
  });

export const provisioningRequestSchema = z.object({
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,20}$/, 'must be 1–20 letters, digits, "-", "_" or "." (it is the order\'s externalId)')
    .describe('your id for this request, single-use: the workflow id is iod-<requestId>'),
  customerNumber: z.string().trim().min(1, 'must not be empty'),
  partner: z.string().trim().min(1, 'must name a partner or its id').describe('partner name (any case) or id'),
  site: siteSchema.optional(),
  speed: z
    .string()
    .refine((s) => speedToMbps(s) !== undefined, 'must be a speed such as "100 Mbps" or "1 Gbps"')
    .describe('a speed such as "100 Mbps" or "1 Gbps"'),
  ipv4BlockSize: z.enum(['/28', '/29', '/30'], 'must be one of /28, /29, /30'),
  customerServiceName: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  contact: contactSchema,
  billingAccountId: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('default: the first account with headquarters in the US'),
  purchaseOrderNumber: z.string().trim().min(1).max(50).optional(),
  note: z.string().max(1000, 'must be at most 1000 characters').optional(),
  maxMonthlyPriceUsd: z
    .number()
    .positive('must be a positive number of US dollars')
    .optional()
    .describe('price guard: a quote above it waits for approvePrice'),
  monthlyBudgetUsd: z
    .number()
    .positive('must be a positive number of US dollars')
    .optional()
    .describe("the service's monthly budget, handed to its workflow (see setBudget)"),
  activationTimeout: duration('72 hours', 1_000),
  pollInterval: duration('5 minutes', 1_000),
  /** How long a price above maxMonthlyPriceUsd waits for approvePrice before ending as PriceNotApproved. */
  approvalTimeout: duration('7 days', 1_000),
});

/** What callers send (durations as text, defaults not yet applied). */
export type ProvisioningRequestInput = z.input<typeof provisioningRequestSchema>;
/** What the workflow works with: validated, defaults applied, durations in milliseconds. */
export type ProvisioningRequest = z.output<typeof provisioningRequestSchema>;

export type RequestParseResult =
  { ok: true; request: ProvisioningRequest } | { ok: false; problems: string[]; message: string };

/** Validates a request; on failure lists every bad field as "path: problem". */
export function parseProvisioningRequest(input: unknown): RequestParseResult {
  const parsed = provisioningRequestSchema.safeParse(input);
  if (parsed.success) return { ok: true, request: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : 'request';
    return `${path}: ${issue.message}`;
  });
  return { ok: false, problems, message: `Invalid provisioning request: ${problems.join('; ')}` };
}
