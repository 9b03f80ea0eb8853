// provisionInternetOnDemand: the seven Lumen steps, made durable. Validates the request first, keeps a
// valid quote until the order is sent, orders exactly once, waits for activation by webhook or
// polling, and on cancellation disconnects whatever was ordered.
import { ApplicationFailure, CancellationScope, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import { formatDuration } from '../domain/duration';
import { centsToDecimal } from '../domain/money';
import { parseProvisioningRequest, type ProvisioningRequest, type ProvisioningRequestInput } from '../domain/request';
import { formatMbps, speedToMbps } from '../domain/speed';
import type { ProvisioningResult } from '../domain/status';
import { ActivationWatch } from './activation';
import { disconnectAfterCancel } from './cancellation';
import { asProvisioningFailure, provisioningFailure } from './failures';
import { approvePriceUpdate, lumenNotificationSignal, statusQuery } from './messages';
import { orderExactlyOnce, type OrderLedger } from './order';
import { Progress } from './progress';
import { QuoteKeeper } from './quote';
import { chooseSite } from './site';
import { keepTrying } from './keep-trying';
import { lumenReads } from './activity-proxies';

export async function provisionInternetOnDemand(input: ProvisioningRequestInput): Promise<ProvisioningResult> {
  const progress = new Progress();
  const quotes = new QuoteKeeper(progress);
  setHandler(statusQuery, () => progress.status());
  setHandler(approvePriceUpdate, (decision) => quotes.decide(decision), {
    validator: (decision) => quotes.validateApproval(decision),
  });

  // Other clients (the Temporal CLI, other SDKs) start this workflow too: validate before anything else.
  const parsed = parseProvisioningRequest(input);
  if (!parsed.ok) {
    progress.fail(parsed.message);
    throw ApplicationFailure.create({
      type: 'InvalidRequest',
      message: parsed.message,
      nonRetryable: true,
      details: [{ problems: parsed.problems }],
    });
  }
  const request = parsed.request;
  const activation = new ActivationWatch(request.requestId, progress);
  setHandler(lumenNotificationSignal, (event) => activation.receive(event));

  let cancelRequested = false;
  CancellationScope.current().cancelRequested.catch(() => (cancelRequested = true));
  const ledger: OrderLedger = { sent: false };
  const orderItemId = `${workflowInfo().workflowId}:order`;
  let billingAccount: { id: string; name: string } | undefined;

  try {
    return await provision(request, {
      progress,
      quotes,
      activation,
      ledger,
      orderItemId,
      cancelRequested: () => cancelRequested,
      billingChosen: (account) => (billingAccount = account),
    });
  } catch (error) {
    if (isCancellation(error)) {
      const outcome = await disconnectAfterCancel(
        {
          customerNumber: request.customerNumber,
          requestId: request.requestId,
          orderItemId: `${workflowInfo().workflowId}:disconnect`,
          billingAccount,
          contact: request.contact,
        },
        ledger,
        progress,
      );
      progress.enter('CANCELLED', outcome);
      throw error;
    }
    const failure = asProvisioningFailure(error);
    progress.fail(failure instanceof Error ? failure.message : String(failure));
    throw failure;
  }
}

interface Collaborators {
  progress: Progress;
  quotes: QuoteKeeper;
  activation: ActivationWatch;
  ledger: OrderLedger;
  orderItemId: string;
  cancelRequested: () => boolean;
  billingChosen: (account: { id: string; name: string }) => void;
}

async function provision(request: ProvisioningRequest, c: Collaborators): Promise<ProvisioningResult> {
  const { progress, quotes, activation, ledger } = c;
  const customerNumber = request.customerNumber;
  const mbps = speedToMbps(request.speed) as number; // validated by the request schema
  progress.begin({ requestId: request.requestId, customerNumber, partner: request.partner, speed: formatMbps(mbps) });

  progress.enter('FIND_PROVIDER', `Looking for partner "${request.partner}"`);
  const partner = await keepTrying(progress, 'partner lookup', () =>
    lumenReads.findPartner({ customerNumber, partner: request.partner }),
  );

  const { site, offer } = await chooseSite(progress, { customerNumber, partner, site: request.site, mbps });
  const description = `${formatMbps(mbps)} at site ${site.masterSiteId} (${site.label})`;

  progress.enter('PRICE', `Pricing ${description}`);
  await quotes.start({
    customerNumber,
    masterSiteId: site.masterSiteId,
    partnerId: partner.id,
    speed: offer.speed,
    purchaseOrderNumber: request.purchaseOrderNumber,
    description,
    maxMonthlyCents:
      request.maxMonthlyPriceUsd === undefined ? undefined : Math.round(request.maxMonthlyPriceUsd * 100),
  });

  progress.enter('BILLING', `Choosing the billing account of customer ${customerNumber}`);
  // Billing may take long (Lumen outages, retries): the quote is re-priced meanwhile if it would expire.
  const billingAccount = await quotes.keepFreshWhile(
    keepTrying(progress, 'billing accounts', () =>
      lumenReads.chooseBillingAccount({ customerNumber, billingAccountId: request.billingAccountId }),
    ),
  );
  c.billingChosen(billingAccount);
  progress.record(`Billing account ${billingAccount.id} (${billingAccount.name})`);

  const placed = await orderExactlyOnce(
    {
      customerNumber,
      requestId: request.requestId,
      orderItemId: c.orderItemId,
      billingAccount,
      customerServiceName: request.customerServiceName,
      ipv4BlockSize: request.ipv4BlockSize,
      contact: request.contact,
      note: request.note,
      description,
    },
    quotes,
    progress,
    ledger,
    c.cancelRequested,
  );
  activation.orderPlaced(placed.orderId);

  const timeout = formatDuration(request.activationTimeout);
  progress.enter('AWAIT_ACTIVATION', `Order ${placed.orderId} placed; waiting up to ${timeout} for activation`);
  const decision = await activation.wait({
    customerNumber,
    externalId: request.requestId,
    orderId: placed.orderId,
    pollIntervalMs: request.pollInterval,
    timeoutMs: request.activationTimeout,
  });
  const serviceId = decision?.serviceId ?? ledger.serviceId;
  if (!decision) {
    const last = activation.lastKnownState
      ? `Lumen last reported "${activation.lastKnownState}"`
      : 'no word from Lumen';
    throw provisioningFailure(
      'ActivationTimedOut',
      `Order ${placed.orderId} (${description}) was not active ${timeout} after it was placed (${last}); ` +
        'the order was left in place',
      { orderId: placed.orderId, serviceId },
    );
  }
  if (decision.outcome === 'failed') {
    throw provisioningFailure(
      'ActivationFailed',
      `Lumen could not activate order ${placed.orderId}${serviceId ? `, service ${serviceId}` : ''} ` +
        `(${description}): ${decision.reason ?? 'no reason given'}`,
      { orderId: placed.orderId, serviceId, reason: decision.reason },
    );
  }
  const activeServiceId =
    serviceId ?? (await serviceIdFromInventory(progress, customerNumber, request.requestId, placed.orderId));
  progress.serviceKnown(activeServiceId);
  progress.enter(
    'ACTIVE',
    `Service ${activeServiceId} is active (${decision.source === 'webhook' ? 'webhook' : 'inventory'})`,
  );

  return {
    requestId: request.requestId,
    status: 'ACTIVE',
    orderId: placed.orderId,
    serviceId: activeServiceId,
    partnerId: partner.id,
    masterSiteId: site.masterSiteId,
    speed: formatMbps(mbps),
    quoteId: placed.quote.id,
    hourlyPriceUsd: centsToDecimal(placed.quote.hourlyCents),
    monthlyPriceUsd: centsToDecimal(placed.quote.monthlyCents),
    billingAccountId: billingAccount.id,
    activatedAt: decision.at,
    quotesRequested: progress.quoteCount,
  };
}

// A completed event that did not name the service: inventory does.
async function serviceIdFromInventory(progress: Progress, customerNumber: string, externalId: string, orderId: string) {
  const service = await keepTrying(progress, 'inventory check', () =>
    lumenReads.findOrderedService({ customerNumber, externalId, orderId }),
  );
  if (!service) throw new Error(`order ${orderId} completed but inventory shows no service for ${externalId}`);
  return service.serviceId;
}
