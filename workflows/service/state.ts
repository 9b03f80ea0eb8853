// Everything one service's workflow knows, in one object: what inventory says of the service, where it
// stands, the changes waiting their turn and those done (so a changeId never orders twice), the pending
// revert, the disconnect, Lumen's events and limits. It is what a continued run carries over.
import { ApplicationFailure, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { ProvisioningSettings, ServiceDetails } from '../../activities';
import type {
  ChangeRequest,
  ChangeResult,
  DisconnectResult,
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
import type { JournalEntry } from '../journal';
import { OrderEvents } from '../orders/events';
import type { LimitWait } from '../orders/limits';
import { ServiceAccount, type CarriedAccount } from './account';
import { ServiceProgress, type Facts } from './progress';

export interface ChangeEntry {
  request: ChangeRequest;
  state: 'queued' | 'running' | 'done' | 'failed';
  result?: ChangeResult;
  failure?: { type: string; message: string };
  /** A revert the workflow queued by itself. */
  automatic?: boolean;
}

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

/** What a continued run starts from. */
export interface CarriedService {
  lumen?: LumenKnowledge;
  account?: CarriedAccount;
  facts: Facts;
  billingAccount?: { id: string; name: string };
  status: ServiceStatusName;
  settings: ProvisioningSettings;
  finished: [string, ChangeEntry][];
  revert: PendingRevert | null;
  lastChange: ChangeResult | null;
  day: string;
  changesToday: number;
  orderSeq: number;
  journal: JournalEntry<ServiceStatusName>[];
}

/** Finished changes remembered, so a repeated changeId returns its first answer. */
const REMEMBERED_CHANGES = 200;

export class Service {
  readonly facts: Facts;
  readonly progress: ServiceProgress;
  readonly events: OrderEvents;
  readonly workflowId = workflowInfo().workflowId;
  billingAccount?: { id: string; name: string };
  settings: ProvisioningSettings;
  private readonly changes = new Map<string, ChangeEntry>();
  readonly queue: ChangeEntry[] = [];
  revert: PendingRevert | null;
  lastChange: ChangeResult | null;
  waiting: LimitWait | null = null;
  disconnect: { reason?: string; result?: DisconnectResult; failure?: { type: string; message: string } } | null = null;
  private day: string;
  private changesTodayCount: number;
  private orderSeq: number;
  /** The externalIds of this workflow's orders: their events are ours even without a service id. */
  private readonly externalIds = new Set<string>();
  readonly lumen: LumenKnowledge;
  /** What the service costs, and its budget. */
  readonly account: ServiceAccount;
  /** The sweep's latest notice, waiting for the main loop. */
  notice: InventoryNotice | null = null;
  /** Lumen named an order on the service that this project did not place: read inventory now. */
  lookRequested = false;
  /** Set when a change found the service disconnected outside the project: the main loop ends the workflow. */
  goneOutside: string | null = null;

  constructor(
    readonly plan: ServicePlan,
    carried?: CarriedService,
  ) {
    this.facts = carried?.facts ?? { serviceId: plan.serviceId, customerNumber: plan.customerNumber };
    this.billingAccount = carried?.billingAccount;
    this.settings = carried?.settings ?? { inventoryLagMs: 0 };
    this.progress = new ServiceProgress(this.facts, carried?.journal);
    this.revert = carried?.revert ?? null;
    this.lastChange = carried?.lastChange ?? null;
    this.day = carried?.day ?? today();
    this.changesTodayCount = carried?.changesToday ?? 0;
    this.orderSeq = carried?.orderSeq ?? 0;
    for (const [changeId, entry] of carried?.finished ?? []) this.changes.set(changeId, entry);
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

  /** What inventory says, read when the workflow starts or looks again (or what the provisioning handed over). */
  know(details: Pick<ServiceDetails, 'bandwidthMbps' | 'masterSiteId' | 'partnerId' | 'billingAccount'>): void {
    if (details.bandwidthMbps !== undefined) this.facts.mbps = details.bandwidthMbps;
    if (details.masterSiteId) this.facts.masterSiteId = details.masterSiteId;
    if (details.partnerId) this.facts.partnerId = details.partnerId;
    if (details.billingAccount) this.billingAccount = details.billingAccount;
  }

  /** Lumen's word on the service, from inventory or an order's end: remembered, shown, and published for the sweep. */
  learn(status: string, listed: boolean): void {
    this.lumen.status = status;
    this.lumen.checkedAt = new Date().toISOString();
    this.lumen.learnedAt = Date.now();
    if (listed) this.lumen.listed = true;
    this.progress.lumenSeen = { status, at: this.lumen.checkedAt };
    this.publishInventory();
  }

  /** The memo the sweep compares inventory with; upserted only when it changes (one history event). */
  publishInventory(): void {
    if (this.lumen.status === null) return;
    const memo: InventoryMemo = { status: this.lumen.status, mbps: this.facts.mbps ?? null };
    const published = this.lumen.published;
    if (published && sameLumenStatus(published.status, memo.status) && published.mbps === memo.mbps) return;
    this.lumen.published = memo;
    upsertMemo({ [INVENTORY_MEMO_KEY]: memo });
  }

  /** The memo as a continued run must carry it (the server keeps a run's memo only when told). */
  memo(): Record<string, unknown> {
    return {
      ...(this.lumen.published ? { [INVENTORY_MEMO_KEY]: this.lumen.published } : {}),
      ...this.account.memo(this.facts.mbps),
    };
  }

  // ---- changes -----------------------------------------------------------------------------------

  entryOf(changeId: string): ChangeEntry | undefined {
    return this.changes.get(changeId);
  }

  enqueue(request: ChangeRequest, automatic = false): ChangeEntry {
    const entry: ChangeEntry = { request, state: 'queued', ...(automatic ? { automatic } : {}) };
    this.changes.set(request.changeId, entry);
    this.queue.push(entry);
    this.progress.record(
      `Change ${request.changeId} to ${formatMbps(request.mbps)} accepted` +
        (this.queue.length > 1 ? ` (${this.queue.length - 1} ahead of it)` : ''),
    );
    return entry;
  }

  finish(entry: ChangeEntry, outcome: { result: ChangeResult } | { failure: { type: string; message: string } }): void {
    const index = this.queue.indexOf(entry);
    if (index >= 0) this.queue.splice(index, 1);
    if ('result' in outcome) {
      entry.state = 'done';
      entry.result = outcome.result;
      this.lastChange = outcome.result;
    } else {
      entry.state = 'failed';
      entry.failure = outcome.failure;
    }
    this.forgetOldChanges();
  }

  /** Changes accepted but not started when a disconnect arrives are refused, with the reason. */
  refuseQueued(why: string): void {
    for (const entry of this.queue.filter((e) => e.state === 'queued')) {
      this.finish(entry, {
        failure: { type: 'ChangeFailed', message: `Change ${entry.request.changeId} not applied: ${why}` },
      });
    }
  }

  /** The failure a failed change answers with, to every caller of its changeId. */
  static failureOf(entry: ChangeEntry): ApplicationFailure {
    return ApplicationFailure.create({
      type: entry.failure?.type ?? 'ChangeFailed',
      message: entry.failure?.message ?? 'the change failed',
      nonRetryable: true,
    });
  }

  // ---- the revert --------------------------------------------------------------------------------

  revertDue(): boolean {
    return this.revert !== null && Date.now() >= this.revert.at;
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
      pendingChanges: this.queue.map((entry) => ({
        changeId: entry.request.changeId,
        speed: formatMbps(entry.request.mbps),
      })),
      revert: this.revert ? { speed: formatMbps(this.revert.mbps), at: new Date(this.revert.at).toISOString() } : null,
      lastChange: this.lastChange,
      changesToday: this.changesToday,
      waiting: this.waiting
        ? {
            until: this.waiting.until === undefined ? null : new Date(this.waiting.until).toISOString(),
            reason: this.waiting.reason,
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
      settings: this.settings,
      finished: [...this.changes].filter(([, entry]) => entry.state === 'done' || entry.state === 'failed'),
      revert: this.revert,
      lastChange: this.lastChange,
      day: this.day,
      changesToday: this.changesTodayCount,
      orderSeq: this.orderSeq,
      journal: this.progress.carried(),
    };
  }

  private forgetOldChanges(): void {
    const finished = [...this.changes].filter(([, entry]) => entry.state === 'done' || entry.state === 'failed');
    for (const [changeId] of finished.slice(0, Math.max(0, finished.length - REMEMBERED_CHANGES))) {
      this.changes.delete(changeId);
    }
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
