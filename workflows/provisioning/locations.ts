// Steps BROWSE_LOCATIONS and QUALIFY: browse the partner's sites and qualify the speed on the chosen
// one. When the site was picked automatically and its price list lacks the speed, the next eligible
// site is tried.
import type { QualifiedSpeed, SiteChoice, SiteCriteria } from '../../activities';
import type { Partner } from '../../lumen/api';
import { describeFailure, isActivityFailureOfType } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import type { Progress } from './progress';

export interface SiteSearch {
  customerNumber: string;
  partner: Partner;
  site?: SiteCriteria;
  mbps: number;
}

export async function browseAndQualify(
  progress: Progress,
  search: SiteSearch,
): Promise<{ site: SiteChoice; offer: QualifiedSpeed }> {
  const { customerNumber, partner, mbps } = search;
  progress.enter('BROWSE_LOCATIONS', `Partner ${partner.name} (${partner.id}); looking for a site`);
  const candidates = await keepTrying(progress, 'site list', (reads) =>
    reads.browseLocations({
      customerNumber,
      partnerId: partner.id,
      partnerName: partner.name,
      site: search.site,
      mbps,
    }),
  );

  for (const [index, site] of candidates.entries()) {
    progress.siteChosen(site.masterSiteId, site.label);
    progress.enter('QUALIFY', `Checking the price list of site ${site.masterSiteId} (${site.label})`);
    try {
      const offer = await keepTrying(progress, 'price list', (reads) =>
        reads.qualifySpeed({ customerNumber, masterSiteId: site.masterSiteId, siteLabel: site.label, mbps }),
      );
      return { site, offer };
    } catch (error) {
      const another = index < candidates.length - 1;
      if (!another || !isActivityFailureOfType(error, 'SpeedNotOffered')) throw error;
      progress.record(`${describeFailure(error)}; trying the next eligible site`);
    }
  }
  throw new Error('no site candidates'); // browseLocations returns at least one or fails
}
