// One bandwidth change: the speed qualified at the site, priced (the quote fresh at every send, the
// caller's price guard checked against it), one modify order sent by the rules of
// ../orders/evidence.ts, and the service watched until it is Active at the new speed.
import type { QuoteResult } from '../../activities';
import { formatDuration } from '../../domain/duration';
import { centsToDecimal } from '../../domain/money';
import type { ChangeRequest, ChangeResult } from '../../domain/service';
import { formatMbps } from '../../domain/speed';
import { lumenOrders } from '../shared/activity-proxies';
import { typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { OrderLedger, type KnownOrder } from '../shared/lumen-orders/evidence';
import { sendExactlyOnce, type OrderSender } from '../shared/lumen-orders/exactly-once';
import { watchOrder } from '../shared/lumen-orders/watch';
import { isFresh } from '../shared/quote-freshness';
import type { Service } from './state';

/** How long a change may take to show Active at its new speed before it is reported as failed. */
const CHANGE_DEADLINE_MS = 24 * 3_600_000;

const usd = (cents: number) => `$${centsToDecimal(cents)}`;

export async function applyChange(s: Service, change: ChangeRequest): Promise<ChangeResult> {
  const { facts, progress } = s;
  const previous = facts.mbps;
  const masterSiteId = facts.masterSiteId;
  const partnerId = facts.partnerId;
  const billingAccount = s.billingAccount;
  const target = formatMbps(change.mbps);
  if (previous === change.mbps) {
    progress.record(`Change ${change.changeId}: the service is at ${target} already; nothing ordered`);
    return result(change, previous, undefined, undefined);
  }
  if (previous === undefined || !masterSiteId || !partnerId || !billingAccount) {
    throw typedFailure(
      'ChangeFailed',
      `Service ${s.serviceId} cannot be changed: inventory does not show its bandwidth, site, partner and billing account`,
    );
  }
  const what = `${formatMbps(previous)} → ${target} on service ${s.serviceId}`;

  const offer = await keepTrying(progress, 'price list', (reads) =>
    reads.qualifySpeed({
      customerNumber: s.plan.customerNumber,
      masterSiteId,
      siteLabel: `the service's site`,
      mbps: change.mbps,
    }),
  );

  let quote: QuoteResult | undefined;
  let lastSent: QuoteResult | undefined;
  const price = async (): Promise<QuoteResult> => {
    const fresh = await keepTrying(progress, 'price request', (reads) =>
      reads.requestPrice({
        customerNumber: s.plan.customerNumber,
        masterSiteId,
        partnerId,
        speed: offer.speed,
        description: `Bandwidth change ${what}`,
      }),
    );
    progress.record(
      `Change ${change.changeId}: quote ${fresh.id} at ${usd(fresh.monthlyCents)}/month, valid until ${fresh.expiresAt}`,
    );
    if (change.maxMonthlyCents !== undefined && fresh.monthlyCents > change.maxMonthlyCents) {
      throw typedFailure(
        'PriceNotApproved',
        `The price of ${usd(fresh.monthlyCents)}/month (quote ${fresh.id}) for ${what} is above the limit of ` +
          `${usd(change.maxMonthlyCents)}; nothing was ordered`,
        { quoteId: fresh.id, monthlyPriceUsd: centsToDecimal(fresh.monthlyCents) },
      );
    }
    const overBudget = s.account.refusal(
      Date.now(),
      fresh.hourlyCents,
      change.revertAfterMs === undefined ? undefined : { afterMs: change.revertAfterMs },
    );
    if (overBudget !== undefined) {
      throw typedFailure(
        'BudgetExceeded',
        `Change ${change.changeId} (${what}, quote ${fresh.id}) is refused by the budget: ${overBudget}; nothing was ordered`,
        { quoteId: fresh.id, hourlyPriceUsd: centsToDecimal(fresh.hourlyCents) },
      );
    }
    return fresh;
  };

  const externalId = s.orders.nextExternalId();
  const ledger = new OrderLedger();
  const sender: OrderSender<QuoteResult> = {
    what: `the change ${what}`,
    async next() {
      if (!quote || !isFresh(quote)) quote = await price();
      return quote;
    },
    quoteIdOf: (q) => q.id,
    discard: () => (quote = undefined),
    async attempt(q, lookOnly) {
      if (!lookOnly) lastSent = q;
      const sent = await lumenOrders.modifyBandwidth({
        customerNumber: s.plan.customerNumber,
        serviceId: s.serviceId,
        externalId,
        quoteId: q.id,
        bandwidthMbps: change.mbps,
        billingAccount,
        note: `Bandwidth change ${change.changeId}`,
        mayExist: ledger.mayHaveOrdered(),
        lookOnly,
      });
      if (sent.evidence === 'absent') return { kind: 'absent' };
      if (sent.evidence === 'inventory') {
        return {
          kind: 'placed',
          order: { serviceId: s.serviceId, evidence: `inventory shows the service "${sent.status}"` },
        };
      }
      const evidence = sent.evidence === 'accepted' ? 'Lumen accepted it' : `quote ${q.id} was already ordered`;
      return { kind: 'placed', order: { orderId: sent.orderId, serviceId: s.serviceId, evidence } };
    },
    async lookUp(): Promise<KnownOrder | undefined> {
      const service = await keepTrying(progress, 'inventory check', (reads) =>
        reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
      );
      const changed = service.phase === 'changing' || service.bandwidthMbps === change.mbps;
      return changed
        ? { serviceId: s.serviceId, evidence: `inventory shows the service "${service.status}"` }
        : undefined;
    },
  };

  const known = await sendExactlyOnce(sender, {
    ledger,
    events: s.events,
    externalId,
    inventoryLagMs: s.settings.inventoryLagMs,
    journal: progress,
    onWaiting: (waiting) => s.waitFor(waiting),
  });
  s.orders.count();
  progress.orderPlaced(known.orderId);
  progress.record(`Change ${change.changeId}: order ${known.orderId ?? '(not named)'}: ${known.evidence}`);

  const outcome = await watchOrder(
    {
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      orderId: known.orderId,
      until: 'active',
      bandwidthMbps: change.mbps,
      pollIntervalMs: s.plan.pollInterval,
      deadline: Date.now() + CHANGE_DEADLINE_MS,
      justPlaced: true,
    },
    s.events,
    (problem) => progress.error(problem),
  );
  if (outcome.outcome === 'failed') {
    throw typedFailure('ChangeFailed', `Lumen could not change ${what}: ${outcome.reason ?? 'no reason given'}`, {
      orderId: known.orderId,
    });
  }
  if (outcome.outcome === 'timedOut') {
    throw typedFailure(
      'ChangeFailed',
      `The change ${what} (order ${known.orderId ?? 'not named'}) was not active at ${target} within ` +
        `${formatDuration(CHANGE_DEADLINE_MS)}`,
      { orderId: known.orderId },
    );
  }
  s.facts.mbps = change.mbps;
  s.learn('Active', true);
  return result(change, previous, known.orderId, lastSent ?? quote, outcome.at);
}

function result(
  change: ChangeRequest,
  previousMbps: number | undefined,
  orderId: string | undefined,
  quote: QuoteResult | undefined,
  at = new Date().toISOString(),
): ChangeResult {
  return {
    changeId: change.changeId,
    status: 'ACTIVE',
    speed: formatMbps(change.mbps),
    previousSpeed: previousMbps === undefined ? formatMbps(change.mbps) : formatMbps(previousMbps),
    orderId: orderId ?? null,
    quoteId: quote?.id ?? null,
    hourlyPriceUsd: quote ? centsToDecimal(quote.hourlyCents) : null,
    monthlyPriceUsd: quote ? centsToDecimal(quote.monthlyCents) : null,
    completedAt: at,
  };
}
