// A session's room requests (protocol 2): SUBSCRIBE (with recovery), UNSUBSCRIBE, MEMBERS, PRESENCE, HISTORY and RECALL.
import { CONN_ROOM_PREFIX, ErrCode, PackageType, PresenceEvent, RoomcastError, type Position, type Recovery } from "@roomcast/pkg/protocol";
import { userRoom } from "@roomcast/pkg/token";
import type { ClusterPresence } from "./presence";
import { SessionBase } from "./session_base";

export abstract class SessionRooms extends SessionBase {
  /** Req{MEMBERS}: members across the cluster of the room named (protocol 2) or else of the sign-in room. */
  protected members(body: unknown, id: number): void {
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
  protected async subscribe(body: unknown, now: number, id: number): Promise<void> {
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
    if (this.rooms.has(room)) {
      this.tell(room, PresenceEvent.JOIN);
      this.watchAcks(room);
    }
  }

  /**
   * Enters a room and waits until logic routes its messages here (throws when logic could not be told). With a
   * position, the room is recovered first: the missed messages are sent before this resolves. Undefined when the
   * connection went away meanwhile.
   */
  protected async enterRoom(room: string, from?: Position): Promise<{ recovery?: Recovery } | undefined> {
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
      // Still in the room and not listening to it yet: left (and maybe joined again) meanwhile, it is not this recovery's.
      () => this.state === "in" && this.rooms.isQuiet(room),
      () => this.rooms.listen(room),
    );
    return recovery ? { recovery } : undefined;
  }

  /**
   * Req{HISTORY} (protocol 2): a page of a room's history, for a room the token may join (in it or not). Pages
   * share the SUBSCRIBE rate: each costs the store a read.
   */
  protected async historyPage(body: unknown, now: number, id: number): Promise<void> {
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

  /** Req{PRESENCE} (protocol 2): the uids in a room the connection is in, across the cluster. */
  protected async presence(presence: ClusterPresence, body: unknown, id: number): Promise<void> {
    const room = this.roomOf(body, id);
    if (room === undefined) return;
    if (!this.rooms.has(room)) return this.answer(id, ErrCode.NOT_YOUR_ROOM, `not in room "${room}"`);
    const { uids, total } = await presence.list(room);
    if (this.state === "in") this.transport.send(this.wire.presence(uids, total, id));
  }

  /** Req{UNSUBSCRIBE} (protocol 2): leaves a room (103 when the connection is not in it). */
  protected unsubscribe(body: unknown, id: number): void {
    const room = this.roomOf(body, id);
    if (room === undefined) return;
    const U = PackageType.UNSUBSCRIBE;
    if (!this.rooms.exit(room)) return this.answer(id, ErrCode.NOT_YOUR_ROOM, `not in room "${room}"`, U);
    this.unwatchAcks(room);
    this.tell(room, PresenceEvent.LEAVE);
    if (room === this.roomID) this.roomID = "";
    this.answer(id, ErrCode.OK, "ok", U);
  }

  /**
   * Req{RECALL} (protocol 2): withdraws a message this connection's uid sent; logic takes it out of history and tells
   * the room. Answered Reply{RECALL, Err}: 111 history does not hold it, 112 another uid sent it. Shares MESSAGE's rate.
   */
  protected async recall(body: unknown, now: number, id: number): Promise<void> {
    const R = PackageType.RECALL;
    let r;
    try {
      r = this.wire.recall(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    if (!this.sends.take(now)) return this.answer(id, ErrCode.RATE_LIMITED, undefined, R);
    try {
      await this.deps.logic.recallOwn({ uid: this.uid, roomID: r.roomID, id: r.id });
    } catch (err) {
      const refused = this.refusal(err, "recall unavailable, try again", "logic.Recall failed", r.roomID);
      if (this.state === "in") this.answer(id, refused.code, refused.message, R);
      return;
    }
    if (this.state === "in") this.answer(id, ErrCode.OK, "ok", R);
  }
}
