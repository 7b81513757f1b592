// One client connection's protocol: sign-in, heartbeats, messages, MEMBERS (docs/design.md, "Client protocol").
// Works on a Transport, so it is tested without sockets.
import {
  CloseCode,
  ErrCode,
  MsgLevel,
  PackageType,
  RoomcastError,
  decodeBroadcast,
  decodeRefresh,
  decodeReq,
  decodeSignIn,
  encodeReply,
  errReply,
  refreshReply,
  withId,
} from "@roomcast/pkg/protocol";
import type { Logger } from "@roomcast/pkg/log";
import type { LogicLink } from "@roomcast/pkg/link";
import type { Admission } from "./admission";
import type { OnlineReporter } from "./online";
import { importantTopic, normalTopic, type Rooms } from "./room";
import type { Transport } from "./transport";

export interface SessionLimits {
  maxMessageBytes: number;
  maxBadFrames: number;
  messagesPerSec: number;
  messageBurst: number;
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
}

type State = "new" | "signing" | "in" | "closed";

const PONG = encodeReply({ type: PackageType.HEARTBEAT, data: new TextEncoder().encode("pong") });
const OK = errReply(ErrCode.OK, "ok");

export class Session {
  state: State = "new";
  uid = "";
  roomID = "";
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
  private tokens: number;
  private tokensAt: number;

  constructor(
    readonly key: string,
    private readonly transport: Transport,
    private readonly deps: SessionDeps,
    now = Date.now(),
  ) {
    this.lastActive = now;
    this.openedAt = now;
    this.tokens = deps.limits.messageBurst;
    this.tokensAt = now;
  }

  /** State can change while a call to logic is awaited; read it afresh. */
  isClosed(): boolean {
    return this.state === "closed";
  }

  /** One frame from the client. Never throws: every failure becomes an Err reply or a close. */
  onFrame(bytes: Uint8Array, isBinary: boolean, now = Date.now()): void {
    if (this.state === "closed") return;
    this.lastActive = now;
    if (!isBinary) return this.bad(new RoomcastError(ErrCode.MALFORMED, "malformed frame: text frames are not part of the protocol"));
    let frame;
    try {
      frame = decodeReq(bytes);
    } catch (err) {
      return this.bad(err);
    }
    // Every answer to this frame carries its id (protocol 2); a seed-001 client sends none and sees none.
    const id = frame.id ?? 0;
    if (frame.type === PackageType.SIGN_IN) return void this.signIn(frame.data, id);
    if (this.state !== "in") return this.answer(id, errReply(ErrCode.SIGN_IN_FIRST));
    switch (frame.type) {
      case PackageType.HEARTBEAT:
        this.badFrames = 0;
        return this.answer(id, PONG);
      case PackageType.MESSAGE:
        return void this.message(frame.data, now, id);
      case PackageType.REFRESH:
        return void this.refresh(frame.data, now, id);
      case PackageType.MEMBERS:
        this.badFrames = 0;
        return this.answer(
          id,
          encodeReply({ type: PackageType.MEMBERS, data: Buffer.from(String(this.deps.online.members(this.roomID))) }),
        );
      default:
        return this.bad(new RoomcastError(ErrCode.MALFORMED, `malformed frame: unknown type ${frame.type}`), id);
    }
  }

  /** The socket closed (any reason). */
  onClose(): void {
    const wasIn = this.state === "in";
    this.state = "closed";
    if (wasIn) this.leaveRoom();
  }

  /** Leaves the NORMAL topic while the socket is slow, and comes back once it drained. */
  setSlow(slow: boolean, now = Date.now()): void {
    if (this.state !== "in" || slow === this.slowSince > 0) return;
    this.slowSince = slow ? now : 0;
    if (slow) this.transport.unsubscribe(normalTopic(this.roomID));
    else this.transport.subscribe(normalTopic(this.roomID));
    this.deps.rooms.markSlow(this.roomID, slow);
  }

  private async signIn(data: Uint8Array, id: number): Promise<void> {
    if (this.state === "in" || this.state === "signing") return this.answer(id, errReply(ErrCode.ALREADY_SIGNED_IN));
    let req;
    try {
      req = decodeSignIn(data);
    } catch (err) {
      return this.bad(err, id);
    }
    this.state = "signing";
    let uid: string;
    let exp: number;
    try {
      ({ uid, exp } = await this.deps.logic.connect({ token: req.token, roomID: req.roomID }));
    } catch (err) {
      if (this.isClosed()) return;
      const refused = this.refusal(err, "sign-in unavailable, try again", "logic.Connect failed");
      this.state = "new";
      this.deps.counters.signInFailures++;
      this.answer(id, errReply(refused.code, refused.message));
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
      return this.answer(id, errReply(ErrCode.TOO_MANY_CONNECTIONS, `too many connections of uid "${uid}" on this node`));
    }
    this.uid = uid;
    this.roomID = req.roomID;
    this.expiresAt = exp * 1000;
    this.transport.subscribe(normalTopic(req.roomID));
    this.transport.subscribe(importantTopic(req.roomID));
    const first = this.deps.rooms.join(req.roomID);
    this.state = "in";
    try {
      await this.deps.online.joined(req.roomID, first, this.deps.announceTimeoutMs);
    } catch (err) {
      // A member that logic does not route to would miss the room's messages until the next report: refuse the sign-in.
      if (this.isClosed()) return;
      return this.unannounced(err, id);
    }
    if (this.isClosed()) return;
    this.badFrames = 0;
    this.deps.counters.signIns++;
    this.answer(id, OK);
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
      this.transport.send(errReply(ErrCode.TOKEN_EXPIRED, `token expired: send REFRESH with a fresh token within ${left} s or be closed`));
    }
    return now >= this.expiresAt + graceMs;
  }

  /** Req{REFRESH}: a fresh token, verified by logic (same uid, same room as sign-in), becomes the connection's. */
  private async refresh(data: Uint8Array, now: number, id: number): Promise<void> {
    let token;
    try {
      token = decodeRefresh(data);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    if (!this.takeToken(now)) return this.answer(id, refreshReply(ErrCode.RATE_LIMITED));
    let exp: number;
    try {
      ({ exp } = await this.deps.logic.refresh({ uid: this.uid, roomID: this.roomID, token }));
    } catch (err) {
      if (this.state !== "in") return;
      const refused = this.refusal(err, "refresh unavailable, try again", "logic.Refresh failed", this.roomID);
      return this.answer(id, refreshReply(refused.code, refused.message));
    }
    if (this.state !== "in") return;
    this.expiresAt = exp * 1000;
    this.expiryTold = false;
    this.answer(id, refreshReply(ErrCode.OK, "ok"));
  }

  /** Logic did not learn that this node holds the room: undo the sign-in (the socket lives, unsigned) and answer 500. */
  private unannounced(err: unknown, id: number): void {
    const { roomID, uid } = this;
    this.transport.unsubscribe(normalTopic(roomID));
    this.transport.unsubscribe(importantTopic(roomID));
    this.leaveRoom();
    this.slowSince = 0;
    this.deps.admission?.signOut(this, uid);
    this.state = "new";
    this.uid = "";
    this.roomID = "";
    this.expiresAt = 0;
    this.deps.counters.signInFailures++;
    this.deps.log.error({ err, key: this.key, uid, roomID }, "online.joined failed: sign-in refused (500)");
    this.answer(id, errReply(ErrCode.INTERNAL, "sign-in unavailable: logic could not be told about the room, try again"));
  }

  private async message(data: Uint8Array, now: number, id: number): Promise<void> {
    let msg;
    try {
      msg = decodeBroadcast(data);
    } catch (err) {
      return this.bad(err, id);
    }
    this.badFrames = 0;
    if (msg.roomID !== this.roomID) return this.answer(id, errReply(ErrCode.NOT_YOUR_ROOM, `not your room: signed in to "${this.roomID}"`));
    if (msg.msgLv !== MsgLevel.NORMAL) return this.answer(id, errReply(ErrCode.NOT_YOUR_ROOM, "clients may send only NORMAL messages"));
    if (msg.data.byteLength > this.deps.limits.maxMessageBytes) {
      return this.answer(
        id,
        errReply(ErrCode.TOO_LARGE, `message of ${msg.data.byteLength} bytes is over the limit of ${this.deps.limits.maxMessageBytes}`),
      );
    }
    if (!this.takeToken(now)) return this.answer(id, errReply(ErrCode.RATE_LIMITED));
    if (this.deps.admission && !this.deps.admission.takeUidToken(this.uid, now)) {
      return this.answer(id, errReply(ErrCode.RATE_LIMITED, `rate limited: uid "${this.uid}" sends too fast across its connections`));
    }
    this.deps.counters.messagesIn++;
    try {
      await this.deps.logic.submit({ uid: this.uid, roomID: msg.roomID, msgLv: msg.msgLv, data: msg.data });
    } catch (err) {
      const refused = this.refusal(err, "message not accepted, try again", "logic.Submit failed", msg.roomID);
      if (this.state === "in") this.answer(id, errReply(refused.code, refused.message));
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

  private takeToken(now: number): boolean {
    const { messagesPerSec, messageBurst } = this.deps.limits;
    this.tokens = Math.min(messageBurst, this.tokens + ((now - this.tokensAt) / 1000) * messagesPerSec);
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private leaveRoom(): void {
    if (this.slowSince > 0) this.deps.rooms.markSlow(this.roomID, false);
    this.deps.rooms.leave(this.roomID);
  }

  /** Sends an answer to the request with this id (none when 0). */
  private answer(id: number, reply: Uint8Array): void {
    this.transport.send(withId(reply, id));
  }

  /** A malformed frame: answered with its Err (with the request's id, when it had one); too many in a row close the connection. */
  private bad(err: unknown, id = 0): void {
    const e = err instanceof RoomcastError ? err : new RoomcastError(ErrCode.MALFORMED, undefined, { cause: err });
    this.deps.counters.badFrames++;
    this.answer(id, errReply(e.code, e.message));
    this.countBad();
  }

  private countBad(): void {
    if (++this.badFrames >= this.deps.limits.maxBadFrames) {
      this.transport.close(CloseCode.GARBAGE, "too many malformed frames");
    }
  }
}
