// One bandwidth change, run when its turn comes and from what Lumen shows then: the speed qualified at
// the site, priced (the quote fresh at every send, the caller's price guard checked against it), one
// modify order sent by the rules of ../shared/lumen-orders/evidence.ts, and the service watched until
// it is Active at the new speed; the answer, the revert it sets and the spend follow.
import { ApplicationFailure, isCancellation } from '@temporalio/workflow';
import type { QuoteResult } from '../../activities';
import { formatDuration } from '../../domain/duration';
import { centsToDecimal, priceToCents } from '../../domain/money';
import type { ChangeRequest, ChangeResult } from '../../domain/service';
import { formatMbps } from '../../domain/speed';
import { lumenOrders } from '../shared/activity-proxies';
import { asTypedFailure, describeFailure, typedFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import { OrderLedger, type KnownOrder } from '../shared/lumen-orders/evidence';
import { sendExactlyOnce, type OrderSender } from '../shared/lumen-orders/exactly-once';
import { watchOrder } from '../shared/lumen-orders/watch';
import { isFresh } from '../shared/quote-freshness';
import { checkBudget } from './budget';
import type { ChangeEntry } from './changes';
import { announceChangeFailed } from './notifications';
import { lookAtService, takeIn } from './reconcile';
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

/** Runs the change whose turn it is: from what Lumen shows now, to its answer and the service's new state. */
export async function runChange(s: Service, entry: ChangeEntry): Promise<void> {
  const { request } = entry;
  entry.state = 'running';
  if (!entry.automatic) s.cancelRevert(`by change ${request.changeId}`);
  // The change starts from what Lumen shows now, not from what this workflow last believed: the speed it
  // reverts to, whether it is there already, or that the service is gone.
  const gone = await takeIn(s, await lookAtService(s));
  if (gone !== undefined || s.status === 'DISCONNECTING') {
    const why = gone ?? `Lumen shows service ${s.serviceId} "${s.lumen.status}": a disconnect is under way`;
    s.changes.finish(entry, {
      failure: { type: 'ChangeFailed', message: `Change ${request.changeId} not applied: ${why}` },
    });
    if (gone !== undefined) s.markGoneOutside(gone);
    return;
  }
  const previous = s.facts.mbps;
  const previousHourlyCents = s.account.hourlyCents;
  s.progress.enter('CHANGING', `Change ${request.changeId}: to ${formatMbps(request.mbps)}`);
  try {
    const result = await applyChange(s, request);
    s.nowAt(request.mbps);
    const hourlyCents = result.hourlyPriceUsd === null ? undefined : priceToCents(result.hourlyPriceUsd);
    if (hourlyCents !== undefined) s.account.charge(Date.parse(result.completedAt), hourlyCents, request.mbps);
    if (request.revertAfterMs !== undefined && previous !== undefined && previous !== request.mbps) {
      s.scheduleRevert({
        mbps: previous,
        at: Date.parse(result.completedAt) + request.revertAfterMs,
        changeId: request.changeId,
        ...(previousHourlyCents === undefined ? {} : { hourlyCents: previousHourlyCents }),
      });
    }
    s.changes.finish(entry, { result });
    const revert = s.revert ? `; back to ${formatMbps(s.revert.mbps)} at ${new Date(s.revert.at).toISOString()}` : '';
    s.progress.enter('ACTIVE', `Change ${request.changeId}: active at ${result.speed}${revert}`);
    await checkBudget(s);
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asTypedFailure(error);
    const type = failure instanceof ApplicationFailure ? (failure.type ?? 'ChangeFailed') : 'ChangeFailed';
    const message = describeFailure(failure);
    s.changes.finish(entry, { failure: { type, message } });
    s.progress.error(message);
    s.progress.enter('ACTIVE', `Change ${request.changeId} failed (${type}); the service is unchanged`);
    await announceChangeFailed(s, request, previous, { type, message });
  } finally {
    s.waitFor(null);
  }
}
