// The ids of the IMPORTANT messages a conn node delivered lately, so the same message pushed again (its other copy,
// or a redelivery after an acknowledgement was lost) reaches the node's members once.

export interface SeenIdsLimits {
  /** An id is forgotten this long after it was delivered. */
  windowMs: number;
  /** At most this many ids are kept; the oldest go first. */
  maxIds: number;
}

/** Ten minutes covers a requeue back-off, a message timeout and an nsqd restart; 100,000 ids take about 10 MB. */
export const defaultSeenIdsLimits: SeenIdsLimits = { windowMs: 10 * 60_000, maxIds: 100_000 };

export class SeenIds {
  /** id → when it was delivered; a Map keeps insertion order, so the oldest come first. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly limits: SeenIdsLimits = defaultSeenIdsLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when every id was delivered within the window; otherwise remembers them all and returns false. */
  allSeen(ids: readonly string[]): boolean {
    const now = this.now();
    this.forgetOld(now);
    if (ids.length > 0 && ids.every((id) => this.seen.has(id))) return true;
    for (const id of ids) {
      // Re-inserted, so the Map stays in delivery order.
      this.seen.delete(id);
      this.seen.set(id, now);
    }
    while (this.seen.size > this.limits.maxIds) this.seen.delete(this.seen.keys().next().value!);
    return false;
  }

  size(): number {
    return this.seen.size;
  }

  private forgetOld(now: number): void {
    for (const [id, at] of this.seen) {
      if (now - at < this.limits.windowMs) break;
      this.seen.delete(id);
    }
  }
}
