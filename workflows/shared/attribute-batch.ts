// Search attributes are for operators' lists, and each upsert is a billed action: changes are queued
// and sent together, at the moments the owner chooses (a wait begins, a problem shows, the end).
import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';

export class AttributeBatch {
  private readonly queued = new Map<string, SearchAttributeUpdatePair>();
  private readonly published = new Map<string, unknown>();

  /** What the run started with (whoever started it set them): setting the same value again sends nothing. */
  startedWith(pairs: SearchAttributePair[]): void {
    for (const pair of pairs) this.published.set(pair.key.name, pair.value);
  }

  set(pair: SearchAttributeUpdatePair): void {
    if (this.published.get(pair.key.name) === pair.value) this.queued.delete(pair.key.name);
    else this.queued.set(pair.key.name, pair);
  }

  /** Sends what changed since the last flush as one upsert, if anything did. */
  flush(): void {
    if (this.queued.size === 0) return;
    const pairs = [...this.queued.values()];
    this.queued.clear();
    for (const pair of pairs) this.published.set(pair.key.name, pair.value);
    upsertSearchAttributes(pairs);
  }
}
