// One client connection's protocol: sign-in, heartbeats, messages, REFRESH and token expiry, and the dispatch of every
// request (docs/design.md, "Client protocol", "Protocol 2"); the room requests are in session_rooms.ts, the shared
// state in session_base.ts. Works on a Transport, so it is tested without sockets.
import {
  BROADCAST_ROOM,
  ErrCode,
  MsgLevel,
  PackageType,
  PresenceEvent,
  RoomcastError,
  connID,
  type Recovery,
} from "@roomcast/pkg/protocol";
import type { RoomAccess } from "@roomcast/pkg/link";
import { userRoom } from "@roomcast/pkg/token";
import { SessionRooms } from "./session_rooms";
import { throttleOf } from "./session_base";

export type { SessionCounters, SessionDeps, SessionLimits } from "./session_base";

export class Session extends SessionRooms {
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
      case PackageType.RECALL:
        return void this.recall(body, now, id);
      case PackageType.ACK:
        return this.ack(body, id);
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
    this.watchAcks(userRoom(uid));
    if (req.roomID) this.watchAcks(req.roomID);
  }

  /** Req{ACK} (protocol 2): IMPORTANT messages of acked rooms the client has; answered only when it carries an id. */
  private ack(body: unknown, id: number): void {
    let ids;
    try {
      ids = this.wire.ack(body);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    const acks = this.deps.acks;
    if (acks && this.pending) for (const [room, acked] of this.pending.ack(ids)) acks.store(room, this.uid, acked);
    if (id !== 0) this.answer(id, ErrCode.OK, "ok", PackageType.ACK);
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
    throttleOf("online.joined failed: sign-in refused (500)").maybe((skipped) =>
      this.deps.log.error({ err, key: this.key, uid, roomID, skipped }, "online.joined failed: sign-in refused (500)"),
    );
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
      const messageID = await this.deps.logic.submit({
        uid: this.uid,
        roomID: msg.roomID,
        msgLv: msg.msgLv,
        data: msg.data,
        type: msg.type ?? "",
      });
      // protocol 2: a MESSAGE with a request id is answered once queued, with the message's id (RECALL names it).
      if (id !== 0 && this.state === "in") this.answer(id, ErrCode.OK, "ok", PackageType.UNKNOWN, { messageID });
    } catch (err) {
      const refused = this.refusal(err, "message not accepted, try again", "logic.Submit failed", msg.roomID);
      if (this.state === "in") this.answer(id, refused.code, refused.message);
    }
  }
}
