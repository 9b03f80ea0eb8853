// Steps 1 and 2: GET /Network/v1/provider and GET /Network/v1/location?partnerId=ID.
import { z } from 'zod';
import { speedToMbps } from '../../domain/speed';
import type { Partner, SiteLocation } from '../api';
import { pageQueryShape, pagingShape } from './paging';
import { idText, oneOrMany, optionalBoolean, optionalText, tolerantObject } from './tolerant';

export const partnersQuerySchema = z.strictObject({ ...pageQueryShape });

const partnerSchema = tolerantObject({
  id: idText,
  name: z.string().min(1),
  partnerType: optionalText,
  datacenterFabricUrl: optionalText,
});

export const partnersPageSchema = tolerantObject({ ...pagingShape, listPartners: z.array(partnerSchema) });

export function toPartner(raw: z.output<typeof partnerSchema>): Partner {
  return { id: raw.id, name: raw.name, partnerType: raw.partnerType ?? undefined };
}

export const locationsQuerySchema = z.strictObject({
  partnerId: z.string().min(1),
  ...pageQueryShape,
});

const accessCapabilitySchema = tolerantObject({
  speed: optionalText,
  displayValue: optionalText,
  circuitType: optionalText,
});

const productFamilySchema = tolerantObject({
  productFamily: optionalText,
  accessCapabilities: oneOrMany(
    tolerantObject({ accessCapability: oneOrMany(accessCapabilitySchema).nullish().catch(undefined) }),
  )
    .nullish()
    .catch(undefined),
});

/** Site facts the doc prints beside the `location` array; they may also sit on each element. */
const siteFactsShape = {
  networkStatus: optionalText,
  naasEnabled: optionalBoolean,
  partner: optionalText,
  market: optionalText,
  productFamily: oneOrMany(productFamilySchema).nullish().catch(undefined),
};

const locationSchema = tolerantObject({
  masterSiteId: idText,
  streetAddress: optionalText,
  city: optionalText,
  stateOrProvince: optionalText,
  postCode: optionalText,
  country: optionalText,
  ...siteFactsShape,
});

export const locationsPageSchema = tolerantObject({
  ...pagingShape,
  location: z.array(locationSchema),
  ...siteFactsShape,
});

type SiteFacts = Partial<z.output<z.ZodObject<typeof siteFactsShape>>>;

/** A location element, with the page-level facts filling whatever the element leaves out. */
export function toSiteLocation(raw: z.output<typeof locationSchema>, page: SiteFacts): SiteLocation {
  const networkStatus = raw.networkStatus ?? page.networkStatus;
  return {
    masterSiteId: raw.masterSiteId,
    streetAddress: raw.streetAddress ?? undefined,
    city: raw.city ?? undefined,
    stateOrProvince: raw.stateOrProvince ?? undefined,
    postCode: raw.postCode ?? undefined,
    country: raw.country ?? undefined,
    networkStatus: networkStatus ? networkStatus.trim().toUpperCase() : undefined,
    naasEnabled: raw.naasEnabled ?? page.naasEnabled ?? undefined,
    partner: raw.partner ?? page.partner ?? undefined,
    market: raw.market ?? page.market ?? undefined,
    speedsMbps: speedsOf(raw.productFamily ?? page.productFamily ?? []),
  };
}

function speedsOf(families: z.output<typeof productFamilySchema>[]): number[] {
  const speeds = new Set<number>();
  for (const family of families) {
    for (const group of family.accessCapabilities ?? []) {
      for (const capability of group.accessCapability ?? []) {
        // "1000 mbps" and its display form "1 gbps" name the same speed; either will do.
        const mbps = speedToMbps(capability.speed ?? '') ?? speedToMbps(capability.displayValue ?? '');
        if (mbps !== undefined) speeds.add(mbps);
      }
    }
  }
  return [...speeds].sort((a, b) => a - b);
}
