// Room history on a conn node (protocol 2): recovery for a member entering a room it was in before (SIGN_IN or
// SUBSCRIBE with a position), and HISTORY pages. Recovery keeps the room's batches that arrive while history is read,
// then sends the missed messages, then the kept batches from after them, and only then lets the member listen to
// the room's topics, all in one turn: the missed and the live messages meet with no gap and nothing twice.
import type { RoomBatch } from "@roomcast/pkg/link";
import { HistoryUnavailable, readPage, type History, type StoredMessage } from "@roomcast/pkg/history";
import { TurnBatcher } from "@roomcast/pkg/batch";
import {
  packMessages,
  unpackMessages,
  type HistoryPage,
  type HistoryQuery,
  MsgLevel,
  type NotRecovered,
  type Outgoing,
  type Position,
  type Recovery,
  type Wire,
} from "@roomcast/pkg/protocol";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";
import type { Rooms } from "./room";

export interface HistoryLimits {
  /** Most messages one recovery delivers: a member that missed more is told "limit". */
  recoverMax: number;
  /** Most messages one HISTORY page carries. */
  maxPage: number;
}

/** Where a recovered member's frames go. */
export interface Recipient {
  wire: Wire;
  send(frame: Outgoing): void;
}

/**
 * How long after a recovery its member still gets the room's batches one by one, trimmed at the seam, before it
 * listens to the room's topics: a batch stored before the read reaches the node within a few ms of it unless job
 * had to retry its push.
 */
const SEAM_MS = 1_000;

const notRecovered = (reason: NotRecovered, epoch = "", offset = 0): Recovery => ({ recovered: false, reason, epoch, offset, count: 0 });

/**
 * Reads asked in one turn under the same key share one store call: after a conn node dies, the members of a room
 * reconnect together and ask to recover from the same position. Gathered per turn, never shared with a read already
 * under way, so every read starts after its member began keeping the room's batches (the seam holds).
 */
const sharedPerTurn = <A, T>(read: (args: A) => Promise<T>) =>
  new TurnBatcher<string, A, T>(async (_key, asks) => {
    const r = await read(asks[0]!);
    return asks.map(() => r);
  });

export class RoomHistory {
  private readonly recoveries: Counter<"result">;
  /** A room's messages after a position (keyed by room, epoch and offset). */
  private readonly sinceReads = sharedPerTurn((from: Position & { room: string }) =>
    this.history!.since(from.room, from.epoch, from.offset, this.limits.recoverMax),
  );
  /** A room's position alone (keyed by room). */
  private readonly positionReads = sharedPerTurn((room: string) => this.history!.position(room));

  constructor(
    private readonly history: History | undefined,
    private readonly rooms: Rooms,
    private readonly limits: HistoryLimits,
    private readonly log: Logger,
    registry: Registry,
  ) {
    this.recoveries = new Counter({
      name: "roomcast_conn_recoveries_total",
      help: "recoveries asked for, by outcome: recovered, or why not (epoch, trimmed, future, limit, unavailable, none)",
      labelNames: ["result"],
      registers: [registry],
    });
  }

  /** Whether the room keeps history (never the broadcast room or a connection's room: RetentionRules). */
  keeps(room: string): boolean {
    return !!this.history?.keeps(room);
  }

  /**
   * Recovers `room` from `from` for a member entering it without listening yet. `entered` announces the member
   * (false: the member went away, nothing is sent); `listen` subscribes it to the room's topics. Answers the outcome,
   * or undefined when `entered` said false or `alive` turned false while history was read.
   */
  async recover(
    room: string,
    from: Position,
    to: Recipient,
    entered: () => Promise<boolean>,
    alive: () => boolean,
    listen: () => void,
  ): Promise<Recovery | undefined> {
    const kept: RoomBatch[] = [];
    let forward: ((b: RoomBatch) => void) | undefined;
    const unwatch = this.rooms.watch(room, (b) => (forward ? forward(b) : kept.push(b)));
    let handedOver = false;
    try {
      if (!(await entered())) return undefined;
      const { recovery, messages } = await this.missed(room, from);
      if (!alive()) return undefined;
      const ack = this.rooms.acked?.(room) ?? false;
      for (const frame of storedFrames(room, recovery.epoch, messages, to.wire, ack)) to.send(frame);
      const send = (b: RoomBatch) => {
        const after = recovery.recovered ? laterPart(b, recovery.epoch, recovery.offset) : b;
        const meta = ack && b.msgLv === MsgLevel.IMPORTANT ? { ...after, ack } : after;
        if (after) to.send(to.wire.delivery(room, after.msgLv, after.packed, meta));
      };
      for (const b of kept) send(b);
      // A batch stored before history was read may still be on its way from job: for SEAM_MS more the member gets
      // the room's batches from here, trimmed at the seam, and only then listens to the room's topics (in one turn).
      forward = (b) => alive() && send(b);
      handedOver = true;
      setTimeout(() => {
        unwatch();
        if (alive()) listen();
      }, SEAM_MS).unref();
      this.recoveries.inc({ result: recovery.recovered ? "recovered" : recovery.reason });
      return recovery;
    } finally {
      if (!handedOver) unwatch();
    }
  }

  /** A HISTORY page: after a position, or the newest messages; `reason` says why there are none to give. */
  async page(q: HistoryQuery): Promise<HistoryPage> {
    const room = q.roomID;
    const keeps = this.keeps(room) ? this.history : undefined;
    const p = await readPage(keeps, { room, limit: q.limit, ...(q.since ? { since: q.since } : {}) }, this.limits.maxPage);
    return { roomID: room, epoch: p.epoch, offset: p.offset, messages: p.messages.map(pageMessage), more: p.more, reason: p.reason };
  }

  /** The messages after `from`, or why they cannot be given. */
  private async missed(room: string, from: Position): Promise<{ recovery: Recovery; messages: StoredMessage[] }> {
    if (!this.keeps(room)) return { recovery: notRecovered("none"), messages: [] };
    let s;
    try {
      // An empty epoch: the member has nothing of the room yet, and asks only where it stands.
      if (from.epoch === "") {
        const p = await this.positionReads.add(room, room);
        return { recovery: { recovered: true, reason: "", epoch: p.epoch, offset: p.offset, count: 0 }, messages: [] };
      }
      s = await this.sinceReads.add(`${room}\0${from.epoch}\0${from.offset}`, { room, epoch: from.epoch, offset: from.offset });
    } catch (err) {
      if (!(err instanceof HistoryUnavailable)) throw err;
      this.log.warn({ err, roomID: room }, "history.since failed: recovery answered unavailable");
      return { recovery: notRecovered("unavailable"), messages: [] };
    }
    if (!s.ok) return { recovery: notRecovered(s.reason, s.epoch, s.offset), messages: [] };
    if (s.more) return { recovery: notRecovered("limit", s.epoch, s.offset), messages: [] };
    const recovery: Recovery = { recovered: true, reason: "", epoch: s.epoch, offset: s.offset, count: s.messages.length };
    return { recovery, messages: s.messages };
  }
}

const pageMessage = (m: StoredMessage) => ({
  offset: m.offset,
  id: m.id,
  type: m.type,
  msgLv: m.level as MsgLevel,
  data: m.data,
  ts: m.ts,
  uid: m.uid,
});

/**
 * Stored messages as delivery frames: one per run of the same level and consecutive offsets (a recall leaves a hole).
 * `ack`: IMPORTANT frames ask to be acknowledged (an acked room).
 */
export function storedFrames(room: string, epoch: string, messages: readonly StoredMessage[], wire: Wire, ack = false): Outgoing[] {
  const frames: Outgoing[] = [];
  let run: StoredMessage[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const types = run.map((m) => m.type);
    const important = run[0]!.level === MsgLevel.IMPORTANT;
    const meta = {
      ids: run.map((m) => m.id),
      epoch,
      first: run[0]!.offset,
      ...(types.some((t) => t) ? { types } : {}),
      ...(ack && important ? { ack } : {}),
    };
    frames.push(wire.delivery(room, run[0]!.level as MsgLevel, packMessages(run.map((m) => m.data)), meta));
    run = [];
  };
  for (const m of messages) {
    const last = run[run.length - 1];
    if (last && (last.level !== m.level || last.offset + 1 !== m.offset)) flush();
    run.push(m);
  }
  flush();
  return frames;
}

/** The part of a batch after `offset` in `epoch` (undefined when none is); a batch of another epoch or none is whole. */
function laterPart(b: RoomBatch, epoch: string, offset: number): RoomBatch | undefined {
  if (!b.epoch || b.epoch !== epoch || b.first === undefined) return b;
  const skip = offset - b.first + 1;
  if (skip <= 0) return b;
  if (skip >= b.count) return undefined;
  const messages = unpackMessages(b.packed).slice(skip);
  return {
    ...b,
    packed: packMessages(messages),
    count: messages.length,
    first: b.first + skip,
    ...(b.ids ? { ids: b.ids.slice(skip) } : {}),
    ...(b.types ? { types: b.types.slice(skip) } : {}),
  };
}
