// The provisioning as it was first released, frozen: runs started by it replay and finish on this code
// (see ../provisioning.ts, which chooses it for them). Change nothing here; delete the folder once no
// such run is left.
import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { formatDuration } from '../../../domain/duration';
import { centsToDecimal } from '../../../domain/money';
import type { ProvisioningRequest, ProvisioningRequestInput } from '../../../domain/request';
import { formatMbps, speedToMbps } from '../../../domain/speed';
import type { ProvisioningResult } from '../../../domain/status';
import { ActivationWatch } from './activation';
import { lumenReads } from './activity-proxies';
import { disconnectAfterCancel } from './cancellation';
import { asProvisioningFailure } from './failures';
import { keepTrying } from './keep-trying';
import { approvePriceUpdate, lumenNotificationSignal, statusQuery } from '../../messages';
import { parseProvisioningRequest } from '../../schemas';
import { orderExactlyOnce, type OrderLedger } from './order';
import { Progress } from './progress';
import { QuoteKeeper } from './quote';
import { chooseSite } from './site';

export async function provisionFirstRelease(input: ProvisioningRequestInput): Promise<ProvisioningResult> {
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
      progress.record('Cancellation requested');
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
  // A cancellation that arrived while the order was being sent is honoured now that the order is known.
  if (c.cancelRequested()) throw new CancelledFailure('Cancelled while the order was being placed');

  progress.enter(
    'AWAIT_ACTIVATION',
    `Order ${placed.orderId} placed; waiting up to ${formatDuration(request.activationTimeout)} for activation`,
  );
  const activated = await activation.untilActive({
    customerNumber,
    externalId: request.requestId,
    orderId: placed.orderId,
    knownServiceId: ledger.serviceId,
    description,
    pollIntervalMs: request.pollInterval,
    timeoutMs: request.activationTimeout,
  });

  return {
    requestId: request.requestId,
    status: 'ACTIVE',
    orderId: placed.orderId,
    serviceId: activated.serviceId,
    partnerId: partner.id,
    masterSiteId: site.masterSiteId,
    speed: formatMbps(mbps),
    quoteId: placed.quote.id,
    hourlyPriceUsd: centsToDecimal(placed.quote.hourlyCents),
    monthlyPriceUsd: centsToDecimal(placed.quote.monthlyCents),
    billingAccountId: billingAccount.id,
    activatedAt: activated.at,
    quotesRequested: progress.quoteCount,
  };
}
