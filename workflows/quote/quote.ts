// quoteInternetOnDemand: the price of a request before ordering it. Steps 1–5 of the provisioning, with
// its own validation and failures (partner, site, speed, billing account), and nothing ordered. It runs on
// the worker because only the worker holds Lumen's credentials.
import { isCancellation, setHandler } from '@temporalio/workflow';
import { centsToDecimal } from '../../domain/money';
import { quoteWorkflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import type { ProvisioningQuote } from '../../domain/quote';
import { formatMbps, speedToMbps } from '../../domain/speed';
import { asTypedFailure, describeFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { statusQuery } from '../messages';
import { acceptRequest } from '../provisioning/accept';
import { browseAndQualify } from '../provisioning/locations';
import { Progress } from '../provisioning/progress';

export async function quoteInternetOnDemand(input: ProvisioningRequestInput): Promise<ProvisioningQuote> {
  const progress = new Progress();
  setHandler(statusQuery, () => progress.status());
  const { request } = await acceptRequest(progress, input, quoteWorkflowIdFor, 'iod-quote-<requestId>');
  const { customerNumber } = request;
  const mbps = speedToMbps(request.speed) as number; // validated by the request schema
  try {
    progress.begin({ requestId: request.requestId, customerNumber, partner: request.partner, speed: formatMbps(mbps) });
    progress.enter('FIND_PROVIDER', `Looking for partner "${request.partner}"`);
    const partner = await keepTrying(progress, 'partner lookup', (reads) =>
      reads.findProvider({ customerNumber, partner: request.partner }),
    );
    const { site, offer } = await browseAndQualify(progress, { customerNumber, partner, site: request.site, mbps });
    progress.enter('PRICE', `Pricing ${formatMbps(mbps)} at site ${site.masterSiteId} (${site.label})`);
    const quote = await keepTrying(progress, 'quote', (reads) =>
      reads.requestPrice({
        customerNumber,
        masterSiteId: site.masterSiteId,
        partnerId: partner.id,
        speed: offer.speed,
        purchaseOrderNumber: request.purchaseOrderNumber,
        description: `Price of ${formatMbps(mbps)} at site ${site.masterSiteId} (${site.label})`,
      }),
    );
    progress.quoteReceived(quote);
    progress.enter('BILLING', `Choosing the billing account of customer ${customerNumber}`);
    const billingAccount = await keepTrying(progress, 'billing accounts', (reads) =>
      reads.chooseBillingAccount({ customerNumber, billingAccountId: request.billingAccountId }),
    );
    progress.record(`Quote ${quote.id}: $${centsToDecimal(quote.monthlyCents)}/month; nothing ordered`);
    return {
      requestId: request.requestId,
      partnerId: partner.id,
      masterSiteId: site.masterSiteId,
      site: site.label,
      speed: formatMbps(mbps),
      quoteId: quote.id,
      expiresAt: quote.expiresAt,
      hourlyUsd: centsToDecimal(quote.hourlyCents),
      monthlyUsd: centsToDecimal(quote.monthlyCents),
      billingAccountId: billingAccount.id,
      offeredSpeeds: offer.offeredSpeeds,
    };
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asTypedFailure(error);
    progress.fail(describeFailure(failure));
    throw failure;
  }
}
