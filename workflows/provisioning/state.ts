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
import { OrderEvents } from '../shared/lumen-orders/events';
import { OrderLedger, type KnownOrder } from '../shared/lumen-orders/evidence';
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
  private found: { partner?: Partner; site?: SiteChoice; offer?: QualifiedSpeed } = {};
  private billedTo?: ChosenBillingAccount;
  private placed?: PlacedOrder;
  private cancelAsked = false;
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
    CancellationScope.current().cancelRequested.catch(() => (this.cancelAsked = true));
  }

  /** Step FIND_PROVIDER's answer. */
  partnerFound(partner: Partner): Partner {
    this.found.partner = partner;
    return partner;
  }

  /** Steps BROWSE_LOCATIONS and QUALIFY's answer: the site and the speed as its price list writes it. */
  siteQualified(site: SiteChoice, offer: QualifiedSpeed): void {
    Object.assign(this.found, { site, offer });
  }

  /** Step BILLING's answer. */
  billTo(account: ChosenBillingAccount): ChosenBillingAccount {
    this.billedTo = account;
    return account;
  }

  /** Step ORDER's answer: the one order, with the quote it was placed with. */
  orderPlaced(order: PlacedOrder): PlacedOrder {
    this.placed = order;
    return order;
  }

  get partner(): Partner | undefined {
    return this.found.partner;
  }

  get site(): SiteChoice | undefined {
    return this.found.site;
  }

  get offer(): QualifiedSpeed | undefined {
    return this.found.offer;
  }

  get billingAccount(): ChosenBillingAccount | undefined {
    return this.billedTo;
  }

  get order(): PlacedOrder | undefined {
    return this.placed;
  }

  /** Whether the workflow has been asked to cancel: no order goes out after that. */
  get cancelRequested(): boolean {
    return this.cancelAsked;
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
