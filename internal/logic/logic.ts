// logic's behaviour, independent of transport: gRPC (grpc.ts), HTTP (http.ts) and standalone's direct calls all land here.
import { queue as queueProto } from "@roomcast/api";
import { ErrCode, MsgLevel, RoomcastError, checkRoomID } from "@roomcast/pkg/protocol";
import type { Tokens } from "@roomcast/pkg/token";
import type { Queue } from "@roomcast/pkg/queue";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";
import type { OnlineTable } from "./online";

export interface ConnectArgs {
  server: string;
  key: string;
  token: string;
  roomID: string;
}
export interface ConnectResult {
  code: number;
  msg: string;
  uid: string;
}
export interface SessionArgs {
  server: string;
  key: string;
  uid: string;
  roomID: string;
}
export interface PublishArgs {
  server: string;
  uid: string;
  roomID: string;
  msgLv: number;
  data: Uint8Array;
}
export interface PublishResult {
  code: number;
  msg: string;
}
export interface OnlineArgs {
  server: string;
  rooms: Record<string, number>;
  full: boolean;
}
export interface OnlineResult {
  rooms: Record<string, number>;
}

interface Session {
  uid: string;
  roomID: string;
  renewedAt: number;
}

export interface LogicDeps {
  tokens: Tokens;
  queue: Queue;
  online: OnlineTable;
  log: Logger;
  registry: Registry;
  topics: { normal: string; important: string };
  maxMessageBytes: number;
}

export class LogicService {
  /** Open sessions by "<conn node>/<connection key>"; the base for per-user push later. */
  private readonly sessions = new Map<string, Session>();
  private readonly published: Counter;
  private readonly publishFailed: Counter;

  constructor(private readonly deps: LogicDeps) {
    this.published = new Counter({
      name: "roomcast_logic_published_total",
      help: "messages handed to the queue",
      labelNames: ["level"],
      registers: [deps.registry],
    });
    this.publishFailed = new Counter({
      name: "roomcast_logic_publish_failed_total",
      help: "messages the queue refused",
      labelNames: ["level"],
      registers: [deps.registry],
    });
  }

  connect(a: ConnectArgs): ConnectResult {
    try {
      checkRoomID(a.roomID);
      const claims = this.deps.tokens.verify(a.token);
      this.sessions.set(`${a.server}/${a.key}`, { uid: claims.uid, roomID: a.roomID, renewedAt: Date.now() });
      return { code: ErrCode.OK, msg: "ok", uid: claims.uid };
    } catch (err) {
      if (err instanceof RoomcastError) return { code: err.code, msg: err.message, uid: "" };
      throw err;
    }
  }

  disconnect(a: SessionArgs): void {
    this.sessions.delete(`${a.server}/${a.key}`);
  }

  heartbeat(a: SessionArgs): void {
    const s = this.sessions.get(`${a.server}/${a.key}`);
    if (s) s.renewedAt = Date.now();
    else this.sessions.set(`${a.server}/${a.key}`, { uid: a.uid, roomID: a.roomID, renewedAt: Date.now() });
  }

  sessionCount(): number {
    return this.sessions.size;
  }

  /** Drops the sessions of conn nodes that left the registry. */
  forgetNodes(alive: ReadonlySet<string>): void {
    for (const k of this.sessions.keys()) if (!alive.has(k.slice(0, k.indexOf("/")))) this.sessions.delete(k);
  }

  /** A client's message into its room (conn already checked the sender's room and level). */
  async publish(a: PublishArgs): Promise<PublishResult> {
    try {
      await this.publishRoom(a.roomID, a.msgLv === MsgLevel.IMPORTANT ? MsgLevel.IMPORTANT : MsgLevel.NORMAL, a.data, a.uid);
      return { code: ErrCode.OK, msg: "ok" };
    } catch (err) {
      if (err instanceof RoomcastError) return { code: err.code, msg: err.message };
      throw err;
    }
  }

  /** Validates and queues one room message; resolves once the queue accepted it. */
  async publishRoom(roomID: string, msgLv: MsgLevel, data: Uint8Array, uid = ""): Promise<void> {
    checkRoomID(roomID);
    if (data.byteLength > this.deps.maxMessageBytes) {
      throw new RoomcastError(ErrCode.TOO_LARGE, `message of ${data.byteLength} bytes is over the limit of ${this.deps.maxMessageBytes}`);
    }
    const level = msgLv === MsgLevel.IMPORTANT ? "important" : "normal";
    const body = queueProto.RoomMsg.encode({
      roomID,
      msgLv,
      data,
      uid,
      ts: Date.now(),
      targets: this.deps.online.targets(roomID),
      targetsKnown: true,
    }).finish();
    try {
      await this.deps.queue.publish(
        level === "important" ? this.deps.topics.important : this.deps.topics.normal,
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      );
    } catch (err) {
      this.publishFailed.inc({ level });
      this.deps.log.error({ err, roomID, level }, "queue.publish failed");
      throw new RoomcastError(ErrCode.INTERNAL, "queue unavailable", { cause: err });
    }
    this.published.inc({ level });
  }

  reportOnline(a: OnlineArgs): OnlineResult {
    this.deps.online.report(a.server, a.rooms, a.full);
    const rooms: Record<string, number> = {};
    for (const room of Object.keys(a.rooms)) rooms[room] = this.deps.online.total(room);
    return { rooms };
  }
}
