// Everything one provisioning knows, in one object: the request as accepted, where it stands, the quote,
// the order's ledger, Lumen's events, the billing account and whether it was asked to cancel. The steps
// read and change it; the workflow function reads as the story.
import { CancellationScope, patched, workflowInfo } from '@temporalio/workflow';
import type {
  ChosenBillingAccount,
  ProvisioningSettings,
  QualifiedSpeed,
  QuoteResult,
  SiteChoice,
} from '../../activities';
import { requestIdOf } from '../../domain/names';
import type { ProvisioningRequest } from '../../domain/request';
import { formatMbps, speedToMbps } from '../../domain/speed';
import type { Partner } from '../../lumen/api';
import { OrderEvents } from '../orders/events';
import { OrderLedger, type KnownOrder } from '../orders/evidence';
import { QuoteKeeper } from './price';
import { Progress } from './progress';

export interface PlacedOrder extends KnownOrder {
  /** The quote the order was placed with (or, when adopted, the last one sent). */
  quote: QuoteResult;
}

/**
 * Marks runs that ask for the billing account at the BILLING step. Runs without it asked at once, beside
 * the other reads, so whether billing had answered when the quote's expiry timer was due depended on
 * when its local activity finished: a replay, where local activities resolve from their markers, could
 * skip a timer the first execution had created and cancelled unseen, and every timer after it then had
 * another id than the one the server knew, so cancelling it failed the workflow task over and over.
 */
export const BILLING_AT_ITS_STEP = 'billing-at-its-step';

export class Provisioning {
  readonly progress = new Progress();
  readonly quotes = new QuoteKeeper(this.progress);
  readonly ledger = new OrderLedger();
  readonly events: OrderEvents;
  readonly workflowId = workflowInfo().workflowId;
  /** The order line's id, derived from the workflow id: the same on every attempt and every replay. */
  readonly orderItemId = `${this.workflowId}:order`;
  private accepted?: { request: ProvisioningRequest; settings: ProvisioningSettings };
  partner?: Partner;
  site?: SiteChoice;
  offer?: QualifiedSpeed;
  billingAccount?: ChosenBillingAccount;
  order?: PlacedOrder;
  cancelRequested = false;
  /** Built in the run's first activation: whether billing is asked at its own step (see BILLING_AT_ITS_STEP). */
  readonly billingAtItsStep = patched(BILLING_AT_ITS_STEP);

  /**
   * Whether the first poll of an order just placed may wait on a timer. Runs that asked for billing at
   * once may hold a timer id their replays do not know (see BILLING_AT_ITS_STEP): cancelling one more
   * timer there would fail for good, so they poll at once.
   */
  get firstPollMayWait(): boolean {
    return this.billingAtItsStep;
  }

  constructor() {
    // Events can arrive before the request is accepted; the workflow id already names the request.
    const requestId = requestIdOf(this.workflowId);
    this.events = new OrderEvents(
      (order) => order.externalId === requestId,
      (heard) => {
        if (heard.serviceId && heard.orderId === this.order?.orderId) this.progress.serviceKnown(heard.serviceId);
        const reason = heard.reason ? ` (${heard.reason})` : '';
        this.progress.record(`Lumen reports order ${heard.orderId} ${heard.state}${reason}`);
      },
    );
    CancellationScope.current().cancelRequested.catch(() => (this.cancelRequested = true));
  }

  accept(request: ProvisioningRequest, settings: ProvisioningSettings): void {
    this.accepted = { request, settings };
  }

  get request(): ProvisioningRequest {
    if (!this.accepted) throw new Error('the request has not been accepted yet');
    return this.accepted.request;
  }

  get settings(): ProvisioningSettings {
    if (!this.accepted) throw new Error('the request has not been accepted yet');
    return this.accepted.settings;
  }

  get mbps(): number {
    return speedToMbps(this.request.speed) as number; // validated by the request schema
  }

  /** "100 Mbps at site PL0001247634 (Equinix …, Monroe LA)" — for messages. */
  get description(): string {
    const speed = formatMbps(this.mbps);
    return this.site ? `${speed} at site ${this.site.masterSiteId} (${this.site.label})` : speed;
  }
}
