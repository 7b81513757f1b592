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

  constructor(
    private readonly connNode: string,
    private readonly rooms: Rooms,
    private readonly link: LogicLink,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.reportAll().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** A full snapshot to every logic node (the periodic report, named onlineproc in the logs). */
  async reportAll(): Promise<void> {
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
