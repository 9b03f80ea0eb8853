// Builds a provisioning request from `order` flags and an optional JSON file (flags win), and maps the
// schema's field paths back to the flags an operator typed.
import { readFileSync } from 'node:fs';
import { UsageError } from './context';

export interface OrderFlags {
  file?: string;
  requestId?: string;
  customer?: string;
  partner?: string;
  site?: string;
  siteCity?: string;
  siteState?: string;
  sitePostCode?: string;
  speed?: string;
  ipv4?: string;
  serviceName?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  contactOrg?: string;
  contactRole?: string;
  billingAccount?: string;
  po?: string;
  note?: string;
  maxMonthlyPrice?: string;
  activationTimeout?: string;
  pollInterval?: string;
}

type Json = Record<string, unknown>;

/** Schema path → the flag that sets it, for error lines an operator can act on. */
export const FLAG_FOR_FIELD: Record<string, string> = {
  requestId: '--request-id',
  customerNumber: '--customer',
  partner: '--partner',
  site: '--site',
  'site.masterSiteId': '--site',
  'site.city': '--site-city',
  'site.stateOrProvince': '--site-state',
  'site.postCode': '--site-post-code',
  speed: '--speed',
  ipv4BlockSize: '--ipv4',
  customerServiceName: '--service-name',
  contact: '--contact-name, --contact-email, --contact-phone, --contact-org',
  'contact.name': '--contact-name',
  'contact.email': '--contact-email',
  'contact.phone': '--contact-phone',
  'contact.organization': '--contact-org',
  'contact.role': '--contact-role',
  billingAccountId: '--billing-account',
  purchaseOrderNumber: '--po',
  note: '--note',
  maxMonthlyPriceUsd: '--max-monthly-price',
  activationTimeout: '--activation-timeout',
  pollInterval: '--poll-interval',
};

/**
 * "contact.email: must be an email address" → "contact.email (--contact-email): must be an email address";
 * a missing field reads "is required" rather than the schema's "expected string, received undefined".
 */
export function withFlag(problem: string): string {
  const separator = problem.indexOf(': ');
  if (separator < 0) return problem;
  const field = problem.slice(0, separator);
  const message = /received undefined$/.test(problem) ? 'is required' : problem.slice(separator + 2);
  const flag = FLAG_FOR_FIELD[field];
  return flag ? `${field} (${flag}): ${message}` : `${field}: ${message}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the request file ("-" for stdin); an unreadable file or bad JSON is a usage error. */
export function readRequestFile(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--file ${file} is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new UsageError(`--file ${file} must hold one JSON object (the request)`);
  return parsed;
}

/** "400" and "$400" become 400; anything else is passed on so the schema names the field. */
function priceFlag(text: string): number | string {
  const match = /^\s*\$?\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  return match ? Number(match[1]) : text;
}

/** "29" → "/29": the block size as operators often type it. */
function blockSizeFlag(text: string): string {
  return /^\d+$/.test(text.trim()) ? `/${text.trim()}` : text;
}

function defined(values: Json): Json {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Flags over file: nested objects (site, contact) are merged field by field. */
export function requestFromFlags(flags: OrderFlags, file: Json = {}): Json {
  const siteFlags = defined({
    masterSiteId: flags.site,
    city: flags.siteCity,
    stateOrProvince: flags.siteState,
    postCode: flags.sitePostCode,
  });
  const contactFlags = defined({
    name: flags.contactName,
    email: flags.contactEmail,
    phone: flags.contactPhone,
    organization: flags.contactOrg,
    role: flags.contactRole,
  });
  const request: Json = {
    ...file,
    ...defined({
      requestId: flags.requestId,
      customerNumber: flags.customer,
      partner: flags.partner,
      speed: flags.speed,
      ipv4BlockSize: flags.ipv4 === undefined ? undefined : blockSizeFlag(flags.ipv4),
      customerServiceName: flags.serviceName,
      billingAccountId: flags.billingAccount,
      purchaseOrderNumber: flags.po,
      note: flags.note,
      maxMonthlyPriceUsd: flags.maxMonthlyPrice === undefined ? undefined : priceFlag(flags.maxMonthlyPrice),
      activationTimeout: flags.activationTimeout,
      pollInterval: flags.pollInterval,
    }),
  };
  if (Object.keys(siteFlags).length > 0) {
    request.site = { ...(isObject(file.site) ? file.site : {}), ...siteFlags };
  }
  if (Object.keys(contactFlags).length > 0) {
    request.contact = { ...(isObject(file.contact) ? file.contact : {}), ...contactFlags };
  }
  return request;
}
