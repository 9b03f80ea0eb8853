// The latest things a workflow did, in words, for its query and its page in the Temporal UI. Bounded,
// so a workflow that waits for days (or lives for months) keeps a small state and small query answers.

export interface JournalEntry<Step extends string> {
  at: string;
  step: Step;
  detail: string;
}

export const JOURNAL_LIMIT = 200;

export class Journal<Step extends string> {
  private readonly entries: JournalEntry<Step>[] = [];
  /** Entries dropped to keep the journal bounded. */
  private dropped = 0;

  /** `earlier`: entries a continued run carries over, kept with their own times. */
  constructor(
    private readonly limit = JOURNAL_LIMIT,
    earlier: JournalEntry<Step>[] = [],
  ) {
    this.entries.push(...earlier.slice(-limit).map((entry) => ({ ...entry })));
  }

  record(step: Step, detail: string): void {
    this.entries.push({ at: new Date().toISOString(), step, detail });
    if (this.entries.length > this.limit) {
      this.entries.splice(0, this.entries.length - this.limit);
      this.dropped += 1;
    }
  }

  /** The entries kept, oldest first; when some were dropped, the first says how many. */
  view(): JournalEntry<Step>[] {
    const kept = this.entries.map((entry) => ({ ...entry }));
    if (this.dropped === 0 || kept.length === 0) return kept;
    const first = kept[0];
    return [{ at: first.at, step: first.step, detail: `(${this.dropped} earlier entries not kept)` }, ...kept];
  }

  get latest(): string | undefined {
    return this.entries[this.entries.length - 1]?.detail;
  }
}
