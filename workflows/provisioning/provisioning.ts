// provisionInternetOnDemand: the seven Lumen steps, made durable. The request is accepted once (and
// recorded), a valid quote is kept until the order is sent, the order is placed exactly once whatever
// the network, the gateway, a crash or a reset hide, activation comes by webhook or polling, and a
// cancellation disconnects whatever was ordered before it ends.
import { isCancellation, setHandler } from '@temporalio/workflow';
import { centsToDecimal } from '../../domain/money';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import { formatMbps } from '../../domain/speed';
import type { ProvisioningResult } from '../../domain/status';
import { asTypedFailure, describeFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { approvePriceUpdate, lumenNotificationSignal, statusQuery } from '../messages';
import { acceptRequest } from './accept';
import { awaitActivation, type ActiveService } from './activation';
import { cancelProvisioning } from './cancellation';
import { handOver } from './handover';
import { announceApprovalNeeded, announceFailure, announceInvalidRequest } from './notifications';
import { browseAndQualify } from './locations';
import { placeTheOrder } from './order';
import { Provisioning, type PlacedOrder } from './state';

export async function provisionInternetOnDemand(input: ProvisioningRequestInput): Promise<ProvisioningResult> {
  const p = new Provisioning();
  setHandler(statusQuery, () => p.progress.status());
  setHandler(approvePriceUpdate, (decision) => p.quotes.decide(decision), {
    validator: (decision) => p.quotes.validateApproval(decision),
  });
  setHandler(lumenNotificationSignal, (event) => p.events.receive(event));

  const accepted = await acceptRequest(p.progress, input, workflowIdFor, 'iod-<requestId>', (settings, message) =>
    announceInvalidRequest(settings, input, p.workflowId, message),
  );
  p.accept(accepted.request, accepted.settings);
  try {
    return await provision(p);
  } catch (error) {
    if (isCancellation(error)) return cancelProvisioning(p);
    const failure = asTypedFailure(error);
    if (p.progress.currentStep !== 'FAILED') p.progress.fail(describeFailure(failure));
    await announceFailure(p, failure);
    throw failure;
  }
}

async function provision(p: Provisioning): Promise<ProvisioningResult> {
  const { request, progress } = p;
  const { customerNumber } = request;
  progress.begin({ requestId: request.requestId, customerNumber, partner: request.partner, speed: formatMbps(p.mbps) });
  progress.enter('FIND_PROVIDER', `Looking for partner "${request.partner}"`);
  const partner = p.partnerFound(
    await keepTrying(progress, 'partner lookup', (reads) =>
      reads.findProvider({ customerNumber, partner: request.partner }),
    ),
  );

  const { site, offer } = await browseAndQualify(progress, {
    customerNumber,
    partner,
    site: request.site,
    mbps: p.mbps,
  });
  p.siteQualified(site, offer);

  progress.enter('PRICE', `Pricing ${p.description}`);
  await p.quotes.start({
    customerNumber,
    masterSiteId: site.masterSiteId,
    partnerId: partner.id,
    speed: offer.speed,
    purchaseOrderNumber: request.purchaseOrderNumber,
    description: p.description,
    maxMonthlyCents:
      request.maxMonthlyPriceUsd === undefined ? undefined : Math.round(request.maxMonthlyPriceUsd * 100),
    approvalTimeoutMs: request.approvalTimeout,
    onApprovalNeeded: (wait) => announceApprovalNeeded(p, wait),
  });

  progress.enter('BILLING', `Choosing the billing account of customer ${customerNumber}`);
  // Asked at its own step, after the quote: a read asked beside the others could answer before or after
  // the quote's expiry timer, and so differ between a first execution and its replay.
  // The quote is re-priced meanwhile if billing takes long (Lumen outages, retries).
  const billingAccount = p.billTo(
    await p.quotes.keepFreshWhile((whenSlow) =>
      keepTrying(
        progress,
        'billing accounts',
        (reads) => reads.chooseBillingAccount({ customerNumber, billingAccountId: request.billingAccountId }),
        whenSlow,
      ),
    ),
  );
  progress.record(`Billing account ${billingAccount.id} (${billingAccount.name})`);

  const order = await placeTheOrder(p);
  const active = await awaitActivation(p, order);
  const serviceWorkflowId = await handOver(p, active.serviceId, {
    active: { at: active.at, hourlyCents: order.quote.hourlyCents },
  });
  return { ...result(p, order, active), serviceWorkflowId };
}

function result(p: Provisioning, order: PlacedOrder, active: ActiveService): ProvisioningResult {
  const { request } = p;
  return {
    requestId: request.requestId,
    status: 'ACTIVE',
    orderId: order.orderId ?? `unknown (service ${active.serviceId})`,
    serviceId: active.serviceId,
    partnerId: p.partner?.id ?? '',
    masterSiteId: p.site?.masterSiteId ?? '',
    speed: formatMbps(p.mbps),
    quoteId: order.quote.id,
    hourlyPriceUsd: centsToDecimal(order.quote.hourlyCents),
    monthlyPriceUsd: centsToDecimal(order.quote.monthlyCents),
    billingAccountId: p.billingAccount?.id ?? '',
    activatedAt: active.at,
    quotesRequested: p.progress.quoteCount,
  };
}
