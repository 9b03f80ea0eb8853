// Step 2: pick the partner site. A named site must exist and be NaaS-enabled and on-net; otherwise the
// eligible sites that match the request and advertise the speed are returned, best first.
import { formatMbps } from '../domain/speed';
import type { SiteLocation } from '../lumen/api';
import type { ActivityDeps } from './deps';
import { businessFailure, failureOfRepeatableCall } from './failures';

export interface SiteCriteria {
  masterSiteId?: string;
  city?: string;
  stateOrProvince?: string;
  postCode?: string;
}

export interface BrowseLocationsInput {
  customerNumber: string;
  partnerId: string;
  partnerName: string;
  site?: SiteCriteria;
  mbps: number;
}

export interface SiteChoice {
  masterSiteId: string;
  /** "Equinix Ethernet Exchange - Monroe IBX, Monroe LA" — for messages. */
  label: string;
}

/** Later candidates are tried only if an earlier one's price list lacks the speed. */
const MAX_CANDIDATES = 3;

export function browseLocationsActivity({ lumen }: ActivityDeps) {
  return async function browseLocations(input: BrowseLocationsInput): Promise<SiteChoice[]> {
    const sites = await lumen
      .listLocations(input.customerNumber, input.partnerId)
      .catch((error: unknown) =>
        failureOfRepeatableCall(
          error,
          'NoEligibleSite',
          (lumenSays) => `Lumen refused to list ${input.partnerName}'s sites: ${lumenSays}`,
        ),
      );
    const criteria = input.site ?? {};
    if (criteria.masterSiteId) return [namedSite(sites, criteria.masterSiteId, input)];

    const where = describeCriteria(criteria);
    const matching = sites.filter((site) => matches(site, criteria));
    if (matching.length === 0) {
      throw businessFailure(
        'NoEligibleSite',
        `${input.partnerName} has no site${where} (${sites.length} sites listed)`,
      );
    }
    const eligible = matching.filter(isEligible);
    if (eligible.length === 0) {
      throw businessFailure(
        'NoEligibleSite',
        `None of ${input.partnerName}'s ${matching.length} site(s)${where} is both NaaS-enabled and on-net`,
      );
    }
    const offering = eligible.filter((site) => site.speedsMbps.length === 0 || site.speedsMbps.includes(input.mbps));
    if (offering.length === 0) {
      const offered = [...new Set(eligible.flatMap((site) => site.speedsMbps))].sort((a, b) => a - b);
      throw businessFailure(
        'SpeedNotOffered',
        `No eligible ${input.partnerName} site${where} offers ${formatMbps(input.mbps)}; ` +
          `speeds offered: ${offered.map(formatMbps).join(', ') || 'none'}`,
      );
    }
    return offering.slice(0, MAX_CANDIDATES).map((site) => ({ masterSiteId: site.masterSiteId, label: labelOf(site) }));
  };
}

function namedSite(sites: SiteLocation[], masterSiteId: string, input: BrowseLocationsInput): SiteChoice {
  const site = sites.find((s) => s.masterSiteId.toLowerCase() === masterSiteId.toLowerCase());
  if (!site) {
    throw businessFailure('NoEligibleSite', `${input.partnerName} has no site ${masterSiteId}`);
  }
  if (site.naasEnabled === false) {
    throw businessFailure('NoEligibleSite', `Site ${site.masterSiteId} (${labelOf(site)}) is not NaaS-enabled`);
  }
  if (site.networkStatus === 'OFF_NET') {
    throw businessFailure('NoEligibleSite', `Site ${site.masterSiteId} (${labelOf(site)}) is off-net for Lumen`);
  }
  return { masterSiteId: site.masterSiteId, label: labelOf(site) };
}

// Lumen omits these flags on some sites; only an explicit "no" rules a site out.
function isEligible(site: SiteLocation): boolean {
  return site.naasEnabled !== false && site.networkStatus !== 'OFF_NET';
}

function same(a: string | undefined, b: string | undefined): boolean {
  return b === undefined || (a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase());
}

function matches(site: SiteLocation, criteria: SiteCriteria): boolean {
  return (
    same(site.city, criteria.city) &&
    same(site.stateOrProvince, criteria.stateOrProvince) &&
    same(site.postCode, criteria.postCode)
  );
}

function describeCriteria(criteria: SiteCriteria): string {
  const parts = [criteria.city, criteria.stateOrProvince, criteria.postCode].filter((p) => p !== undefined);
  return parts.length > 0 ? ` in ${parts.join(', ')}` : '';
}

function labelOf(site: SiteLocation): string {
  const place = [site.city, site.stateOrProvince].filter(Boolean).join(' ');
  return [site.partner, place].filter(Boolean).join(', ') || site.masterSiteId;
}
