// Event ids whose signal Temporal has already accepted, so a redelivery is answered without
// signalling again. Bounded in count and age: the workflow dedupes too, this only saves round trips.

export interface SeenEventsOptions {
  maxEntries: number;
  ttlMs: number;
  now: () => number;
}

export class SeenEvents {
  // A Map iterates in insertion order, so its first key is always the oldest entry.
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly options: SeenEventsOptions) {}

  has(eventId: string): boolean {
    const at = this.seenAt.get(eventId);
    if (at === undefined) return false;
    if (this.options.now() - at > this.options.ttlMs) {
      this.seenAt.delete(eventId);
      return false;
    }
    return true;
  }

  add(eventId: string): void {
    this.seenAt.delete(eventId);
    this.seenAt.set(eventId, this.options.now());
    this.evict();
  }

  get size(): number {
    return this.seenAt.size;
  }

  private evict(): void {
    const now = this.options.now();
    for (const [eventId, at] of this.seenAt) {
      if (this.seenAt.size <= this.options.maxEntries && now - at <= this.options.ttlMs) return;
      this.seenAt.delete(eventId);
    }
  }
}
