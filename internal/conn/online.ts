// Reports this node's per-room member counts to logic and keeps the cluster totals logic answers,
// so MEMBERS is answered locally, at most one report interval stale.
import type { Logger } from "@roomcast/pkg/log";
import type { LogicLink } from "@roomcast/pkg/link";
import type { Rooms } from "./room";

interface Total {
  /** Members across the cluster when logic answered. */
  cluster: number;
  /** This node's count that logic had then. */
  local: number;
}

export class OnlineReporter {
  private readonly totals = new Map<string, Total>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** Announces under way, by room: members that join meanwhile wait for the same answer. */
  private readonly announcing = new Map<string, Promise<void>>();
  /** Rooms whose count changed since the last report, sent as one delta every changesIntervalMs. */
  private readonly changed = new Set<string>();
  private changesTimer?: NodeJS.Timeout;

  constructor(
    private readonly connNode: string,
    private readonly rooms: Rooms,
    private readonly link: LogicLink,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly changesIntervalMs = 0,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.reportAll().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
    if (this.changesIntervalMs > 0) {
      this.changesTimer = setInterval(() => {
        if (!this.running && this.changed.size > 0) this.running = this.reportChanges().finally(() => (this.running = undefined));
      }, this.changesIntervalMs);
      this.changesTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.changesTimer);
    await this.running;
  }

  /** A room's count changed on this node: it goes out with the next delta (changesprocess, online.changesIntervalMs). */
  touch(room: string): void {
    if (this.changesIntervalMs > 0) this.changed.add(room);
  }

  /** The rooms that changed, with their counts now (0 = none left here), to every logic node. */
  private async reportChanges(): Promise<void> {
    const rooms = new Map<string, number>();
    for (const room of this.changed) rooms.set(room, this.rooms.count(room));
    this.changed.clear();
    try {
      const res = await this.link.reportOnline({ connNode: this.connNode, rooms, full: false });
      for (const [room, local] of rooms) this.totals.set(room, { cluster: res.rooms.get(room) ?? local, local });
    } catch (err) {
      // The next full report carries them.
      this.log.warn({ err, rooms: rooms.size }, "onlineproc: reporting changes failed");
    }
  }

  /** A full snapshot to every logic node (the periodic report, named onlineproc in the logs). */
  async reportAll(): Promise<void> {
    this.changed.clear();
    const rooms = this.rooms.snapshot();
    try {
      const res = await this.link.reportOnline({ connNode: this.connNode, rooms, full: true });
      this.totals.clear();
      for (const [room, local] of rooms) this.totals.set(room, { cluster: res.rooms.get(room) ?? local, local });
    } catch (err) {
      this.log.warn({ err, rooms: rooms.size }, "onlineproc: reportOnline failed");
    }
  }

  /**
   * Resolves once logic knows that this node holds the room, so messages published from then on are routed here.
   * The room's first member here (`first`) tells logic at once; a member joining while that is under way waits for
   * the same answer, and fails with it. Rejects when logic failed or did not answer within `timeoutMs`.
   */
  joined(room: string, first: boolean, timeoutMs: number): Promise<void> {
    if (!first) return this.announcing.get(room) ?? Promise.resolve();
    const told = withDeadline(this.announce(room), timeoutMs, `logic did not confirm room "${room}" within ${timeoutMs} ms`).finally(() => {
      if (this.announcing.get(room) === told) this.announcing.delete(room);
    });
    this.announcing.set(room, told);
    return told;
  }

  /** Tells logic at once that this node now holds the room. */
  private async announce(room: string): Promise<void> {
    const local = this.rooms.count(room);
    const res = await this.link.reportOnline({ connNode: this.connNode, rooms: new Map([[room, local]]), full: false });
    this.totals.set(room, { cluster: res.rooms.get(room) ?? local, local });
  }

  /** Members of the room across the cluster: the other nodes' last reported counts plus this node's live count. */
  members(room: string): number {
    const t = this.totals.get(room);
    const others = t ? Math.max(0, t.cluster - t.local) : 0;
    return others + this.rooms.count(room);
  }
}

function withDeadline(p: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
