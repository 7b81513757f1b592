// The state every session shares and the small tools its request handlers use: answering, counting bad frames,
// refusals from logic, room access. Session (session.ts) and its room requests (session_rooms.ts) build on it.
import {
  CloseCode,
  ErrCode,
  MsgLevel,
  PackageType,
  RoomcastError,
  protoWire,
  utf8Encode,
  type AnswerExtra,
  type Wire,
} from "@roomcast/pkg/protocol";
import { LogThrottle, type Logger } from "@roomcast/pkg/log";
import type { LogicLink, RoomAccess } from "@roomcast/pkg/link";
import { authorizeRoom, roomsClaimAllows, userRoom } from "@roomcast/pkg/token";
import type { Admission } from "./admission";
import { Bucket } from "./bucket";
import { Memberships } from "./memberships";
import type { OnlineReporter } from "./online";
import type { ClusterPresence } from "./presence";
import { storedFrames, type RoomHistory } from "./recovery";
import { PendingAcks, type Acks } from "./acks";
import type { Rooms } from "./room";
import type { Transport } from "./transport";

/**
 * A failure that every connection meets at once (logic away or swamped in a reconnect storm) is logged once a second
 * per kind, with how many were left out: one line each, with its stack, was itself a good part of the storm's CPU.
 */
const refusalLogs = new Map<string, LogThrottle>();
export const throttleOf = (what: string): LogThrottle => {
  let t = refusalLogs.get(what);
  if (!t) refusalLogs.set(what, (t = new LogThrottle()));
  return t;
};

export interface SessionLimits {
  maxMessageBytes: number;
  maxBadFrames: number;
  messagesPerSec: number;
  messageBurst: number;
  /** Rooms a connection may be in at once (protocol 2), its user:<uid> room not counted. */
  maxRooms: number;
}

export interface SessionCounters {
  signIns: number;
  signInFailures: number;
  messagesIn: number;
  badFrames: number;
}

export interface SessionDeps {
  logic: LogicLink;
  rooms: Rooms;
  online: OnlineReporter;
  limits: SessionLimits;
  counters: SessionCounters;
  log: Logger;
  /** How long sign-in waits for logic to learn that this node now holds the room. */
  announceTimeoutMs: number;
  /** Per-uid connection cap and message rate across a uid's connections (absent: neither is enforced). */
  admission?: Admission;
  /** This conn node's id: a connection's id is `<node id>.<session key>`, so logic routes conn:<connID> pushes here. */
  connNode: string;
  /** PRESENCE across the cluster (absent: not served, 102 as an unknown type). */
  presence?: ClusterPresence;
  /** Rooms (names, or prefixes ending in "*") whose members get "$join" / "$leave" events. */
  presenceEvents?: readonly string[];
  /** Room history (protocol 2): recovery on SIGN_IN and SUBSCRIBE, HISTORY pages. Absent: no room keeps any. */
  history?: RoomHistory;
  /** Acknowledged delivery for the rooms configured as acked (absent: none are). */
  acks?: Acks;
}

type State = "new" | "signing" | "in" | "closed";

export abstract class SessionBase {
  state: State = "new";
  uid = "";
  /** The room signed in to ("" = none, protocol 2); REFRESH checks the fresh token against it. */
  roomID = "";
  /** protocol 2: services push to this one connection as conn:<connID>; set at sign-in. */
  connID = "";
  lastActive: number;
  readonly openedAt: number;
  /** Since when the send buffer is over the soft limit; 0 when it is not. */
  slowSince = 0;
  /** The client's remote address, as uWS saw it at the upgrade (the per-IP limits count by it). */
  ip = "";
  /** When the connection's token expires, ms since the epoch (its `exp`; REFRESH moves it); 0 before sign-in. */
  expiresAt = 0;
  /** The client was told (108) that its token expired. */
  protected expiryTold = false;
  protected badFrames = 0;
  /** MESSAGE and REFRESH rate. */
  protected readonly sends: Bucket;
  /** SUBSCRIBE rate: a burst of a whole room cap, so a reconnecting client rejoins all its rooms at once. */
  protected readonly joins: Bucket;
  /** Which rooms the token may SUBSCRIBE to, as logic answered at sign-in (and REFRESH). */
  protected access: RoomAccess = { openRooms: false };
  protected readonly rooms: Memberships;
  /** SUBSCRIBEs waiting for logic (or recovering), by room: a second SUBSCRIBE to the room is answered after. */
  protected readonly entering = new Map<string, Promise<unknown>>();
  /** Messages of acked rooms waiting for this connection's ACK, and how it stops watching each such room. */
  protected pending?: PendingAcks;
  private readonly ackWatches = new Map<string, () => void>();

  constructor(
    readonly key: string,
    protected readonly transport: Transport,
    protected readonly deps: SessionDeps,
    now = Date.now(),
    readonly wire: Wire = protoWire,
  ) {
    this.rooms = new Memberships(transport, deps.rooms, wire.name === "json");
    this.lastActive = now;
    this.openedAt = now;
    const { messagesPerSec, messageBurst, maxRooms } = deps.limits;
    this.sends = new Bucket(messagesPerSec, messageBurst, now);
    this.joins = new Bucket(messagesPerSec, maxRooms, now);
  }

  /** State can change while a call to logic is awaited; read it afresh. */
  isClosed(): boolean {
    return this.state === "closed";
  }

  /** The rooms this connection is in (user:<uid> included), for tests and the ops view. */
  roomList(): string[] {
    return this.rooms.list();
  }

  /**
   * The room a SUBSCRIBE, UNSUBSCRIBE, PRESENCE or MEMBERS names ("" when `optional` and it names none); undefined
   * once a malformed one was answered 102. A well-formed request resets the run of bad frames.
   */
  protected roomOf(body: unknown, id: number, optional = false): string | undefined {
    let room;
    try {
      room = this.wire.room(body, optional);
    } catch (err) {
      this.bad(err, id);
      return undefined;
    }
    this.badFrames = 0;
    return room;
  }

  /** Throws 107 unless the token's access allows the room; the connection's own user:<uid> is always its own. */
  protected authorize(room: string, access: RoomAccess): void {
    if (room !== userRoom(this.uid)) authorizeRoom({ uid: this.uid, rooms: access.rooms }, room, access.openRooms);
  }

  /** A "$join" / "$leave" event to a room configured for them (ws.presenceEvents); a failure is logged, not answered. */
  protected tell(room: string, event: string): void {
    const rooms = this.deps.presenceEvents;
    if (!rooms || rooms.length === 0 || !roomsClaimAllows(rooms, room)) return;
    const { uid } = this;
    this.deps.logic
      .submit({ uid, roomID: room, msgLv: MsgLevel.NORMAL, data: utf8Encode(uid), type: event })
      .catch((err: unknown) => this.deps.log.warn({ err, uid, roomID: room, event }, "presence event not sent"));
  }

  /**
   * The refusal a client sees for a failed call to logic: a RoomcastError as it is (logic's refusal, or the link's
   * temporary 500 when logic is unreachable), anything else as a 500 with `retry` for its text. Temporary failures
   * are logged with what failed.
   */
  protected refusal(err: unknown, retry: string, what: string, roomID?: string): RoomcastError {
    const e = err instanceof RoomcastError ? err : new RoomcastError(ErrCode.INTERNAL, retry, { cause: err });
    if (e.temporary) throttleOf(what).maybe((skipped) => this.deps.log.error({ err, key: this.key, uid: this.uid, roomID, skipped }, what));
    return e;
  }

  /**
   * In a room configured as acked (or just signed in to one), the room's IMPORTANT messages wait for this
   * connection's ACK from now on, and what its uid has not acknowledged there (its inbox) is sent at once.
   */
  protected watchAcks(room: string): void {
    const acks = this.deps.acks;
    if (!acks || !acks.acked(room) || this.ackWatches.has(room)) return;
    const pending = (this.pending ??= new PendingAcks(acks));
    this.ackWatches.set(
      room,
      this.deps.rooms.watch(room, (b) => pending.track(b, Date.now())),
    );
    const uid = this.uid;
    void acks.inbox(room, uid).then((messages) => {
      if (this.state !== "in" || !this.ackWatches.has(room) || messages.length === 0) return;
      const now = Date.now();
      const epoch = ""; // inbox frames carry no position: they may be older than what the connection recovered
      for (const frame of storedFrames(room, epoch, messages, this.wire, true)) this.transport.send(frame);
      for (const m of messages) pending.trackStored(room, epoch, m, now);
      acks.count("inbox", messages.length);
    });
  }

  /** Out of the room: its messages no longer wait for this connection (they stay in its uid's inbox). */
  protected unwatchAcks(room: string): void {
    this.ackWatches.get(room)?.();
    this.ackWatches.delete(room);
    this.pending?.forget(room);
  }

  /** Sends again what waited past history.redeliverAfterMs for this connection's ACK (the server's sweep calls it). */
  redeliver(now: number): void {
    if (this.state !== "in" || !this.pending) return;
    for (const frame of this.pending.due(now, this.wire)) this.transport.send(frame);
  }

  protected leaveRooms(): void {
    for (const room of [...this.ackWatches.keys()]) this.unwatchAcks(room);
    this.rooms.exitAll();
    if (this.connID) this.deps.rooms.forget(this.connID);
    this.connID = "";
  }

  /**
   * Answers request `id` (none when 0) with Reply{type, Err{code, msg}}: UNKNOWN for sign-in and errors (seed 001),
   * the request's own type for REFRESH, SUBSCRIBE and UNSUBSCRIBE, whose answers a client waits for by type.
   */
  protected answer(id: number, code: number, msg?: string, type: PackageType = PackageType.UNKNOWN, extra?: AnswerExtra): void {
    this.transport.send(this.wire.answer(type, code, msg, id, extra));
  }

  /** A malformed frame: answered with its Err (with the request's id, when it had one); too many in a row close the connection. */
  protected bad(err: unknown, id = 0): void {
    const e = err instanceof RoomcastError ? err : new RoomcastError(ErrCode.MALFORMED, undefined, { cause: err });
    this.deps.counters.badFrames++;
    this.answer(id, e.code, e.message);
    this.countBad();
  }

  protected countBad(): void {
    if (++this.badFrames >= this.deps.limits.maxBadFrames) {
      this.transport.close(CloseCode.GARBAGE, "too many malformed frames");
    }
  }
}
