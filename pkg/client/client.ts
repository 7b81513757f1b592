// The roomcast client SDK: one connection, signed in to a room (or none) and joined to more with subscribe(), kept
// alive with heartbeats and re-established with back-off, its rooms joined again. Runs unchanged in browsers (native
// WebSocket) and in Node 20 (pass `ws`). The connection's life is in connection.ts; rooms, requests and messages here.
// The protocol's files one by one, not its index: the SDK must not reach the server-side JSON codec (Node's Buffer).
import { PackageType, checkRoomID, checkType, utf8Length } from "../protocol/codec";
import { ErrCode } from "../protocol/codes";
import { Connection } from "./connection";
import { ConnectionError, ProtocolError, type ClientError } from "./errors";
import { Message } from "./message";
import { Rooms, type RoomHandler } from "./rooms";
import type { ClientOptions, SendOptions } from "./types";
import type { Answer, Presence } from "./wire";

export type { ClientEvents, ClientOptions, ClientState, SendOptions, WebSocketConstructor, WebSocketLike } from "./types";
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
    this.sendFrame(this.wire.message(this.requests.nextId(), room, data, type));
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
    const { id, answered } = this.request(PackageType.SUBSCRIBE, room, timeoutMs, `SUBSCRIBE "${room}"`);
    if (id === undefined) return answered.then(() => {});
    this.joined.begin(room, id);
    return answered.then(
      () => this.joined.entered(room, id),
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

  /** Sends a request that names `room` (or none); `answered` settles with its answer, matched by `id` (none: not sent). */
  private request(type: PackageType, room: string | undefined, timeoutMs: number, what: string) {
    const id = this.requests.nextId();
    try {
      this.sendFrame(this.wire.room(type, id, room));
    } catch (err) {
      return { answered: Promise.reject(err as Error) };
    }
    return { id, answered: this.requests.wait(id, type, timeoutMs, what) };
  }

  protected override signInRoom(): string {
    return this.joined.signInRoom ?? "";
  }

  protected override onReply(a: Answer): void {
    switch (a.type) {
      case PackageType.MESSAGE:
        for (const m of a.delivery!.messages) {
          const message = new Message(a.delivery!.roomID, a.delivery!.msgLv, m.data, m.type);
          this.emit("message", message);
          this.joined.dispatch(message);
        }
        return;
      case PackageType.MEMBERS:
        return void this.requests.settle(a.id, a.type, { value: a.text ?? "" });
      case PackageType.PRESENCE:
        return void this.requests.settle(a.id, a.type, { value: a.presence });
      case PackageType.SUBSCRIBE:
      case PackageType.UNSUBSCRIBE: {
        const e = a.err!;
        const outcome = e.code === ErrCode.OK ? { value: "" } : { error: new ProtocolError(e.code as ErrCode, e.msg) };
        // A late answer (its request timed out, or its connection is gone) has no one to go to: dropped.
        return void this.requests.settle(a.id, a.type, outcome);
      }
    }
  }

  /** A new connection joins every room the last one had subscribed to (the server allows a burst of a whole room cap). */
  protected override onSignedIn(): void {
    for (const room of this.joined.toRejoin()) {
      this.subscribe(room).catch((err: unknown) => {
        // A lost connection: the next one tries again. A refusal: the client is out of the room, and is told.
        if (!(err instanceof ConnectionError)) this.emit("error", err as ClientError);
      });
    }
  }
}
