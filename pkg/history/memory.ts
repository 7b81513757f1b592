// History in memory, for standalone and unit tests: each room's messages in an array, trimmed by count and age.
import { randomUUID } from "node:crypto";
import type { Appended, History, NewMessage, RoomAppend, Since, StoredMessage } from "./history";
import type { RetentionRules } from "./retention";

interface RoomHistory {
  epoch: string;
  /** The newest offset given (0: none). */
  last: number;
  /** The oldest offset not trimmed: anything below is gone for recovery ("trimmed"); a recall leaves no mark here. */
  floor: number;
  /** Oldest first; a recalled message is taken out, the others keep their offsets. */
  messages: StoredMessage[];
  /** When the last message came: a room silent for its whole retention is forgotten, epoch and all. */
  touched: number;
  /** IMPORTANT messages' offsets by id, so one appended again keeps its offset. */
  important: Map<string, number>;
  /** The ids each uid acknowledged. */
  acked: Map<string, Set<string>>;
}

export class MemoryHistory implements History {
  private readonly rooms = new Map<string, RoomHistory>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly rules: RetentionRules,
    private readonly now: () => number = Date.now,
    sweepMs = 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  keeps(room: string): boolean {
    return this.rules.of(room).maxMessages > 0;
  }

  async append(batch: readonly RoomAppend[]): Promise<Appended[]> {
    return batch.map(({ room, messages }) => {
      const { maxMessages } = this.rules.of(room);
      const h = this.room(room, maxMessages > 0);
      if (!h) return { room, epoch: "", first: 0 };
      const one = messages.length === 1 && messages[0]!.level === 1 ? messages[0]! : undefined;
      if (one) {
        const had = h.important.get(one.id);
        if (had !== undefined && had >= h.floor) return { room, epoch: h.epoch, first: had };
        h.important.set(one.id, h.last + 1);
      }
      const first = h.last + 1;
      const ts = this.now();
      messages.forEach((m: NewMessage, i) => h.messages.push({ ...m, offset: first + i, ts }));
      h.last += messages.length;
      h.touched = ts;
      this.trim(room, h);
      return { room, epoch: h.epoch, first };
    });
  }

  async since(room: string, epoch: string, offset: number, limit: number): Promise<Since> {
    const h = this.room(room, false);
    if (!h || h.epoch !== epoch) return { ok: false, reason: "epoch", epoch: h?.epoch ?? "", offset: h?.last ?? 0 };
    this.trim(room, h);
    if (offset > h.last) return { ok: false, reason: "future", epoch, offset: h.last };
    if (offset + 1 < h.floor) return { ok: false, reason: "trimmed", epoch, offset: h.last };
    const after = h.messages.filter((m) => m.offset > offset);
    return { ok: true, epoch, messages: after.slice(0, limit), more: after.length > limit, offset: h.last };
  }

  async position(room: string) {
    const h = this.room(room, this.keeps(room));
    return { epoch: h?.epoch ?? "", offset: h?.last ?? 0 };
  }

  async latest(room: string, limit: number) {
    const h = this.room(room, false);
    if (!h) return { epoch: "", offset: 0, messages: [] };
    this.trim(room, h);
    return { epoch: h.epoch, offset: h.last, messages: limit > 0 ? h.messages.slice(-limit) : [] };
  }

  async remove(room: string, id: string, sender?: string): Promise<StoredMessage | "missing" | "not-yours"> {
    const h = this.room(room, false);
    const i = h ? h.messages.findIndex((m) => m.id === id) : -1;
    if (i < 0) return "missing";
    if (sender !== undefined && h!.messages[i]!.uid !== sender) return "not-yours";
    return h!.messages.splice(i, 1)[0]!;
  }

  async ack(room: string, uid: string, ids: readonly string[]): Promise<void> {
    const h = this.room(room, false);
    if (!h) return;
    let set = h.acked.get(uid);
    if (!set) h.acked.set(uid, (set = new Set()));
    for (const id of ids) set.add(id);
  }

  async unacked(room: string, uid: string, limit: number): Promise<StoredMessage[]> {
    const h = this.room(room, false);
    if (!h) return [];
    this.trim(room, h);
    const acked = h.acked.get(uid);
    return h.messages.filter((m) => m.level === 1 && !acked?.has(m.id)).slice(0, limit);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.rooms.clear();
  }

  /** The room's history; a new one (with a fresh epoch) when `create`. A room silent past its retention is forgotten first. */
  private room(room: string, create: boolean): RoomHistory | undefined {
    let h = this.rooms.get(room);
    if (h && this.now() - h.touched > this.rules.of(room).maxAgeSec * 1000) {
      this.rooms.delete(room);
      h = undefined;
    }
    if (!h && create) {
      h = { epoch: randomUUID().slice(0, 8), last: 0, floor: 1, messages: [], touched: this.now(), important: new Map(), acked: new Map() };
      this.rooms.set(room, h);
    }
    return h;
  }

  /** Drops what is over the room's count and older than its age, and moves the floor past it. */
  private trim(room: string, h: RoomHistory): void {
    const { maxMessages, maxAgeSec } = this.rules.of(room);
    const oldest = this.now() - maxAgeSec * 1000;
    let floor = Math.max(h.floor, h.last - maxMessages + 1);
    for (const m of h.messages) {
      if (m.offset >= floor && m.ts >= oldest) break;
      floor = Math.max(floor, m.offset + 1);
    }
    if (floor === h.floor) return;
    h.floor = floor;
    h.messages = h.messages.filter((m) => m.offset >= floor);
    for (const [id, offset] of h.important) if (offset < floor) h.important.delete(id);
    for (const set of h.acked.values()) for (const id of set) if ((h.important.get(id) ?? 0) < floor) set.delete(id);
  }

  private sweep(): void {
    for (const room of [...this.rooms.keys()]) this.room(room, false);
  }
}
