// Step 3: qualify the site: its price list must offer the speed. Lumen's own spelling of the speed is
// kept, since the quote request must use it.
import { formatMbps } from '../domain/speed';
import type { SpeedOffer } from '../lumen/api';
import type { ActivityDeps } from './deps';
import { businessFailure, failureOfRepeatableCall } from './failures';

export interface QualifySpeedInput {
  customerNumber: string;
  masterSiteId: string;
  siteLabel: string;
  mbps: number;
}

export interface QualifiedSpeed {
  /** As the price list wrote it ("1 Gbps", "100 mbps"). */
  speed: string;
  hourlyCents: number;
  /** Every speed the site's price list offers, slowest first ("100 Mbps", "1 Gbps"). */
  offeredSpeeds: string[];
}

export function qualifySpeedActivity({ lumen }: ActivityDeps) {
  return async function qualifySpeed(input: QualifySpeedInput): Promise<QualifiedSpeed> {
    const offers = await lumen
      .listSpeedOffers(input.customerNumber, input.masterSiteId)
      .catch((error: unknown) =>
        failureOfRepeatableCall(
          error,
          'SpeedNotOffered',
          (lumenSays) => `Lumen refused the price list of site ${input.masterSiteId}: ${lumenSays}`,
        ),
      );
    const offer = pick(offers.filter((o) => o.mbps === input.mbps));
    const offered = [...new Set(offers.map((o) => o.mbps))].sort((a, b) => a - b);
    if (!offer) {
      throw businessFailure(
        'SpeedNotOffered',
        `Site ${input.masterSiteId} (${input.siteLabel}) does not offer ${formatMbps(input.mbps)}; ` +
          `it offers ${offered.map(formatMbps).join(', ') || 'no speeds at all'}`,
        { masterSiteId: input.masterSiteId, offeredMbps: offered },
      );
    }
    return { speed: offer.speed, hourlyCents: offer.priceCents, offeredSpeeds: offered.map(formatMbps) };
  };
}

// Internet On-Demand is billed by the hour; prefer that term when the list has several.
function pick(offers: SpeedOffer[]): SpeedOffer | undefined {
  return offers.find((o) => /hour/i.test(o.term)) ?? offers[0];
}
