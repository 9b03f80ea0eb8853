// Where the service stands, shown three ways: the service query, the search attributes operators list
// services by (LumenStep carries the service's status), and the markdown on its page in the Temporal UI.
import { setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import { formatMbps } from '../../domain/speed';
import type { ServiceHistoryEntry, ServiceStatusName } from '../../domain/service';
import { AttributeBatch } from '../shared/attribute-batch';
import { Journal, type JournalEntry } from '../shared/journal';
import { customerNumberKey, masterSiteIdKey, orderIdKey, serviceIdKey, stepKey } from '../shared/search-attributes';

const JOURNAL_LIMIT = 100;

export interface Facts {
  serviceId: string;
  customerNumber: string;
  mbps?: number;
  masterSiteId?: string;
  partnerId?: string;
}

export class ServiceProgress {
  private current: ServiceStatusName = 'ACTIVE';
  private readonly journal: Journal<ServiceStatusName>;
  private readonly attributes = new AttributeBatch();
  lastError: string | null = null;
  /** Lumen's word and when it was learned, for the UI's current details. */
  lumenSeen: { status: string; at: string } | null = null;

  constructor(
    private readonly facts: Facts,
    earlier: JournalEntry<ServiceStatusName>[] = [],
  ) {
    this.journal = new Journal<ServiceStatusName>(JOURNAL_LIMIT, earlier);
    // A start from the hand-over sets them already (its step and site too); one from another client may not have.
    this.attributes.startedWith(workflowInfo().typedSearchAttributes.getAll());
    this.attributes.set({ key: customerNumberKey, value: facts.customerNumber });
    this.attributes.set({ key: serviceIdKey, value: facts.serviceId });
  }

  get status(): ServiceStatusName {
    return this.current;
  }

  /** Every status change goes through here, and is published for the operators' lists. */
  enter(status: ServiceStatusName, detail: string): void {
    this.current = status;
    this.attributes.set({ key: stepKey, value: status });
    if (this.facts.masterSiteId) this.attributes.set({ key: masterSiteIdKey, value: this.facts.masterSiteId });
    this.record(detail);
    this.attributes.flush();
  }

  record(detail: string): void {
    this.journal.record(this.current, detail);
    this.publish();
  }

  error(message: string): void {
    this.lastError = message;
    this.record(`Problem: ${message}`);
  }

  orderPlaced(orderId: string | undefined): void {
    if (orderId) this.attributes.set({ key: orderIdKey, value: orderId });
  }

  history(): ServiceHistoryEntry[] {
    return this.journal.view().map(({ at, step, detail }) => ({ at, status: step, detail }));
  }

  /** What a continued run starts its journal with. */
  carried(): JournalEntry<ServiceStatusName>[] {
    return this.journal.view().slice(-20);
  }

  private publish(): void {
    const f = this.facts;
    const lines = [
      `**Service ${f.serviceId}** — \`${this.current}\``,
      '',
      `- Customer: ${f.customerNumber}`,
      f.mbps !== undefined ? `- Bandwidth: ${formatMbps(f.mbps)}` : undefined,
      f.masterSiteId ? `- Site: ${f.masterSiteId}${f.partnerId ? `, partner ${f.partnerId}` : ''}` : undefined,
      this.lumenSeen ? `- Lumen: "${this.lumenSeen.status}", checked ${this.lumenSeen.at}` : undefined,
      this.lastError ? `- Last problem: ${this.lastError}` : undefined,
      '',
      `Latest: ${this.journal.latest ?? 'starting'}`,
    ];
    setCurrentDetails(lines.filter((line) => line !== undefined).join('\n'));
  }
}
