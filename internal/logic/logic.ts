// logic's behaviour, independent of transport: gRPC (grpc.ts), HTTP (http.ts) and standalone's direct link all land here.
import { queue as queueProto } from "@roomcast/api";
import { ErrCode, MsgLevel, RoomcastError, checkRoomID } from "@roomcast/pkg/protocol";
import type { ClientMessage, LogicHandler, OnlineReport, OnlineTotals, Refresh, Refreshed, SignIn, SignedIn } from "@roomcast/pkg/link";
import { authorizeRoom, type Tokens } from "@roomcast/pkg/token";
import { randomUUID } from "node:crypto";
import { partitionOf, partitionTopic, type Publisher } from "@roomcast/pkg/queue";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";
import type { OnlineTable } from "./online";

export interface LogicDeps {
  tokens: Tokens;
  /** Where IMPORTANT messages go (every copy), and NORMAL ones unless normalQueue is set. */
  queue: Publisher;
  /** Where NORMAL messages go, if not to `queue` (an nsqd in memory beside the one on disk). */
  normalQueue?: Publisher;
  online: OnlineTable;
  log: Logger;
  registry: Registry;
  topics: { normal: string; important: string };
  /** NORMAL messages go to their room's partition topic, so one job node at a time takes a room's messages, in order. */
  partitions: number;
  maxMessageBytes: number;
  /** A token without a rooms claim may join any room (token.openRooms); a claim is always held to, user:<uid> is its uid's. */
  openRooms: boolean;
}

export class LogicService implements LogicHandler {
  private readonly enqueued: Counter;
  private readonly enqueueFailed: Counter;

  constructor(private readonly deps: LogicDeps) {
    this.enqueued = new Counter({
      name: "roomcast_logic_published_total",
      help: "messages handed to the queue",
      labelNames: ["level"],
      registers: [deps.registry],
    });
    this.enqueueFailed = new Counter({
      name: "roomcast_logic_publish_failed_total",
      help: "messages the queue refused",
      labelNames: ["level"],
      registers: [deps.registry],
    });
  }

  /** A client's sign-in: the room name, the token, and that the token may join the room (107 if not). */
  connect(a: SignIn): SignedIn {
    checkRoomID(a.roomID);
    const claims = this.deps.tokens.verify(a.token);
    authorizeRoom(claims, a.roomID, this.deps.openRooms);
    const { uid, exp } = claims;
    return { uid, exp };
  }

  /** A signed-in connection's fresh token: checked as at sign-in (same room), and it must be the same uid's. */
  async refresh(r: Refresh): Promise<Refreshed> {
    const fresh = await this.connect({ token: r.token, roomID: r.roomID });
    if (fresh.uid !== r.uid) throw new RoomcastError(ErrCode.INVALID_TOKEN, `the fresh token is for another uid than the connection's`);
    return { exp: fresh.exp };
  }

  /** A client's message into its room (conn already checked the sender's room and level). */
  submit(m: ClientMessage): Promise<void> {
    return this.enqueue(m.roomID, m.msgLv === MsgLevel.IMPORTANT ? MsgLevel.IMPORTANT : MsgLevel.NORMAL, m.data, m.uid);
  }

  /** Validates one room message and queues it for job; resolves once the queue accepted it. */
  async enqueue(roomID: string, msgLv: MsgLevel, data: Uint8Array, uid = ""): Promise<void> {
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
      // One id for every copy of an IMPORTANT message (queue.secondNsqdTcp), so conn delivers it once.
      id: level === "important" ? randomUUID() : "",
    }).finish();
    try {
      const { topics, partitions } = this.deps;
      const queue = level === "normal" ? (this.deps.normalQueue ?? this.deps.queue) : this.deps.queue;
      await queue.publish(
        level === "important" ? topics.important : partitionTopic(topics.normal, partitions, partitionOf(roomID, partitions)),
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      );
    } catch (err) {
      this.enqueueFailed.inc({ level });
      this.deps.log.error({ err, roomID, level }, "queue.publish failed");
      throw new RoomcastError(ErrCode.INTERNAL, "queue unavailable", { cause: err });
    }
    this.enqueued.inc({ level });
  }

  reportOnline(r: OnlineReport): OnlineTotals {
    this.deps.online.report(r.connNode, r.rooms, r.full);
    const rooms = new Map<string, number>();
    for (const room of r.rooms.keys()) rooms.set(room, this.deps.online.total(room));
    return { rooms };
  }
}
