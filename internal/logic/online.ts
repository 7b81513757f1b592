// Cluster-wide online counts, built from the conn nodes' periodic reports.
// It also answers which conn nodes hold members of a room, so job pushes only to those.

interface NodeRooms {
  rooms: Map<string, number>;
  /** A full snapshot arrived: rooms missing from it have no members on the node. */
  complete: boolean;
  reportedAt: number;
}

export class OnlineTable {
  private readonly nodes = new Map<string, NodeRooms>();
  private readonly totals = new Map<string, number>();

  constructor(
    private readonly expireMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The conn nodes the registry lists. Nodes not listed any more are forgotten; new ones count as unknown until they report. */
  setNodes(ids: readonly string[]): void {
    const keep = new Set(ids);
    for (const id of [...this.nodes.keys()]) if (!keep.has(id)) this.forget(id);
    for (const id of ids) if (!this.nodes.has(id)) this.nodes.set(id, { rooms: new Map(), complete: false, reportedAt: this.now() });
  }

  /** Applies a report: a full snapshot replaces the node's rooms, a delta updates the rooms it names. */
  report(nodeId: string, rooms: ReadonlyMap<string, number>, full: boolean): void {
    let node = this.nodes.get(nodeId);
    if (!node) {
      node = { rooms: new Map(), complete: false, reportedAt: this.now() };
      this.nodes.set(nodeId, node);
    }
    if (full) {
      for (const [room, n] of node.rooms) this.add(room, -n);
      node.rooms.clear();
      node.complete = true;
    }
    for (const [room, n] of rooms) {
      const old = node.rooms.get(room) ?? 0;
      const count = Math.max(0, n | 0);
      this.add(room, count - old);
      if (count > 0) node.rooms.set(room, count);
      else node.rooms.delete(room);
    }
    node.reportedAt = this.now();
  }

  /** The conn node has reported (or the registry lists it). */
  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Members of the room across the cluster. */
  total(room: string): number {
    this.expire();
    return this.totals.get(room) ?? 0;
  }

  /** The conn nodes that may hold members of the room: those whose report says so, and those that have not reported in full yet. */
  targets(room: string): string[] {
    this.expire();
    const out: string[] = [];
    for (const [id, node] of this.nodes) if (!node.complete || (node.rooms.get(room) ?? 0) > 0) out.push(id);
    return out;
  }

  private expire(): void {
    const cutoff = this.now() - this.expireMs;
    for (const node of this.nodes.values()) {
      if (node.complete && node.reportedAt < cutoff) {
        // Silent for too long: its counts are stale, but it may still hold members, so route to it until the registry drops it.
        for (const [room, n] of node.rooms) this.add(room, -n);
        node.rooms.clear();
        node.complete = false;
      }
    }
  }

  private forget(id: string): void {
    const node = this.nodes.get(id);
    if (!node) return;
    for (const [room, n] of node.rooms) this.add(room, -n);
    this.nodes.delete(id);
  }

  private add(room: string, delta: number): void {
    if (delta === 0) return;
    const t = (this.totals.get(room) ?? 0) + delta;
    if (t > 0) this.totals.set(room, t);
    else this.totals.delete(room);
  }
}
