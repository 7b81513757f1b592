// Which conn nodes failed a push lately. A node that failed gets no pushes until its back-off ends, then one probe at
// a time until a push succeeds; meanwhile its deliveries fail at once. So a node that accepts TCP but never answers
// holds one push until the deadline, not job's in-flight slots for every message.
export class ConnHealth {
  private readonly down = new Map<string, { until: number; backoffMs: number; probing: boolean }>();

  constructor(
    private readonly minBackoffMs: number,
    private readonly maxBackoffMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a push to the node may go now; true for a node that failed means this push is its probe. */
  allow(conn: string): boolean {
    const d = this.down.get(conn);
    if (!d) return true;
    if (d.probing || d.until > this.now()) return false;
    d.probing = true;
    return true;
  }

  failed(conn: string): void {
    const prev = this.down.get(conn);
    const backoffMs = prev ? Math.min(this.maxBackoffMs, prev.backoffMs * 2) : this.minBackoffMs;
    this.down.set(conn, { until: this.now() + backoffMs, backoffMs, probing: false });
  }

  ok(conn: string): void {
    this.down.delete(conn);
  }
}
