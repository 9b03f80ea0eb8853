// Everything one service's workflow knows, in one object, and the operations that change it: what
// inventory says of the service, where it stands, the changes waiting their turn and those done (so a
// changeId never orders twice), the pending revert, the disconnect, Lumen's events and limits. The
// workflow function wires messages to it; callers ask it to do things rather than assign its fields.
// It is what a continued run carries over.
import { ApplicationFailure, condition, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { ProvisioningSettings, ServiceDetails } from '../../activities';
import type {
  ChangeBandwidthInput,
  ChangeResult,
  DisconnectResult,
  DisconnectServiceInput,
  ServicePlan,
  ServiceStatusName,
  ServiceView,
} from '../../domain/service';
import {
  INVENTORY_MEMO_KEY,
  sameLumenStatus,
  type InventoryMemo,
  type InventoryNotice,
} from '../../domain/service-names';
import { formatMbps } from '../../domain/speed';
import type { JournalEntry } from '../shared/journal';
import { OrderEvents } from '../shared/lumen-orders/events';
import type { LimitWait } from '../shared/lumen-orders/limits';
import { parseChangeBandwidth } from '../shared/parsers';
import { ServiceAccount, type CarriedAccount } from './account';
import { ChangeQueue, type CarriedChanges } from './changes';
import { ServiceProgress, type Facts } from './progress';

export interface PendingRevert {
  mbps: number;
  /** Workflow time it is due. */
  at: number;
  /** The change it undoes. */
  changeId: string;
  /** The hourly price it goes back to, in cents, when known (the budget's projection counts it). */
  hourlyCents?: number;
}

/** What the workflow last learned of the service in Lumen's inventory. */
export interface LumenKnowledge {
  /** Lumen's status word; null until learned. */
  status: string | null;
  /** ISO time it was learned. */
  checkedAt: string | null;
  /** Workflow time (ms) of the latest learning: a sweep's notice read before it is stale. */
  learnedAt: number;
  /** Inventory has listed the service (or its provisioning saw it active): "not listed" now means gone. */
  listed: boolean;
  /** What the memo says, for the sweep to compare against without waking the workflow. */
  published: InventoryMemo | null;
}

/** The disconnect asked, and its answer once there is one. */
interface DisconnectAsked {
  reason?: string;
  result?: DisconnectResult;
  failure?: { type: string; message: string };
}

/** What a continued run starts from. */
export interface CarriedService {
  lumen?: LumenKnowledge;
  account?: CarriedAccount;
  facts: Facts;
  billingAccount?: { id: string; name: string };
  status: ServiceStatusName;
  settings: ProvisioningSettings;
  finished: CarriedChanges['finished'];
  revert: PendingRevert | null;
  lastChange: ChangeResult | null;
  day: string;
  changesToday: number;
  orderSeq: number;
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
  private disconnectAsked: DisconnectAsked | null = null;
  private day: string;
  private changesTodayCount: number;
  private orderSeq: number;
  /** The externalIds of this workflow's orders: their events are ours even without a service id. */
  private readonly externalIds = new Set<string>();
  readonly lumen: LumenKnowledge;
  /** What the service costs, and its budget. */
  readonly account: ServiceAccount;
  /** The sweep's latest notice, waiting for the main loop. */
  private notice: InventoryNotice | null = null;
  /** Lumen named an order on the service that this project did not place: read inventory now. */
  private lookRequested = false;
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
    this.day = carried?.day ?? today();
    this.changesTodayCount = carried?.changesToday ?? 0;
    this.orderSeq = carried?.orderSeq ?? 0;
    this.changes = new ChangeQueue(this.progress, carried);
    if (plan.pendingOrder) this.externalIds.add(plan.pendingOrder.externalId);
    if (plan.requestId) this.externalIds.add(plan.requestId);
    for (let seq = 1; seq <= this.orderSeq; seq++) this.externalIds.add(this.externalIdFor(seq));
    this.account = new ServiceAccount(carried?.account);
    if (!carried && plan.monthlyBudgetUsd !== undefined) {
      this.account.setBudget({ monthlyCents: Math.round(plan.monthlyBudgetUsd * 100), floorMbps: null });
    }
    this.lumen = carried?.lumen ?? { status: null, checkedAt: null, learnedAt: 0, listed: false, published: null };
    this.events = new OrderEvents(
      (order) => order.serviceId === plan.serviceId || this.externalIds.has(order.externalId),
      (heard) => {
        const reason = heard.reason ? ` (${heard.reason})` : '';
        const outside = !this.externalIds.has(heard.externalId);
        // An order this project did not place: what it does to the service is read from inventory at once.
        if (outside) this.lookRequested = true;
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
      this.disconnectAsked !== null ||
      this.revertDue() ||
      this.notice !== null ||
      this.lookRequested ||
      this.goneWhy !== null
    );
  }

  /** Nothing queued and no disconnect: the only time a run may continue as new. */
  get settled(): boolean {
    return this.changes.empty && this.disconnectAsked === null;
  }

  // ---- Lumen's word from outside the workflow -------------------------------------------------------

  /** The sweep's notice (signal): taken in by the main loop. */
  receiveNotice(notice: InventoryNotice): void {
    if (notice && typeof notice.readAt === 'string') this.notice = notice;
  }

  /** What the main loop is to reconcile now, consumed: the sweep's notice, or a read Lumen's events asked for. */
  takeReconcileWork(): { notice: InventoryNotice | null; look: boolean } | null {
    if (this.notice === null && !this.lookRequested) return null;
    const work = { notice: this.notice, look: this.lookRequested };
    this.notice = null;
    this.lookRequested = false;
    return work;
  }

  get reconcileDue(): boolean {
    return this.notice !== null || this.lookRequested;
  }

  /** The sweep saw the memo differ: it is published again whatever is learned. */
  republishInventory(): void {
    this.lumen.published = null;
  }

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
    this.lumen.status = status;
    this.lumen.checkedAt = new Date().toISOString();
    this.lumen.learnedAt = Date.now();
    if (listed) this.lumen.listed = true;
    this.progress.lumenSeen = { status, at: this.lumen.checkedAt };
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
    this.lumen.published = memo;
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
    if (this.disconnectAsked !== null || this.status === 'DISCONNECTING' || this.status === 'DISCONNECTED') {
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

  // ---- the disconnect ----------------------------------------------------------------------------

  /** The disconnect update's validator. */
  static validateDisconnect(request: DisconnectServiceInput | undefined): void {
    const reason = request?.reason;
    if (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)) {
      throw new Error('disconnect: reason must be text of at most 500 characters');
    }
  }

  /** The disconnect update: asked once (a repeat waits for the same answer); changes still queued are refused. */
  async requestDisconnect(request: DisconnectServiceInput | undefined): Promise<DisconnectResult> {
    if (!this.disconnectAsked) {
      this.disconnectAsked = { reason: request?.reason };
      this.pendingRevert = null;
      this.changes.refuseQueued('the service is being disconnected');
      this.progress.record(`Disconnect requested${request?.reason ? `: ${request.reason}` : ''}`);
    }
    const asked = this.disconnectAsked;
    await condition(() => asked.result !== undefined || asked.failure !== undefined);
    if (asked.result) return asked.result;
    throw ApplicationFailure.create({
      type: asked.failure?.type ?? 'DisconnectFailed',
      message: asked.failure?.message ?? 'the disconnect failed',
      nonRetryable: true,
    });
  }

  /** The reason given with the disconnect asked, when one is; undefined when none is asked. */
  get disconnectRequested(): { reason?: string } | null {
    return this.disconnectAsked;
  }

  /** The disconnect is done (or the service ended outside meanwhile): every caller gets this answer. */
  disconnected(result: DisconnectResult): void {
    if (this.disconnectAsked) this.disconnectAsked.result = result;
  }

  /** The disconnect failed: its callers hear why, and the service is managed on. */
  disconnectFailed(failure: { type: string; message: string }): void {
    if (this.disconnectAsked) this.disconnectAsked.failure = failure;
    this.disconnectAsked = null;
  }

  // ---- orders ------------------------------------------------------------------------------------

  /** The externalId of the next order on the service (≤ 20 characters): service id and a sequence. */
  nextExternalId(): string {
    this.orderSeq += 1;
    const externalId = this.externalIdFor(this.orderSeq);
    this.externalIds.add(externalId);
    return externalId;
  }

  private externalIdFor(seq: number): string {
    const suffix = `-${seq}`;
    return `${this.serviceId.slice(-(20 - suffix.length))}${suffix}`;
  }

  countOrder(): void {
    if (this.day !== today()) {
      this.day = today();
      this.changesTodayCount = 0;
    }
    this.changesTodayCount += 1;
  }

  get changesToday(): number {
    return this.day === today() ? this.changesTodayCount : 0;
  }

  // ---- views -------------------------------------------------------------------------------------

  view(): ServiceView {
    return {
      serviceId: this.serviceId,
      requestId: this.plan.requestId ?? null,
      customerNumber: this.plan.customerNumber,
      status: this.status,
      speed: this.facts.mbps === undefined ? null : formatMbps(this.facts.mbps),
      masterSiteId: this.facts.masterSiteId ?? null,
      partnerId: this.facts.partnerId ?? null,
      pendingChanges: this.changes.pending(),
      revert: this.pendingRevert
        ? { speed: formatMbps(this.pendingRevert.mbps), at: new Date(this.pendingRevert.at).toISOString() }
        : null,
      lastChange: this.changes.lastChange,
      changesToday: this.changesToday,
      waiting: this.waitingOn
        ? {
            until: this.waitingOn.until === undefined ? null : new Date(this.waitingOn.until).toISOString(),
            reason: this.waitingOn.reason,
          }
        : null,
      lastCheckedAt: this.lumen.checkedAt,
      lumenStatus: this.lumen.status,
      spend: this.account.view(Date.now()),
      budget: this.budgetView(),
      history: this.progress.history(),
    };
  }

  private budgetView(): ServiceView['budget'] {
    const budget = this.account.budget;
    if (budget === null) return null;
    return {
      monthlyBudgetUsd: budget.monthlyCents / 100,
      floorSpeed: budget.floorMbps === null ? null : formatMbps(budget.floorMbps),
    };
  }

  carry(): CarriedService {
    return {
      lumen: { ...this.lumen },
      account: this.account.carry(),
      facts: { ...this.facts },
      ...(this.billingAccount ? { billingAccount: this.billingAccount } : {}),
      status: this.status,
      settings: this.plannedWith,
      ...this.changes.carry(),
      revert: this.pendingRevert,
      day: this.day,
      changesToday: this.changesTodayCount,
      orderSeq: this.orderSeq,
      journal: this.progress.carried(),
    };
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Equal as JSON, whatever the order of keys: a memo read back from the server against one about to be sent. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => key in bRecord && sameJson((a as Record<string, unknown>)[key], bRecord[key]));
}
