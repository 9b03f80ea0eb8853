// provisionInternetOnDemand: the seven Lumen steps, made durable. The request is accepted once (and
// recorded), a valid quote is kept until the order is sent, the order is placed exactly once whatever
// the network, the gateway, a crash or a reset hide, activation comes by webhook or polling, and a
// cancellation disconnects whatever was ordered before it ends.
import { ApplicationFailure, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { centsToDecimal } from '../../domain/money';
import { workflowIdFor } from '../../domain/names';
import type { ProvisioningRequestInput } from '../../domain/request';
import { formatMbps } from '../../domain/speed';
import type { ProvisioningResult } from '../../domain/status';
import { recordedLocally } from '../activity-proxies';
import { asProvisioningFailure, describeFailure } from '../failures';
import { keepTrying } from '../keep-trying';
import { approvePriceUpdate, lumenNotificationSignal, statusQuery } from '../messages';
import { awaitActivation, type ActiveService } from './activation';
import { cancelProvisioning } from './cancellation';
import { handOver } from './handover';
import { announceApprovalNeeded, announceFailure, announceInvalidRequest } from './notifications';
import { provisionFirstRelease } from './legacy/provisioning';
import { browseAndQualify } from './locations';
import { placeTheOrder } from './order';
import { Provisioning, type PlacedOrder } from './state';

/** Marks runs of this version; runs without it began on the first release and stay on it. */
export const PROVISIONING_V2 = 'provisioning-v2';

export async function provisionInternetOnDemand(input: ProvisioningRequestInput): Promise<ProvisioningResult> {
  if (!patched(PROVISIONING_V2)) return provisionFirstRelease(input);
  const p = new Provisioning();
  setHandler(statusQuery, () => p.progress.status());
  setHandler(approvePriceUpdate, (decision) => p.quotes.decide(decision), {
    validator: (decision) => p.quotes.validateApproval(decision),
  });
  setHandler(lumenNotificationSignal, (event) => p.events.receive(event));

  await accept(p, input);
  try {
    return await provision(p);
  } catch (error) {
    if (isCancellation(error)) return cancelProvisioning(p);
    const failure = asProvisioningFailure(error);
    if (p.progress.currentStep !== 'FAILED') p.progress.fail(describeFailure(failure));
    await announceFailure(p, failure);
    throw failure;
  }
}

async function provision(p: Provisioning): Promise<ProvisioningResult> {
  const { request, progress } = p;
  const { customerNumber } = request;
  progress.begin({ requestId: request.requestId, customerNumber, partner: request.partner, speed: formatMbps(p.mbps) });
  const askBilling = () =>
    keepTrying(progress, 'billing accounts', (reads) =>
      reads.chooseBillingAccount({ customerNumber, billingAccountId: request.billingAccountId }),
    );
  // Runs before billing-at-its-step asked at once (see BILLING_AT_ITS_STEP), and go on doing so.
  const early = p.billingAtItsStep ? undefined : askBilling();
  early?.catch(() => undefined); // awaited at BILLING; an earlier failure of another step wins

  progress.enter('FIND_PROVIDER', `Looking for partner "${request.partner}"`);
  p.partner = await keepTrying(progress, 'partner lookup', (reads) =>
    reads.findProvider({ customerNumber, partner: request.partner }),
  );

  const { site, offer } = await browseAndQualify(progress, {
    customerNumber,
    partner: p.partner,
    site: request.site,
    mbps: p.mbps,
  });
  p.site = site;
  p.offer = offer;

  progress.enter('PRICE', `Pricing ${p.description}`);
  await p.quotes.start({
    customerNumber,
    masterSiteId: site.masterSiteId,
    partnerId: p.partner.id,
    speed: offer.speed,
    purchaseOrderNumber: request.purchaseOrderNumber,
    description: p.description,
    maxMonthlyCents:
      request.maxMonthlyPriceUsd === undefined ? undefined : Math.round(request.maxMonthlyPriceUsd * 100),
    approvalTimeoutMs: request.approvalTimeout,
    onApprovalNeeded: (wait) => announceApprovalNeeded(p, wait),
  });

  progress.enter('BILLING', `Choosing the billing account of customer ${customerNumber}`);
  // The quote is re-priced meanwhile if billing takes long (Lumen outages, retries).
  p.billingAccount = await p.quotes.keepFreshWhile(early ?? askBilling());
  progress.record(`Billing account ${p.billingAccount.id} (${p.billingAccount.name})`);

  const order = await placeTheOrder(p);
  const active = await awaitActivation(p, order);
  const serviceWorkflowId = await handOver(p, active.serviceId);
  return { ...result(p, order, active), serviceWorkflowId };
}

// Other clients (the Temporal CLI, other SDKs) start this workflow too: validate before anything else.
async function accept(p: Provisioning, input: unknown): Promise<void> {
  const accepted = await recordedLocally.acceptRequest(input);
  const problems = accepted.ok ? [] : [...accepted.problems];
  const requestId = accepted.ok ? accepted.request.requestId : requestIdFrom(input);
  if (requestId !== undefined && p.workflowId !== workflowIdFor(requestId)) {
    // Lumen's events are routed by request id: under another id this provisioning would never hear them.
    problems.push(`workflowId: is "${p.workflowId}" but must be "${workflowIdFor(requestId)}" (iod-<requestId>)`);
  }
  if (accepted.ok && problems.length === 0) {
    p.accept(accepted.request, accepted.settings);
    return;
  }
  const message = `Invalid provisioning request: ${problems.join('; ')}`;
  p.progress.fail(message);
  await announceInvalidRequest(accepted.settings, input, p.workflowId, message);
  throw ApplicationFailure.create({ type: 'InvalidRequest', message, nonRetryable: true, details: [{ problems }] });
}

function requestIdFrom(input: unknown): string | undefined {
  const id = (input as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' ? id : undefined;
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
