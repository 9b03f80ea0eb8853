// Everything one provisioning knows, in one object: the request as accepted, where it stands, the quote,
// the order's ledger, Lumen's events, the billing account and whether it was asked to cancel. The steps
// read and change it; the workflow function reads as the story.
import { CancellationScope, workflowInfo } from '@temporalio/workflow';
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
