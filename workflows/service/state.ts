// Everything one service's workflow knows, in one object, and the operations that change it: where it
// stands, the changes waiting their turn and those done (so a changeId never orders twice), the pending
// revert, and its parts: what Lumen says (./lumen-knowledge.ts), its own orders (./service-orders.ts),
// the disconnect asked (./disconnect-request.ts), its account (./account.ts). The workflow function wires
// messages to it; callers ask it to do things rather than assign its fields. It is what a continued run
// carries over.
import { ApplicationFailure, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { ProvisioningSettings, ServiceDetails } from '../../activities';
import type {
  ChangeBandwidthInput,
  ChangeResult,
  DisconnectResult,
  DisconnectServiceInput,
  ServicePlan,
  ServiceStatusName,
} from '../../domain/service';
import { INVENTORY_MEMO_KEY, sameLumenStatus, type InventoryMemo } from '../../domain/service-names';
import { formatMbps } from '../../domain/speed';
import type { JournalEntry } from '../shared/journal';
import { OrderEvents } from '../shared/lumen-orders/events';
import type { LimitWait } from '../shared/lumen-orders/limits';
import { parseChangeBandwidth } from '../shared/parsers';
import { sameJson } from '../shared/same-json';
import { ServiceAccount, type CarriedAccount } from './account';
import { ChangeQueue, type CarriedChanges } from './changes';
import { DisconnectRequest } from './disconnect-request';
import { LumenKnowledge, type CarriedLumen } from './lumen-knowledge';
import { ServiceProgress, type Facts } from './progress';
import { ServiceOrders, type CarriedOrders } from './service-orders';

export interface PendingRevert {
  mbps: number;
  /** Workflow time it is due. */
  at: number;
  /** The change it undoes. */
  changeId: string;
  /** The hourly price it goes back to, in cents, when known (the budget's projection counts it). */
  hourlyCents?: number;
}

/** What a continued run starts from. */
export interface CarriedService extends CarriedOrders {
  lumen?: CarriedLumen;
  account?: CarriedAccount;
  facts: Facts;
  billingAccount?: { id: string; name: string };
  status: ServiceStatusName;
  settings: ProvisioningSettings;
  finished: CarriedChanges['finished'];
  revert: PendingRevert | null;
  lastChange: ChangeResult | null;
  journal: JournalEntry<ServiceStatusName>[];
}

export class Service {
  readonly facts: Facts;
  readonly progress: ServiceProgress;
  readonly events: OrderEvents;
  readonly workflowId = workflowInfo().workflowId;
  billingAccount?: { id: string; name: string };
  private plannedWith: ProvisioningSettings;
  /** The changes waiting their turn and those answered. */
  readonly changes: ChangeQueue;
  private pendingRevert: PendingRevert | null;
  private waitingOn: LimitWait | null = null;
  /** The disconnect update, asked and answered. */
  readonly disconnect = new DisconnectRequest();
  /** The project's own orders on the service. */
  readonly orders: ServiceOrders;
  /** What Lumen says of the service, and what is waiting to be reconciled with it. */
  readonly lumen: LumenKnowledge;
  /** What the service costs, and its budget. */
  readonly account: ServiceAccount;
  /** Why the service is gone, when a change found it disconnected outside the project: the main loop ends the workflow. */
  private goneWhy: string | null = null;

  constructor(
    readonly plan: ServicePlan,
    carried?: CarriedService,
  ) {
    this.facts = carried?.facts ?? { serviceId: plan.serviceId, customerNumber: plan.customerNumber };
    this.billingAccount = carried?.billingAccount;
    this.plannedWith = carried?.settings ?? { inventoryLagMs: 0 };
    this.progress = new ServiceProgress(this.facts, carried?.journal);
    this.pendingRevert = carried?.revert ?? null;
    this.changes = new ChangeQueue(this.progress, carried);
    this.orders = new ServiceOrders(plan.serviceId, [plan.pendingOrder?.externalId, plan.requestId], carried);
    this.account = new ServiceAccount(carried?.account);
    if (!carried && plan.monthlyBudgetUsd !== undefined) {
      this.account.setBudget({ monthlyCents: Math.round(plan.monthlyBudgetUsd * 100), floorMbps: null });
    }
    this.lumen = new LumenKnowledge(carried?.lumen);
    this.events = new OrderEvents(
      (order) => order.serviceId === plan.serviceId || this.orders.isOurs(order.externalId),
      (heard) => {
        const reason = heard.reason ? ` (${heard.reason})` : '';
        const outside = !this.orders.isOurs(heard.externalId);
        // An order this project did not place: what it does to the service is read from inventory at once.
        if (outside) this.lumen.requestLook();
        const by = outside ? ', placed outside the project' : '';
        this.progress.record(`Lumen reports order ${heard.orderId} ${heard.state}${by}${reason}`);
      },
    );
    if (this.lumen.status && this.lumen.checkedAt) {
      this.progress.lumenSeen = { status: this.lumen.status, at: this.lumen.checkedAt };
    }
    if (carried) this.progress.enter(carried.status, 'Continued with the state carried over');
  }

  get serviceId(): string {
    return this.plan.serviceId;
  }

  get status(): ServiceStatusName {
    return this.progress.status;
  }

  /** The worker settings the workflow plans with (recorded when it started). */
  get settings(): ProvisioningSettings {
    return this.plannedWith;
  }

  planWith(settings: ProvisioningSettings): void {
    this.plannedWith = settings;
  }

  /** The service runs at this speed now (a change of the project's became active). */
  nowAt(mbps: number): void {
    this.facts.mbps = mbps;
  }

  // ---- what the main loop waits for ------------------------------------------------------------------

  /** Anything for the main loop to do: a change, the disconnect, a due revert, something learned of Lumen. */
  hasWork(): boolean {
    return (
      !this.changes.empty ||
      this.disconnect.requested !== null ||
      this.revertDue() ||
      this.lumen.reconcileDue ||
      this.goneWhy !== null
    );
  }

  /** Nothing queued and no disconnect: the only time a run may continue as new. */
  get idle(): boolean {
    return this.changes.empty && this.disconnect.requested === null;
  }

  // ---- Lumen's word from outside the workflow -------------------------------------------------------

  /** A change found the service gone outside the project: the main loop ends the workflow. */
  markGoneOutside(why: string): void {
    this.goneWhy = why;
  }

  get goneOutside(): string | null {
    return this.goneWhy;
  }

  /** What inventory says, read when the workflow starts or looks again (or what the provisioning handed over). */
  know(details: Pick<ServiceDetails, 'bandwidthMbps' | 'masterSiteId' | 'partnerId' | 'billingAccount'>): void {
    if (details.bandwidthMbps !== undefined) this.facts.mbps = details.bandwidthMbps;
    if (details.masterSiteId) this.facts.masterSiteId = details.masterSiteId;
    if (details.partnerId) this.facts.partnerId = details.partnerId;
    if (details.billingAccount) this.billingAccount = details.billingAccount;
  }

  /**
   * Lumen's word on the service, from inventory or an order's end: remembered, shown, and published for
   * the sweep. `held`: the memo the server holds already (the one this run started with, before any upsert).
   */
  learn(status: string, listed: boolean, held?: Record<string, unknown>): void {
    this.lumen.learn(status, listed);
    this.progress.lumenSeen = { status, at: this.lumen.checkedAt! };
    this.publishInventory(held);
  }

  /**
   * The memo the sweep compares inventory with, upserted only when it changes (one history event), with
   * the account when it changed too; not at all when the server `held` it already.
   */
  publishInventory(held?: Record<string, unknown>): void {
    if (this.lumen.status === null) return;
    const memo: InventoryMemo = { status: this.lumen.status, mbps: this.facts.mbps ?? null };
    const published = this.lumen.published;
    if (published && sameLumenStatus(published.status, memo.status) && published.mbps === memo.mbps) return;
    this.lumen.publish(memo);
    const update = { [INVENTORY_MEMO_KEY]: memo, ...this.account.unpublishedMemo(this.facts.mbps) };
    if (held && sameJson(update, held)) return;
    upsertMemo(update);
  }

  /** The memo as a continued run must carry it (the server keeps a run's memo only when told). */
  memo(): Record<string, unknown> {
    return {
      ...(this.lumen.published ? { [INVENTORY_MEMO_KEY]: this.lumen.published } : {}),
      ...this.account.memo(this.facts.mbps),
    };
  }

  // ---- changes -----------------------------------------------------------------------------------

  /** The changeBandwidth update's validator: refused early, cheaply, with the reason. */
  validateChange(input: ChangeBandwidthInput): void {
    const parsed = parseChangeBandwidth(input);
    if (!parsed.ok) throw new Error(parsed.message);
    if (this.disconnect.requested !== null || this.status === 'DISCONNECTING' || this.status === 'DISCONNECTED') {
      throw new Error(`Service ${this.serviceId} is being disconnected: no change is accepted`);
    }
    if (this.status === 'PENDING_ACTIVATION') {
      throw new Error(`Service ${this.serviceId} is not active yet: changes are accepted once it is`);
    }
    const reuse = this.changes.reuseOf(parsed.change);
    if (reuse) throw new Error(reuse);
  }

  /** The changeBandwidth update: queued once per changeId, answered when its turn has run. */
  async requestChange(input: ChangeBandwidthInput): Promise<ChangeResult> {
    const parsed = parseChangeBandwidth(input);
    if (!parsed.ok) {
      // The validator already refused it; kept for replays.
      throw ApplicationFailure.create({ type: 'InvalidRequest', message: parsed.message, nonRetryable: true });
    }
    return this.changes.answer(parsed.change);
  }

  // ---- the revert --------------------------------------------------------------------------------

  get revert(): PendingRevert | null {
    return this.pendingRevert;
  }

  revertDue(): boolean {
    return this.pendingRevert !== null && Date.now() >= this.pendingRevert.at;
  }

  scheduleRevert(revert: PendingRevert): void {
    this.pendingRevert = revert;
  }

  /** The pending revert is dropped; `why`, when given, is said in the history. */
  cancelRevert(why?: string): void {
    if (this.pendingRevert && why) {
      this.progress.record(`The revert to ${formatMbps(this.pendingRevert.mbps)} is cancelled ${why}`);
    }
    this.pendingRevert = null;
  }

  /** A due revert becomes a change of its own in the queue, once (revert-<changeId>). */
  queueDueRevert(): void {
    const revert = this.pendingRevert;
    this.pendingRevert = null;
    if (!revert) return;
    const changeId = `revert-${revert.changeId}`;
    if (!this.changes.entryOf(changeId)) this.changes.enqueue({ changeId, mbps: revert.mbps }, true);
  }

  // ---- Lumen's limits ----------------------------------------------------------------------------

  /** What the workflow waits for on Lumen (a limit, an order in flight); null when it waits no more. */
  waitFor(waiting: LimitWait | null): void {
    this.waitingOn = waiting;
  }

  get waiting(): LimitWait | null {
    return this.waitingOn;
  }

  // ---- the disconnect ----------------------------------------------------------------------------

  /** The disconnect update: asked once (a repeat waits for the same answer); changes still queued are refused. */
  async requestDisconnect(request: DisconnectServiceInput | undefined): Promise<DisconnectResult> {
    if (this.disconnect.ask(request)) {
      this.pendingRevert = null;
      this.changes.refuseQueued('the service is being disconnected');
      this.progress.record(`Disconnect requested${request?.reason ? `: ${request.reason}` : ''}`);
    }
    return this.disconnect.answer();
  }

  // ---- views -------------------------------------------------------------------------------------

  carry(): CarriedService {
    return {
      lumen: this.lumen.carry(),
      account: this.account.carry(),
      facts: { ...this.facts },
      ...(this.billingAccount ? { billingAccount: this.billingAccount } : {}),
      status: this.status,
      settings: this.plannedWith,
      ...this.changes.carry(),
      revert: this.pendingRevert,
      ...this.orders.carry(),
      journal: this.progress.carried(),
    };
  }
}
