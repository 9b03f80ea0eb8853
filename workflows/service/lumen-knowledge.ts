// What the service's workflow knows of the service from Lumen: its status word, when it was learned,
// whether inventory ever listed it, what the memo published for the sweep, and what is waiting to be
// reconciled (the sweep's notice, or a read Lumen's events asked for).
import type { InventoryMemo, InventoryNotice } from '../../domain/service-names';

/** What a continued run carries of it (the notice and the read asked for are taken in before it continues). */
export interface CarriedLumen {
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

export class LumenKnowledge {
  private known: CarriedLumen;
  /** The sweep's latest notice, waiting for the main loop. */
  private notice: InventoryNotice | null = null;
  /** Lumen named an order on the service that this project did not place: read inventory now. */
  private lookRequested = false;

  constructor(carried?: CarriedLumen) {
    this.known = carried
      ? { ...carried }
      : { status: null, checkedAt: null, learnedAt: 0, listed: false, published: null };
  }

  get status(): string | null {
    return this.known.status;
  }
  get checkedAt(): string | null {
    return this.known.checkedAt;
  }
  get learnedAt(): number {
    return this.known.learnedAt;
  }
  get listed(): boolean {
    return this.known.listed;
  }
  get published(): InventoryMemo | null {
    return this.known.published;
  }

  /** Lumen's word on the service, learned now. */
  learn(status: string, listed: boolean): void {
    this.known.status = status;
    this.known.checkedAt = new Date().toISOString();
    this.known.learnedAt = Date.now();
    if (listed) this.known.listed = true;
  }

  /** The memo now says this. */
  publish(memo: InventoryMemo): void {
    this.known.published = memo;
  }

  /** The sweep saw the memo differ: it is published again whatever is learned. */
  republish(): void {
    this.known.published = null;
  }

  /** The sweep's notice (signal): taken in by the main loop. */
  receiveNotice(notice: InventoryNotice): void {
    if (notice && typeof notice.readAt === 'string') this.notice = notice;
  }

  /** An order this project did not place: what it did to the service is read from inventory at once. */
  requestLook(): void {
    this.lookRequested = true;
  }

  get reconcileDue(): boolean {
    return this.notice !== null || this.lookRequested;
  }

  /** What the main loop is to reconcile now, consumed. */
  takeReconcileWork(): { notice: InventoryNotice | null; look: boolean } | null {
    if (!this.reconcileDue) return null;
    const work = { notice: this.notice, look: this.lookRequested };
    this.notice = null;
    this.lookRequested = false;
    return work;
  }

  carry(): CarriedLumen {
    return { ...this.known };
  }
}
