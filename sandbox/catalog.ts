// What the sandbox sells and to whom: partners, their sites, price lists and customers' billing accounts.
// The same schemas parse the built-in seed and whatever a test adds through /_sandbox/seed.
import { z } from 'zod';

export const partnerSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  datacenterFabricUrl: z.string().default(''),
  partnerType: z.string().default('CLOUD_PARTNER'),
});

/** A speed a site advertises in `productFamily.accessCapabilities`, written as Lumen writes it. */
export const accessSpeedSchema = z.object({
  speed: z.string().min(1),
  displayValue: z.string().min(1),
  circuitType: z.string().default('Hosted-NNI Internet'),
});

/** One line of a site's price list (`GET /Product/v1/price`). */
export const sitePriceSchema = z.object({
  speed: z.string().min(1),
  /** Kept as a JS number on purpose: monthly = hourly × 24 × 30 then shows Lumen's float noise. */
  hourlyUsd: z.number().positive(),
  displayValue: z.string().optional(),
});

export const siteSchema = z.object({
  masterSiteId: z.string().min(1),
  partnerId: z.string().min(1),
  streetAddress: z.string().default(''),
  city: z.string().default(''),
  stateOrProvince: z.string().default(''),
  locality: z.string().default(''),
  country: z.string().default('US'),
  postCode: z.string().default(''),
  postCodeExtension: z.string().default(''),
  networkStatus: z.enum(['ON_NET', 'OFF_NET']).default('ON_NET'),
  naasEnabled: z.boolean().default(true),
  /** The partner facility's display name, e.g. "Equinix Ethernet Exchange - Silicon Valley IBX". */
  partner: z.string().default(''),
  market: z.string().default(''),
  accessSpeeds: z.array(accessSpeedSchema).default([]),
  prices: z.array(sitePriceSchema).default([]),
});

export const billingAddressSchema = z.object({
  streetAddress: z.string().default(''),
  city: z.string().default(''),
  stateOrProvince: z.string().default(''),
  country: z.string().default('USA'),
  postcode: z.string().default(''),
});

export const billingAccountSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  invoiceDisplayNumber: z.string().optional(),
  address: billingAddressSchema.default({
    streetAddress: '',
    city: '',
    stateOrProvince: '',
    country: 'USA',
    postcode: '',
  }),
  currency: z.string().default('USD'),
  countryCode: z.string().default('100'),
  hqCountry: z.string().min(1),
  /** Whether the account has Lumen Platform entitlement (the `entitled=true` filter). */
  entitled: z.boolean().default(true),
});

export const customerSchema = z.object({
  customerNumber: z.string().min(1),
  name: z.string().default(''),
  billingAccounts: z.array(billingAccountSchema).default([]),
});

/** Extra catalog data; entries replace existing ones with the same id. */
export const catalogSchema = z.object({
  partners: z.array(partnerSchema).default([]),
  locations: z.array(siteSchema).default([]),
  customers: z.array(customerSchema).default([]),
  /** Accounts added to a customer, created on the fly if the customer number is new. */
  billingAccounts: z.array(billingAccountSchema.extend({ customerNumber: z.string().min(1) })).default([]),
});

export type Partner = z.output<typeof partnerSchema>;
export type Site = z.output<typeof siteSchema>;
export type SitePrice = z.output<typeof sitePriceSchema>;
export type BillingAccount = z.output<typeof billingAccountSchema>;
export type Customer = z.output<typeof customerSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type BillingAccountInput = z.input<typeof billingAccountSchema>;
