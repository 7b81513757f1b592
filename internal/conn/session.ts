// One client connection's protocol: sign-in, heartbeats, messages, MEMBERS, and protocol 2's SUBSCRIBE and
// UNSUBSCRIBE (docs/design.md, "Client protocol", "Protocol 2"). Works on a Transport, so it is tested without sockets.
import {
  BROADCAST_ROOM,
  CONN_ROOM_PREFIX,
  CloseCode,
  ErrCode,
  MsgLevel,
  PackageType,
  PresenceEvent,
  RoomcastError,
  connID,
  protoWire,
  utf8Encode,
  type AnswerExtra,
  type Position,
  type Recovery,
  type Wire,
} from "@roomcast/pkg/protocol";
import type { Logger } from "@roomcast/pkg/log";
import type { LogicLink, RoomAccess } from "@roomcast/pkg/link";
import { authorizeRoom, roomsClaimAllows, userRoom } from "@roomcast/pkg/token";
import type { Admission } from "./admission";
import { Bucket } from "./bucket";
import { Memberships } from "./memberships";
import type { OnlineReporter } from "./online";
import type { ClusterPresence } from "./presence";
import type { RoomHistory } from "./recovery";
import type { Rooms } from "./room";
import type { Transport } from "./transport";

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
}

type State = "new" | "signing" | "in" | "closed";

export class Session {
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
  private expiryTold = false;
  private badFrames = 0;
  /** MESSAGE and REFRESH rate. */
  private readonly sends: Bucket;
  /** SUBSCRIBE rate: a burst of a whole room cap, so a reconnecting client rejoins all its rooms at once. */
  private readonly joins: Bucket;
  /** Which rooms the token may SUBSCRIBE to, as logic answered at sign-in (and REFRESH). */
  private access: RoomAccess = { openRooms: false };
  private readonly rooms: Memberships;
  /** SUBSCRIBEs waiting for logic (or recovering), by room: a second SUBSCRIBE to the room is answered after. */
  private readonly entering = new Map<string, Promise<unknown>>();

  constructor(
    readonly key: string,
    private readonly transport: Transport,
    private readonly deps: SessionDeps,
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

  /** One frame from the client. Never throws: every failure becomes an Err reply or a close. */
  onFrame(bytes: Uint8Array, isBinary: boolean, now = Date.now()): void {
    if (this.state === "closed") return;
    this.lastActive = now;
    let frame;
    try {
      frame = this.wire.request(bytes, isBinary);
    } catch (err) {
      return this.bad(err);
    }
    // Every answer to this frame carries its id (protocol 2); a seed-001 client sends none and sees none.
    const { id, body } = frame;
    if (frame.type === PackageType.SIGN_IN) return void this.signIn(body, id);
    if (this.state !== "in") return this.answer(id, ErrCode.SIGN_IN_FIRST);
    switch (frame.type) {
      case PackageType.HEARTBEAT:
        this.badFrames = 0;
        return this.transport.send(this.wire.pong(id));
      case PackageType.MESSAGE:
        return void this.message(body, now, id);
      case PackageType.REFRESH:
        return void this.refresh(body, now, id);
      case PackageType.MEMBERS:
        return this.members(body, id);
      case PackageType.SUBSCRIBE:
        return void this.subscribe(body, now, id);
      case PackageType.UNSUBSCRIBE:
        return this.unsubscribe(body, id);
      case PackageType.PRESENCE:
        if (this.deps.presence) return void this.presence(this.deps.presence, body, id);
        break;
      case PackageType.HISTORY:
        return void this.historyPage(body, now, id);
    }
    return this.bad(new RoomcastError(ErrCode.MALFORMED, `malformed frame: unknown type ${frame.type}`), id);
  }

  /** The socket closed (any reason). */
  onClose(): void {
    const wasIn = this.state === "in";
    this.state = "closed";
    if (!wasIn) return;
    for (const room of this.rooms.list()) this.tell(room, PresenceEvent.LEAVE);
    this.leaveRooms();
  }

  /** Leaves the NORMAL topics while the socket is slow, and comes back once it drained. */
  setSlow(slow: boolean, now = Date.now()): void {
    if (this.state !== "in" || slow === this.slowSince > 0) return;
    this.slowSince = slow ? now : 0;
    this.rooms.setSlow(slow);
  }

  /** The rooms this connection is in (user:<uid> included), for tests and the ops view. */
  roomList(): string[] {
    return this.rooms.list();
  }

  private async signIn(body: unknown, id: number): Promise<void> {
    if (this.state === "in" || this.state === "signing") return this.answer(id, ErrCode.ALREADY_SIGNED_IN);
    let req;
    try {
      req = this.wire.signIn(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.state = "signing";
    let uid: string;
    let exp: number;
    let access: RoomAccess;
    try {
      ({ uid, exp, access } = await this.deps.logic.connect({ token: req.token, roomID: req.roomID }));
    } catch (err) {
      if (this.isClosed()) return;
      const refused = this.refusal(err, "sign-in unavailable, try again", "logic.Connect failed");
      this.state = "new";
      this.deps.counters.signInFailures++;
      this.answer(id, refused.code, refused.message);
      // A refused token counts towards the garbage limit; logic being away is not the client's fault, and a room the
      // token may not join (107) is a well-formed request the client may follow with another room.
      if (!refused.temporary && refused.code !== ErrCode.ROOM_NOT_ALLOWED) this.countBad();
      return;
    }
    if (this.isClosed()) return;
    if (this.deps.admission && !this.deps.admission.signIn(this, uid)) {
      // The socket lives, not signed in: it may sign in as another uid, or is closed at the sign-in deadline.
      this.state = "new";
      this.deps.counters.signInFailures++;
      return this.answer(id, ErrCode.TOO_MANY_CONNECTIONS, `too many connections of uid "${uid}" on this node`);
    }
    this.uid = uid;
    this.rooms.uid = uid;
    this.roomID = req.roomID;
    this.access = access;
    this.expiresAt = exp * 1000;
    this.connID = connID(this.deps.connNode, this.key);
    this.deps.rooms.register(this.connID, { wire: this.wire, send: (f) => this.transport.send(f) });
    // Broadcasts and pushes to user:<uid> go to every conn node, so logic need not hear of these two rooms first.
    this.rooms.enter(BROADCAST_ROOM);
    this.rooms.enter(userRoom(uid));
    this.state = "in";
    let recovery: Recovery | undefined;
    if (req.roomID !== "" && !this.rooms.has(req.roomID)) {
      try {
        const entered = await this.enterRoom(req.roomID, req.recover);
        if (!entered) return;
        recovery = entered.recovery;
      } catch (err) {
        // A member that logic does not route to would miss the room's messages until the next report: refuse the sign-in.
        if (this.isClosed()) return;
        return this.unannounced(err, id);
      }
    }
    this.badFrames = 0;
    this.deps.counters.signIns++;
    if (req.roomID) this.tell(req.roomID, PresenceEvent.JOIN);
    const extra = recovery ? { connID: this.connID, recovery } : { connID: this.connID };
    this.transport.send(this.wire.answer(PackageType.UNKNOWN, ErrCode.OK, "ok", id, extra));
  }

  /**
   * Enters a room and waits until logic routes its messages here (throws when logic could not be told). With a
   * position, the room is recovered first: the missed messages are sent before this resolves. Undefined when the
   * connection went away meanwhile.
   */
  private async enterRoom(room: string, from?: Position): Promise<{ recovery?: Recovery } | undefined> {
    const history = this.deps.history;
    const first = this.rooms.enter(room, !(from && history));
    const announce = async () => {
      await this.deps.online.joined(room, first, this.deps.announceTimeoutMs);
      return this.state === "in";
    };
    if (!from) return (await announce()) ? {} : undefined;
    if (!history)
      return (await announce()) ? { recovery: { recovered: false, reason: "none", epoch: "", offset: 0, count: 0 } } : undefined;
    const sink = { wire: this.wire, send: (f: Uint8Array | string) => this.transport.send(f) };
    const recovery = await history.recover(
      room,
      from,
      sink,
      announce,
      () => this.state === "in" && this.rooms.has(room),
      () => this.rooms.listen(room),
    );
    return recovery ? { recovery } : undefined;
  }

  /**
   * Called by the server's sweep (about once a second): once the token expired the client is told (108, once per
   * token), and true is answered when the grace is over too, so the sweep closes the connection (4001).
   */
  tokenExpired(now: number, graceMs: number): boolean {
    if (this.state !== "in" || now < this.expiresAt) return false;
    if (!this.expiryTold) {
      this.expiryTold = true;
      const left = Math.max(0, Math.ceil((this.expiresAt + graceMs - now) / 1000));
      this.transport.send(
        this.wire.answer(
          PackageType.UNKNOWN,
          ErrCode.TOKEN_EXPIRED,
          `token expired: send REFRESH with a fresh token within ${left} s or be closed`,
        ),
      );
    }
    return now >= this.expiresAt + graceMs;
  }

  /**
   * Req{REFRESH}: a fresh token, verified by logic (same uid, allowed in the sign-in room), becomes the connection's
   * when it also allows every other room the connection is in.
   */
  private async refresh(body: unknown, now: number, id: number): Promise<void> {
    const R = PackageType.REFRESH;
    let token;
    try {
      token = this.wire.token(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    if (!this.sends.take(now)) return this.answer(id, ErrCode.RATE_LIMITED, undefined, R);
    let exp: number;
    let access: RoomAccess;
    try {
      ({ exp, access } = await this.deps.logic.refresh({ uid: this.uid, roomID: this.roomID, token }));
    } catch (err) {
      if (this.state !== "in") return;
      const refused = this.refusal(err, "refresh unavailable, try again", "logic.Refresh failed", this.roomID);
      return this.answer(id, refused.code, refused.message, R);
    }
    if (this.state !== "in") return;
    try {
      for (const room of this.rooms.list()) this.authorize(room, access);
    } catch (err) {
      const e = err as RoomcastError;
      return this.answer(id, e.code, `${e.message}: the fresh token must allow every room the connection is in`, R);
    }
    this.access = access;
    this.expiresAt = exp * 1000;
    this.expiryTold = false;
    this.answer(id, ErrCode.OK, "ok", R);
  }

  /** Req{MEMBERS}: members across the cluster of the room named (protocol 2) or else of the sign-in room. */
  private members(body: unknown, id: number): void {
    const named = this.roomOf(body, id, true);
    if (named === undefined) return;
    const room = named || this.roomID;
    if (!room || !this.rooms.has(room))
      return this.answer(id, ErrCode.NOT_YOUR_ROOM, room ? `not in room "${room}"` : "not in a room: name one");
    this.transport.send(this.wire.count(this.deps.online.members(room), id));
  }

  /**
   * Req{SUBSCRIBE} (protocol 2): joins a room the token allows, answered once logic routes the room's messages here.
   * Joining a room the connection is in already is answered ok and changes nothing.
   */
  private async subscribe(body: unknown, now: number, id: number): Promise<void> {
    const S = PackageType.SUBSCRIBE;
    let sub;
    try {
      sub = this.wire.subscription(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    const room = sub.roomID;
    if (this.rooms.has(room)) {
      // In it already, though logic may not have confirmed it yet (or a recovery runs): answer after the first.
      const first = this.entering.get(room) ?? this.deps.online.joined(room, false, this.deps.announceTimeoutMs);
      return void first.then(
        () => this.state === "in" && this.answer(id, ErrCode.OK, "ok", S),
        () => this.state === "in" && this.answer(id, ErrCode.INTERNAL, "subscribe unavailable, try again", S),
      );
    }
    if (room.startsWith(CONN_ROOM_PREFIX))
      return this.answer(id, ErrCode.ROOM_NOT_ALLOWED, `room not allowed: "${room}" is a connection's`, S);
    try {
      this.authorize(room, this.access);
    } catch (err) {
      return this.answer(id, (err as RoomcastError).code, (err as RoomcastError).message, S);
    }
    const own = userRoom(this.uid);
    const joined = this.rooms.list().filter((r) => r !== own).length;
    if (room !== own && joined >= this.deps.limits.maxRooms)
      return this.answer(id, ErrCode.TOO_MANY_ROOMS, `too many rooms: a connection may be in ${this.deps.limits.maxRooms}`, S);
    // Each new room may cost logic an announce: joins have a rate of their own.
    if (!this.joins.take(now)) return this.answer(id, ErrCode.RATE_LIMITED, undefined, S);
    let entered;
    const entering = this.enterRoom(room, sub.recover);
    this.entering.set(room, entering);
    try {
      entered = await entering;
    } catch (err) {
      if (this.state !== "in") return;
      this.rooms.exit(room);
      this.deps.log.error({ err, key: this.key, uid: this.uid, roomID: room }, "online.joined failed: subscribe refused (500)");
      return this.answer(id, ErrCode.INTERNAL, "subscribe unavailable: logic could not be told about the room, try again", S);
    } finally {
      this.entering.delete(room);
    }
    if (this.state !== "in" || !entered) return;
    this.answer(id, ErrCode.OK, "ok", S, entered.recovery ? { recovery: entered.recovery } : undefined);
    if (this.rooms.has(room)) this.tell(room, PresenceEvent.JOIN);
  }

  /**
   * Req{HISTORY} (protocol 2): a page of a room's history, for a room the token may join (in it or not). Pages
   * share the SUBSCRIBE rate: each costs the store a read.
   */
  private async historyPage(body: unknown, now: number, id: number): Promise<void> {
    let q;
    try {
      q = this.wire.historyQuery(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    if (q.roomID.startsWith(CONN_ROOM_PREFIX))
      return this.answer(id, ErrCode.ROOM_NOT_ALLOWED, `room not allowed: "${q.roomID}" is a connection's`);
    try {
      this.authorize(q.roomID, this.access);
    } catch (err) {
      return this.answer(id, (err as RoomcastError).code, (err as RoomcastError).message);
    }
    if (!this.joins.take(now)) return this.answer(id, ErrCode.RATE_LIMITED);
    const page = this.deps.history
      ? await this.deps.history.page(q)
      : { roomID: q.roomID, epoch: "", offset: 0, messages: [], more: false, reason: "none" as const };
    if (this.state === "in") this.transport.send(this.wire.history(page, id));
  }

  /**
   * The room a SUBSCRIBE, UNSUBSCRIBE, PRESENCE or MEMBERS names ("" when `optional` and it names none); undefined
   * once a malformed one was answered 102. A well-formed request resets the run of bad frames.
   */
  private roomOf(body: unknown, id: number, optional = false): string | undefined {
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
  private authorize(room: string, access: RoomAccess): void {
    if (room !== userRoom(this.uid)) authorizeRoom({ uid: this.uid, rooms: access.rooms }, room, access.openRooms);
  }

  /** Req{PRESENCE} (protocol 2): the uids in a room the connection is in, across the cluster. */
  private async presence(presence: ClusterPresence, body: unknown, id: number): Promise<void> {
    const room = this.roomOf(body, id);
    if (room === undefined) return;
    if (!this.rooms.has(room)) return this.answer(id, ErrCode.NOT_YOUR_ROOM, `not in room "${room}"`);
    const { uids, total } = await presence.list(room);
    if (this.state === "in") this.transport.send(this.wire.presence(uids, total, id));
  }

  /** A "$join" / "$leave" event to a room configured for them (ws.presenceEvents); a failure is logged, not answered. */
  private tell(room: string, event: string): void {
    const rooms = this.deps.presenceEvents;
    if (!rooms || rooms.length === 0 || !roomsClaimAllows(rooms, room)) return;
    const { uid } = this;
    this.deps.logic
      .submit({ uid, roomID: room, msgLv: MsgLevel.NORMAL, data: utf8Encode(uid), type: event })
      .catch((err: unknown) => this.deps.log.warn({ err, uid, roomID: room, event }, "presence event not sent"));
  }

  /** Req{UNSUBSCRIBE} (protocol 2): leaves a room (103 when the connection is not in it). */
  private unsubscribe(body: unknown, id: number): void {
    const room = this.roomOf(body, id);
    if (room === undefined) return;
    const U = PackageType.UNSUBSCRIBE;
    if (!this.rooms.exit(room)) return this.answer(id, ErrCode.NOT_YOUR_ROOM, `not in room "${room}"`, U);
    this.tell(room, PresenceEvent.LEAVE);
    if (room === this.roomID) this.roomID = "";
    this.answer(id, ErrCode.OK, "ok", U);
  }

  /** Logic did not learn that this node holds the room: undo the sign-in (the socket lives, unsigned) and answer 500. */
  private unannounced(err: unknown, id: number): void {
    const { roomID, uid } = this;
    this.leaveRooms();
    this.slowSince = 0;
    this.deps.admission?.signOut(this, uid);
    this.state = "new";
    this.uid = "";
    this.roomID = "";
    this.expiresAt = 0;
    this.deps.counters.signInFailures++;
    this.deps.log.error({ err, key: this.key, uid, roomID }, "online.joined failed: sign-in refused (500)");
    this.answer(id, ErrCode.INTERNAL, "sign-in unavailable: logic could not be told about the room, try again");
  }

  private async message(body: unknown, now: number, id: number): Promise<void> {
    let msg;
    try {
      msg = this.wire.message(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    if (!this.rooms.has(msg.roomID) || msg.roomID === BROADCAST_ROOM) {
      const where = this.roomID ? `signed in to "${this.roomID}"` : "SUBSCRIBE to it first";
      return this.answer(id, ErrCode.NOT_YOUR_ROOM, `not your room: ${where}`);
    }
    if (msg.msgLv !== MsgLevel.NORMAL) return this.answer(id, ErrCode.NOT_YOUR_ROOM, "clients may send only NORMAL messages");
    if (msg.data.byteLength > this.deps.limits.maxMessageBytes) {
      return this.answer(
        id,
        ErrCode.TOO_LARGE,
        `message of ${msg.data.byteLength} bytes is over the limit of ${this.deps.limits.maxMessageBytes}`,
      );
    }
    if (!this.sends.take(now)) return this.answer(id, ErrCode.RATE_LIMITED);
    if (this.deps.admission && !this.deps.admission.takeUidToken(this.uid, now)) {
      return this.answer(id, ErrCode.RATE_LIMITED, `rate limited: uid "${this.uid}" sends too fast across its connections`);
    }
    this.deps.counters.messagesIn++;
    try {
      await this.deps.logic.submit({ uid: this.uid, roomID: msg.roomID, msgLv: msg.msgLv, data: msg.data, type: msg.type ?? "" });
    } catch (err) {
      const refused = this.refusal(err, "message not accepted, try again", "logic.Submit failed", msg.roomID);
      if (this.state === "in") this.answer(id, refused.code, refused.message);
    }
  }

  /**
   * The refusal a client sees for a failed call to logic: a RoomcastError as it is (logic's refusal, or the link's
   * temporary 500 when logic is unreachable), anything else as a 500 with `retry` for its text. Temporary failures
   * are logged with what failed.
   */
  private refusal(err: unknown, retry: string, what: string, roomID?: string): RoomcastError {
    const e = err instanceof RoomcastError ? err : new RoomcastError(ErrCode.INTERNAL, retry, { cause: err });
    if (e.temporary) this.deps.log.error({ err, key: this.key, uid: this.uid, roomID }, what);
    return e;
  }

  private leaveRooms(): void {
    this.rooms.exitAll();
    if (this.connID) this.deps.rooms.forget(this.connID);
    this.connID = "";
  }

  /**
   * Answers request `id` (none when 0) with Reply{type, Err{code, msg}}: UNKNOWN for sign-in and errors (seed 001),
   * the request's own type for REFRESH, SUBSCRIBE and UNSUBSCRIBE, whose answers a client waits for by type.
   */
  private answer(id: number, code: number, msg?: string, type: PackageType = PackageType.UNKNOWN, extra?: AnswerExtra): void {
    this.transport.send(this.wire.answer(type, code, msg, id, extra));
  }

  /** A malformed frame: answered with its Err (with the request's id, when it had one); too many in a row close the connection. */
  private bad(err: unknown, id = 0): void {
    const e = err instanceof RoomcastError ? err : new RoomcastError(ErrCode.MALFORMED, undefined, { cause: err });
    this.deps.counters.badFrames++;
    this.answer(id, e.code, e.message);
    this.countBad();
  }

  private countBad(): void {
    if (++this.badFrames >= this.deps.limits.maxBadFrames) {
      this.transport.close(CloseCode.GARBAGE, "too many malformed frames");
    }
  }
}
