// The service's bandwidth changes: those waiting their turn, in arrival order, and those answered, kept
// so that a changeId never orders twice (a repeat gets the first answer) across continue-as-new too.
import { ApplicationFailure, condition } from '@temporalio/workflow';
import type { ChangeRequest, ChangeResult } from '../../domain/service';
import { sameChange } from '../../domain/service-names';
import { formatMbps } from '../../domain/speed';
import type { ServiceProgress } from './progress';

export interface ChangeEntry {
  request: ChangeRequest;
  state: 'queued' | 'running' | 'done' | 'failed';
  result?: ChangeResult;
  failure?: { type: string; message: string };
  /** A change the workflow queued by itself (a revert, the budget's floor). */
  automatic?: boolean;
}

/** What a continued run carries of the changes. */
export interface CarriedChanges {
  finished: [string, ChangeEntry][];
  lastChange: ChangeResult | null;
}

/** Finished changes remembered, so a repeated changeId returns its first answer. */
const REMEMBERED_CHANGES = 200;

export class ChangeQueue {
  private readonly entries = new Map<string, ChangeEntry>();
  private readonly waiting: ChangeEntry[] = [];
  private last: ChangeResult | null;

  constructor(
    private readonly progress: ServiceProgress,
    carried?: CarriedChanges,
  ) {
    this.last = carried?.lastChange ?? null;
    for (const [changeId, entry] of carried?.finished ?? []) this.entries.set(changeId, entry);
  }

  /** The change whose turn it is. */
  get next(): ChangeEntry | undefined {
    return this.waiting[0];
  }

  get empty(): boolean {
    return this.waiting.length === 0;
  }

  get lastChange(): ChangeResult | null {
    return this.last;
  }

  /** The changes accepted and waiting their turn, in order (the one running first). */
  pending(): { changeId: string; speed: string }[] {
    return this.waiting.map((entry) => ({ changeId: entry.request.changeId, speed: formatMbps(entry.request.mbps) }));
  }

  entryOf(changeId: string): ChangeEntry | undefined {
    return this.entries.get(changeId);
  }

  /** Why `change` is refused as a reuse of its changeId for another change, if it is. */
  reuseOf(change: ChangeRequest): string | undefined {
    const earlier = this.entries.get(change.changeId);
    if (!earlier || sameChange(earlier.request, change)) return undefined;
    return (
      `changeId ${change.changeId} was already used for a change to ${formatMbps(earlier.request.mbps)}; ` +
      'use a new changeId for a different change'
    );
  }

  /** Queues the change once per changeId and answers when its turn has run (a repeat gets the same answer). */
  async answer(change: ChangeRequest): Promise<ChangeResult> {
    const entry = this.entries.get(change.changeId) ?? this.enqueue(change);
    await condition(() => entry.state === 'done' || entry.state === 'failed');
    if (entry.state === 'failed') throw ChangeQueue.failureOf(entry);
    return entry.result!;
  }

  enqueue(request: ChangeRequest, automatic = false): ChangeEntry {
    const entry: ChangeEntry = { request, state: 'queued', ...(automatic ? { automatic } : {}) };
    this.entries.set(request.changeId, entry);
    this.waiting.push(entry);
    this.progress.record(
      `Change ${request.changeId} to ${formatMbps(request.mbps)} accepted` +
        (this.waiting.length > 1 ? ` (${this.waiting.length - 1} ahead of it)` : ''),
    );
    return entry;
  }

  finish(entry: ChangeEntry, outcome: { result: ChangeResult } | { failure: { type: string; message: string } }): void {
    const index = this.waiting.indexOf(entry);
    if (index >= 0) this.waiting.splice(index, 1);
    if ('result' in outcome) {
      entry.state = 'done';
      entry.result = outcome.result;
      this.last = outcome.result;
    } else {
      entry.state = 'failed';
      entry.failure = outcome.failure;
    }
    this.forgetOld();
  }

  /** Changes accepted but not started are refused, with the reason. */
  refuseQueued(why: string): void {
    for (const entry of this.waiting.filter((e) => e.state === 'queued')) {
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

  carry(): CarriedChanges {
    return {
      finished: [...this.entries].filter(([, entry]) => entry.state === 'done' || entry.state === 'failed'),
      lastChange: this.last,
    };
  }

  private forgetOld(): void {
    const finished = [...this.entries].filter(([, entry]) => entry.state === 'done' || entry.state === 'failed');
    for (const [changeId] of finished.slice(0, Math.max(0, finished.length - REMEMBERED_CHANGES))) {
      this.entries.delete(changeId);
    }
  }
}
