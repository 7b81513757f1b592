// Acknowledged delivery (protocol 2) for rooms configured as acked (history.ackedRooms, e.g. "user:*"): each
// IMPORTANT message such a room delivers to a connection waits for the connection's ACK and is sent again every
// history.redeliverAfterMs until it comes; what a user has not acknowledged when it connects again (its inbox, kept
// in the room's history) is delivered at once. Acknowledgements are kept per uid in the history store.
import type { RoomBatch } from "@roomcast/pkg/link";
import type { History, StoredMessage } from "@roomcast/pkg/history";
import { MsgLevel, packMessages, unpackMessages, type Outgoing, type Wire } from "@roomcast/pkg/protocol";
import { roomsClaimAllows } from "@roomcast/pkg/token";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";

export interface AckSettings {
  /** Rooms (names, or prefixes ending in "*") whose IMPORTANT messages must be acknowledged. */
  rooms: readonly string[];
  redeliverAfterMs: number;
  /** Unacknowledged messages one connection may have; past it the oldest is given up on (counted). */
  maxPending: number;
  /** Most inbox messages delivered when a connection enters an acked room. */
  inboxMax: number;
}

interface Waiting {
  room: string;
  data: Uint8Array;
  type: string;
  epoch: string;
  offset: number;
  due: number;
}

/** The node's side: settings, the store, and the counters. */
export class Acks {
  private readonly counted: Counter<"event">;

  constructor(
    readonly settings: AckSettings,
    private readonly history: History | undefined,
    private readonly log: Logger,
    registry: Registry,
  ) {
    this.counted = new Counter({
      name: "roomcast_conn_acks_total",
      help: "acknowledged delivery, by event: acked (ids a client acknowledged), redelivered, inbox (sent at entry), given_up (over maxPending)",
      labelNames: ["event"],
      registers: [registry],
    });
  }

  /** Whether the room's IMPORTANT messages must be acknowledged. */
  acked(room: string): boolean {
    return this.settings.rooms.length > 0 && roomsClaimAllows(this.settings.rooms, room);
  }

  count(event: "acked" | "redelivered" | "inbox" | "given_up", n = 1): void {
    if (n > 0) this.counted.inc({ event }, n);
  }

  /** What `uid` has not acknowledged in the room; nothing while the store is away (the next entry tries again). */
  async inbox(room: string, uid: string): Promise<StoredMessage[]> {
    if (!this.history) return [];
    try {
      return await this.history.unacked(room, uid, this.settings.inboxMax);
    } catch (err) {
      this.log.warn({ err, roomID: room, uid }, "history.unacked failed: the inbox is delivered at the next entry");
      return [];
    }
  }

  /** Keeps `uid`'s acknowledgements; a failure is logged (the messages come again at its next entry). */
  store(room: string, uid: string, ids: string[]): void {
    this.count("acked", ids.length);
    this.history?.ack(room, uid, ids).catch((err: unknown) => this.log.warn({ err, roomID: room, uid }, "history.ack failed"));
  }
}

/** One connection's messages waiting for its ACK. */
export class PendingAcks {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly acks: Acks) {}

  /** An IMPORTANT batch of an acked room reached the connection: each message with an id waits for its ACK. */
  track(b: RoomBatch, now: number): void {
    if (b.msgLv !== MsgLevel.IMPORTANT || !b.ids || b.ids.length === 0) return;
    const data = b.count === 1 ? [b.packed] : unpackMessages(b.packed);
    b.ids.forEach((id, i) => {
      const packed = b.count === 1 ? data[0]! : packMessages([data[i]!]);
      this.wait(
        id,
        { room: b.roomID, data: packed, type: b.types?.[i] ?? "", epoch: b.epoch ?? "", offset: b.epoch ? b.first! + i : 0 },
        now,
      );
    });
  }

  /** Inbox messages sent at entry wait the same way. */
  trackStored(room: string, epoch: string, m: StoredMessage, now: number): void {
    this.wait(m.id, { room, data: packMessages([m.data]), type: m.type, epoch, offset: m.offset }, now);
  }

  /** The ids acknowledged, by room (ids this connection was not waiting for are ignored). */
  ack(ids: readonly string[]): Map<string, string[]> {
    const byRoom = new Map<string, string[]>();
    for (const id of ids) {
      const w = this.waiting.get(id);
      if (!w) continue;
      this.waiting.delete(id);
      const list = byRoom.get(w.room);
      if (list) list.push(id);
      else byRoom.set(w.room, [id]);
    }
    return byRoom;
  }

  /** Frames of the messages whose wait is over, each due again a wait later. */
  due(now: number, wire: Wire): Outgoing[] {
    const frames: Outgoing[] = [];
    for (const [id, w] of this.waiting) {
      if (w.due > now) continue;
      w.due = now + this.acks.settings.redeliverAfterMs;
      const meta = {
        ids: [id],
        ack: true,
        ...(w.type ? { types: [w.type] } : {}),
        ...(w.epoch ? { epoch: w.epoch, first: w.offset } : {}),
      };
      frames.push(wire.delivery(w.room, MsgLevel.IMPORTANT, w.data, meta));
    }
    this.acks.count("redelivered", frames.length);
    return frames;
  }

  /** The connection left the room: its messages there no longer wait (they stay in the inbox). */
  forget(room: string): void {
    for (const [id, w] of this.waiting) if (w.room === room) this.waiting.delete(id);
  }

  size(): number {
    return this.waiting.size;
  }

  private wait(id: string, w: Omit<Waiting, "due">, now: number): void {
    if (this.waiting.has(id)) return;
    this.waiting.set(id, { ...w, due: now + this.acks.settings.redeliverAfterMs });
    if (this.waiting.size > this.acks.settings.maxPending) {
      this.waiting.delete(this.waiting.keys().next().value!);
      this.acks.count("given_up");
    }
  }
}
