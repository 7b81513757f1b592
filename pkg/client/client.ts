// The roomcast client SDK: one connection, signed in to a room (or none) and joined to more with subscribe(), kept
// alive with heartbeats and re-established with back-off, its rooms joined again. Runs unchanged in browsers (native
// WebSocket) and in Node 20 (pass `ws`). The connection's life is in connection.ts; rooms, requests and messages here.
// The protocol's files one by one, not its index: the SDK must not reach the server-side JSON codec (Node's Buffer).
import { PackageType, checkRoomID, checkType, utf8Length } from "../protocol/codec";
import { ErrCode } from "../protocol/codes";
import { Connection } from "./connection";
import { ConnectionError, ProtocolError, type ClientError } from "./errors";
import { Message, MsgLevel } from "./message";
import { Rooms, type RoomHandler } from "./rooms";
import { Positions, type Position } from "./positions";
import type { ClientOptions, SendOptions } from "./types";
import type { Answer, ErrAnswer, Presence } from "./wire";
import type { HistoryPage, Recovery } from "../protocol/history_codec";

export type { ClientEvents, ClientOptions, ClientState, RecoveryInfo, SendOptions, WebSocketConstructor, WebSocketLike } from "./types";
export type { Position } from "./positions";

/** history()'s answer: messages oldest first, or `reason` why there are none to give. */
export interface History {
  room: string;
  /** The room's epoch and newest offset. */
  epoch: string;
  offset: number;
  messages: Message[];
  /** More messages follow these: ask again with { since } at the last one's position. */
  more: boolean;
  /** "" when answered; "epoch", "trimmed", "future" for a position the room cannot page from; "none" no history kept. */
  reason: string;
}
export type { Presence } from "./wire";
export { tokenExpiry } from "./token";

/** A check of the protocol (room id, type) failed before anything was sent: the same error the server would answer. */
function refusedLocally(err: unknown, room?: string): ProtocolError {
  return new ProtocolError(ErrCode.MALFORMED, (err as Error).message, false, room);
}

/** The server's refusal of a request that named `room`, with the room on it. */
function withRoom(err: unknown, room: string | undefined): unknown {
  return err instanceof ProtocolError && room !== undefined && err.room === undefined
    ? new ProtocolError(err.code, err.message, err.fromServer, room)
    : err;
}

export class RoomcastClient extends Connection {
  private readonly joined: Rooms;
  /** Where the client stands in each room's history, and the IMPORTANT ids it has: repeats are dropped. */
  private readonly positions = new Positions();
  /** The position the latest SIGN_IN recovers its room from. */
  private positionAtSignIn?: Position;
  /** Acknowledgements waiting to go out together (one ACK per 20 ms at most). */
  private acks: string[] = [];
  private ackTimer?: ReturnType<typeof setTimeout>;

  constructor(options: ClientOptions) {
    super(options);
    this.joined = new Rooms(options.room);
  }

  /** The room sign-in joins (options.room), until unsubscribe() leaves it; undefined when none. */
  get room(): string | undefined {
    return this.joined.signInRoom;
  }

  /** Every room the client is in: the sign-in room and those subscribe() joined (a reconnect joins them all again). */
  get rooms(): string[] {
    return this.joined.list();
  }

  /**
   * Sends a message (level NORMAL) to `room`, by default the sign-in room; it comes back to every member of that room,
   * this one included. Refusals (103 not in that room, 104 rate limited …) arrive as `error` events.
   */
  send(data: string | Uint8Array, options: SendOptions = {}): void {
    this.sendFrame(this.messageFrame(this.requests.nextId(), data, options));
  }

  /**
   * send() that waits: resolves with the message's id once the cluster queued it (recall() names it), rejects with
   * ProtocolError (103, 104, 105 …), TimeoutError or ConnectionError. Needs a protocol-2 server.
   */
  publish(data: string | Uint8Array, options: SendOptions = {}, timeoutMs = this.requestTimeoutMs): Promise<string> {
    return this.ask(PackageType.MESSAGE, (id) => this.messageFrame(id, data, options), timeoutMs, "MESSAGE").answered.then(String);
  }

  /**
   * Withdraws a message this client's user sent (RECALL): it leaves the room's history and every member gets a
   * message of type "$recall" whose text is the id. Rejects with ProtocolError 111 (history does not hold it) or 112
   * (another user sent it), TimeoutError, or ConnectionError.
   */
  recall(room: string, messageId: string, timeoutMs = this.requestTimeoutMs): Promise<void> {
    try {
      checkRoomID(room);
    } catch (err) {
      return Promise.reject(refusedLocally(err, room));
    }
    const { answered } = this.ask(PackageType.RECALL, (id) => this.wire.recall(id, room, messageId), timeoutMs, `RECALL "${room}"`);
    return answered.then(
      () => undefined,
      (err: unknown) => Promise.reject(withRoom(err, room)),
    );
  }

  /** A MESSAGE frame, its room and type checked: the same refusals the server would answer, thrown before sending. */
  private messageFrame(id: number, data: string | Uint8Array, options: SendOptions): Uint8Array | string {
    const room = options.room ?? this.joined.signInRoom;
    const type = options.type ?? "";
    if (room === undefined)
      throw new ProtocolError(ErrCode.NOT_YOUR_ROOM, "send() names no room and the client signed in to none: pass { room }", false);
    try {
      checkRoomID(room);
      checkType(type);
    } catch (err) {
      throw refusedLocally(err, room);
    }
    const size = typeof data === "string" ? utf8Length(data) : data.byteLength;
    if (size > this.maxMessageBytes)
      throw new ProtocolError(ErrCode.TOO_LARGE, `message of ${size} bytes is over ${this.maxMessageBytes}`, false, room);
    return this.wire.message(id, room, data, type);
  }

  /** Members of `room` (default: the sign-in room) across the whole cluster, at most a few seconds stale. */
  members(timeoutMs?: number): Promise<number>;
  members(room: string | undefined, timeoutMs?: number): Promise<number>;
  members(roomOrTimeout?: string | number, timeoutMs = this.requestTimeoutMs): Promise<number> {
    // members(timeoutMs) is the signature of the SDK before rooms could be named.
    if (typeof roomOrTimeout === "number") [roomOrTimeout, timeoutMs] = [undefined, roomOrTimeout];
    const room = roomOrTimeout;
    const { answered } = this.request(PackageType.MEMBERS, room, timeoutMs, room === undefined ? "MEMBERS" : `MEMBERS "${room}"`);
    return answered.then(Number, (err: unknown) => Promise.reject(withRoom(err, room)));
  }

  /**
   * The uids in `room` across the cluster (PRESENCE): at most the server's cap (ws.presenceMaxUids) and the total.
   * Rejects with ProtocolError 103 when the client is not in the room, TimeoutError, or ConnectionError.
   */
  presence(room: string, timeoutMs = this.requestTimeoutMs): Promise<Presence> {
    try {
      checkRoomID(room);
    } catch (err) {
      return Promise.reject(refusedLocally(err, room));
    }
    const { answered } = this.request(PackageType.PRESENCE, room, timeoutMs, `PRESENCE "${room}"`);
    return answered.then(
      (p) => p as Presence,
      (err: unknown) => Promise.reject(withRoom(err, room)),
    );
  }

  /**
   * Joins `room` (SUBSCRIBE): resolves once the server answers ok, from then on its messages arrive, and every reconnect
   * joins it again. Rejects with ProtocolError (107 room not allowed, 110 too many rooms …), TimeoutError, or
   * ConnectionError when not connected or the connection was lost first.
   */
  subscribe(room: string, timeoutMs = this.requestTimeoutMs): Promise<void> {
    try {
      checkRoomID(room);
    } catch (err) {
      return Promise.reject(refusedLocally(err, room));
    }
    // Every SUBSCRIBE names the client's position (empty the first time), so a room that keeps history answers where
    // it stands, and after a reconnect sends what was missed.
    const from = this.positions.of(room);
    const { id, answered } = this.request(PackageType.SUBSCRIBE, room, timeoutMs, `SUBSCRIBE "${room}"`, from);
    if (id === undefined) return answered.then(() => {});
    this.joined.begin(room, id);
    return answered.then(
      (answer) => {
        this.joined.entered(room, id);
        this.recovered(room, from, (answer as ErrAnswer).recovery);
      },
      (err: unknown) => {
        this.joined.refused(room, id, err instanceof ProtocolError);
        return Promise.reject(withRoom(err, room));
      },
    );
  }

  /**
   * Leaves `room` (UNSUBSCRIBE), the sign-in room included; reconnects no longer join it, whatever the answer. Resolves
   * once the client is out of it (at once when not connected, as no connection is in a room); rejects with
   * ProtocolError 103 when the server says the connection was not in it, or TimeoutError.
   */
  unsubscribe(room: string, timeoutMs = this.requestTimeoutMs): Promise<void> {
    try {
      checkRoomID(room);
    } catch (err) {
      return Promise.reject(refusedLocally(err, room));
    }
    this.joined.leave(room);
    this.positions.forget(room);
    if (this.state !== "connected") return Promise.resolve();
    const { id, answered } = this.request(PackageType.UNSUBSCRIBE, room, timeoutMs, `UNSUBSCRIBE "${room}"`);
    if (id === undefined) return answered.then(() => {});
    this.joined.begin(room, id);
    return answered.then(
      () => this.joined.finished(room, id),
      (err: unknown) => {
        this.joined.finished(room, id);
        // A lost connection left the room with it, and the next one will not join it.
        if (err instanceof ConnectionError) return;
        return Promise.reject(withRoom(err, room));
      },
    );
  }

  /**
   * Calls `handler` with every message of `room` only (besides the `message` event): a room, "user:<uid>" for pushes
   * to this user, "conn:<connID>" for pushes to this connection, "" for broadcasts. Returns a function that removes it.
   */
  onRoom(room: string, handler: RoomHandler): () => void {
    return this.joined.on(room, handler);
  }

  /**
   * A page of `room`'s history (HISTORY), for a room the token may join: the newest `limit` messages, or with `since`
   * those after that position (what position() answers, or a message's epoch and offset). `limit` 0 or over the
   * server's history.maxPage gives that many. Rejects with ProtocolError (107 room not allowed), TimeoutError, or
   * ConnectionError.
   */
  history(room: string, opts: { since?: Position; limit?: number } = {}, timeoutMs = this.requestTimeoutMs): Promise<History> {
    try {
      checkRoomID(room);
    } catch (err) {
      return Promise.reject(refusedLocally(err, room));
    }
    const query = { roomID: room, limit: opts.limit ?? 0, ...(opts.since ? { since: opts.since } : {}) };
    const { answered } = this.ask(PackageType.HISTORY, (id) => this.wire.history(id, query), timeoutMs, `HISTORY "${room}"`);
    return answered.then(
      (p) => historyOf(p as HistoryPage),
      (err: unknown) => Promise.reject(withRoom(err, room)),
    );
  }

  /** Acknowledges a message of an acked room (Message.needsAck), with autoAck off; acknowledgements go out in batches. */
  ack(message: Message): void {
    if (message.needsAck && message.id) this.queueAck(message.id);
  }

  private queueAck(id: string): void {
    this.acks.push(id);
    if (this.acks.length >= 500) return this.flushAcks();
    this.ackTimer ??= setTimeout(() => this.flushAcks(), 20);
  }

  /** Sends the waiting acknowledgements; while disconnected they are dropped: the server sends those messages again. */
  private flushAcks(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    const ids = this.acks.splice(0);
    if (ids.length === 0 || this.state !== "connected") return;
    this.sendFrame(this.wire.ack(ids));
  }

  /** Where the client stands in `room`'s history: the epoch and the offset up to which it has every message. */
  position(room: string): Position {
    return this.positions.of(room);
  }

  /** Sends a request that names `room` (or none); `answered` settles with its answer, matched by `id` (none: not sent). */
  private request(type: PackageType, room: string | undefined, timeoutMs: number, what: string, recover?: Position) {
    return this.ask(type, (id) => this.wire.room(type, id, room, recover), timeoutMs, what);
  }

  /**
   * Sends the frame `frame` builds for a fresh request id; `answered` settles with the answer of `kind` matched by that
   * id (`what` names it in a TimeoutError), or rejects at once when the frame could not be built or sent (no `id`).
   */
  private ask(kind: PackageType, frame: (id: number) => Uint8Array | string, timeoutMs: number, what: string) {
    const id = this.requests.nextId();
    try {
      this.sendFrame(frame(id));
    } catch (err) {
      return { answered: Promise.reject(err as Error) };
    }
    return { id, answered: this.requests.wait(id, kind, timeoutMs, what) };
  }

  protected override signInRoom(): string {
    return this.joined.signInRoom ?? "";
  }

  protected override signInRecover(): Position | undefined {
    const room = this.joined.signInRoom;
    this.positionAtSignIn = room === undefined ? undefined : this.positions.of(room);
    return this.positionAtSignIn;
  }

  /**
   * A SUBSCRIBE or SIGN_IN that named position `from` was answered: the client now stands where the answer says. The
   * app hears of it when the client had a position to recover from (a reconnect), not on a first subscribe.
   */
  private recovered(room: string, from: Position, r: Recovery | undefined): void {
    if (!r || r.reason === "none") return;
    this.positions.settle(room, r.epoch, r.offset);
    if (from.epoch !== "") this.emit("recovery", { room, recovered: r.recovered, reason: r.reason, missed: r.count });
  }

  protected override onReply(a: Answer): void {
    switch (a.type) {
      case PackageType.MESSAGE: {
        const d = a.delivery!;
        const important = d.msgLv === MsgLevel.IMPORTANT;
        const needsAck = d.ack && important;
        for (const m of d.messages) {
          // A message the client has already (a recovery's seam, a second copy of an IMPORTANT one) is dropped; one
          // that must be acknowledged is acknowledged again, as the server evidently missed the first.
          if (!this.positions.accept(d.roomID, d.epoch, m.offset, important ? m.id : "")) {
            if (needsAck && m.id) this.queueAck(m.id);
            continue;
          }
          const message = new Message(d.roomID, d.msgLv, m.data, m.type, m.id, m.offset, needsAck);
          this.emit("message", message);
          this.joined.dispatch(message);
          if (needsAck && m.id && this.options.autoAck !== false) this.queueAck(m.id);
        }
        return;
      }
      case PackageType.HISTORY:
        return void this.requests.settle(a.id, a.type, { value: a.history });
      case PackageType.MEMBERS:
        return void this.requests.settle(a.id, a.type, { value: a.text ?? "" });
      case PackageType.PRESENCE:
        return void this.requests.settle(a.id, a.type, { value: a.presence });
      case PackageType.SUBSCRIBE:
      case PackageType.UNSUBSCRIBE:
      case PackageType.RECALL: {
        const e = a.err!;
        const outcome = e.code === ErrCode.OK ? { value: e } : { error: new ProtocolError(e.code as ErrCode, e.msg) };
        // A late answer (its request timed out, or its connection is gone) has no one to go to: dropped.
        return void this.requests.settle(a.id, a.type, outcome);
      }
    }
  }

  /** A new connection joins every room the last one had subscribed to (the server allows a burst of a whole room cap). */
  protected override onSignedIn(answer: ErrAnswer): void {
    const room = this.joined.signInRoom;
    if (room !== undefined) this.recovered(room, this.positionAtSignIn ?? { epoch: "", offset: 0 }, answer.recovery);
    for (const room of this.joined.toRejoin()) {
      this.subscribe(room).catch((err: unknown) => {
        // A lost connection: the next one tries again. A refusal: the client is out of the room, and is told.
        if (!(err instanceof ConnectionError)) this.emit("error", err as ClientError);
      });
    }
  }
}

function historyOf(p: HistoryPage): History {
  const messages = p.messages.map(
    (m) => new Message(p.roomID, m.msgLv === MsgLevel.IMPORTANT ? MsgLevel.IMPORTANT : MsgLevel.NORMAL, m.data, m.type, m.id, m.offset),
  );
  return { room: p.roomID, epoch: p.epoch, offset: p.offset, messages, more: p.more, reason: p.reason };
}
