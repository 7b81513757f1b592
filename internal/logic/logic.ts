// logic's behaviour, independent of transport: gRPC (grpc.ts), HTTP (http.ts) and standalone's direct link all land here.
import { queue as queueProto, type roomcast } from "@roomcast/api";
import {
  BROADCAST_ROOM,
  CONN_ROOM_PREFIX,
  ErrCode,
  MsgLevel,
  RoomcastError,
  USER_ROOM_PREFIX,
  checkRoomID,
  checkType,
  connNodeOf,
  RECALL_EVENT,
  utf8Encode,
} from "@roomcast/pkg/protocol";
import type {
  ClientMessage,
  ClientRecall,
  LogicHandler,
  OnlineReport,
  OnlineTotals,
  Refresh,
  Refreshed,
  SignIn,
  SignedIn,
} from "@roomcast/pkg/link";
import { authorizeRoom, type Tokens } from "@roomcast/pkg/token";
import { randomUUID } from "node:crypto";
import { partitionOf, partitionTopic, type Publisher } from "@roomcast/pkg/queue";
import { TurnBatcher } from "@roomcast/pkg/batch";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";
import type { OnlineTable } from "./online";
import { HistoryUnavailable, type History } from "@roomcast/pkg/history";

const bytesOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Where a business service's push goes (protocol 2): exactly one of these. */
export type PushTarget = { room: string } | { user: string } | { conn: string } | { broadcast: true };

/** The room a push target names. Throws RoomcastError(102) for an empty user or connection id. */
export function targetRoom(to: PushTarget): string {
  if ("broadcast" in to) return BROADCAST_ROOM;
  if ("room" in to) return to.room;
  const [prefix, id] = "user" in to ? [USER_ROOM_PREFIX, to.user] : [CONN_ROOM_PREFIX, to.conn];
  if (!id) throw new RoomcastError(ErrCode.MALFORMED, `${"user" in to ? "user" : "conn"} must not be empty`);
  return prefix + id;
}

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
  /** Room history ([history]): recall takes messages out of it. Absent: no room keeps history. */
  history?: History;
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

  /**
   * A client's sign-in: the token, and that it may join the room (107 if not); protocol 2 signs in to no room ("").
   * The answer says which rooms the token may join, so conn checks SUBSCRIBE without asking again.
   */
  connect(a: SignIn): SignedIn {
    if (a.roomID !== "") checkRoomID(a.roomID);
    const claims = this.deps.tokens.verify(a.token);
    if (a.roomID !== "") authorizeRoom(claims, a.roomID, this.deps.openRooms);
    const { uid, exp, rooms } = claims;
    return { uid, exp, access: { ...(rooms ? { rooms } : {}), openRooms: this.deps.openRooms } };
  }

  /** A signed-in connection's fresh token: checked as at sign-in (same room), and it must be the same uid's. */
  async refresh(r: Refresh): Promise<Refreshed> {
    const fresh = await this.connect({ token: r.token, roomID: r.roomID });
    if (fresh.uid !== r.uid) throw new RoomcastError(ErrCode.INVALID_TOKEN, `the fresh token is for another uid than the connection's`);
    return { exp: fresh.exp, access: fresh.access };
  }

  /** A client's message into its room (conn already checked the sender's room and level); answers its id. */
  submit(m: ClientMessage): Promise<string> {
    return this.enqueue(m.roomID, m.msgLv === MsgLevel.IMPORTANT ? MsgLevel.IMPORTANT : MsgLevel.NORMAL, m.data, m.uid, m.type ?? "");
  }

  /**
   * Withdraws message `id` from `room` (protocol 2): it leaves the room's history and the room gets the event
   * "$recall" (IMPORTANT, its text the id). A client (`sender` its uid) may recall only its own message, and only one
   * history holds (111 otherwise, 112 for another's); a business service (no sender) recalls any, and the event goes
   * out even when history no longer holds it (members may still show it). Answers whether history held it.
   */
  async recallOwn(r: ClientRecall): Promise<void> {
    await this.recall(r.roomID, r.id, r.uid);
  }

  async recall(room: string, id: string, sender?: string): Promise<{ found: boolean }> {
    checkRoomID(room);
    if (!id || id.length > 128) throw new RoomcastError(ErrCode.MALFORMED, "id must be 1-128 characters");
    let removed;
    try {
      removed = this.deps.history ? await this.deps.history.remove(room, id, sender) : ("missing" as const);
    } catch (err) {
      if (!(err instanceof HistoryUnavailable)) throw err;
      throw new RoomcastError(ErrCode.INTERNAL, "history unavailable, try again", { cause: err });
    }
    if (removed === "not-yours") throw new RoomcastError(ErrCode.NOT_YOUR_MESSAGE, `message ${id} was sent by another uid`);
    if (removed === "missing" && sender !== undefined)
      throw new RoomcastError(ErrCode.NO_SUCH_MESSAGE, `no message ${id} in the history of "${room}"`);
    await this.enqueue(room, MsgLevel.IMPORTANT, utf8Encode(id), sender ?? "", RECALL_EVENT);
    return { found: removed !== "missing" };
  }

  /**
   * A business service's push (POST /msg, the gRPC Push API) at level IMPORTANT to a room, a user, one connection or
   * everyone. Answers how many connections the cluster knew to be there when it was queued (see connections()).
   */
  async push(to: PushTarget, data: Uint8Array, type = ""): Promise<{ connections: number; id: string }> {
    const room = targetRoom(to);
    checkType(type);
    const connections = this.connections(room);
    const id = await this.enqueue(room, MsgLevel.IMPORTANT, data, "", type);
    return { connections, id };
  }

  /**
   * Connections in a room (a user's, one connection's, "" = all) by the conn nodes' last reports, at most
   * online.reportIntervalMs old. Logic sees no single connection: conn:<connID> counts 1 while its conn node is up.
   */
  connections(room: string): number {
    if (room.startsWith(CONN_ROOM_PREFIX)) return this.deps.online.hasNode(connNodeOf(room)) ? 1 : 0;
    return this.deps.online.total(room);
  }

  /** Validates one room message and queues it for job; resolves with its id once the queue accepted it. "" is the broadcast room. */
  async enqueue(roomID: string, msgLv: MsgLevel, data: Uint8Array, uid = "", type = ""): Promise<string> {
    const broadcast = roomID === BROADCAST_ROOM;
    if (!broadcast) checkRoomID(roomID);
    if (data.byteLength > this.deps.maxMessageBytes) {
      throw new RoomcastError(ErrCode.TOO_LARGE, `message of ${data.byteLength} bytes is over the limit of ${this.deps.maxMessageBytes}`);
    }
    const level = msgLv === MsgLevel.IMPORTANT ? "important" : "normal";
    const targets = this.targets(roomID);
    const id = randomUUID();
    const m: roomcast.queue.IRoomMsg = {
      roomID,
      msgLv,
      data,
      uid,
      ts: Date.now(),
      targets: targets ?? [],
      targetsKnown: targets !== null,
      broadcast,
      // One id for every copy of an IMPORTANT message (queue.secondNsqdTcp), so conn delivers it once; history keeps
      // every message by its id (recall names it).
      id,
      type,
    };
    try {
      const { topics, partitions } = this.deps;
      if (level === "normal") await this.normals.add(partitionTopic(topics.normal, partitions, partitionOf(roomID, partitions)), m);
      else await this.deps.queue.publish(topics.important, bytesOf(queueProto.RoomMsg.encode(m).finish()));
    } catch (err) {
      this.enqueueFailed.inc({ level });
      this.deps.log.error({ err, roomID, level }, "queue.publish failed");
      throw new RoomcastError(ErrCode.INTERNAL, "queue unavailable", { cause: err });
    }
    this.enqueued.inc({ level });
    return id;
  }

  /**
   * NORMAL messages of 5 ms, packed per partition topic into one queue message (in the order taken, so one
   * sender's stay in order). IMPORTANT ones go one by one: job finishes each only once it reached every conn node.
   */
  private readonly normals = new TurnBatcher<string, roomcast.queue.IRoomMsg, void>(
    async (topic, msgs) => {
      const body = msgs.length === 1 ? queueProto.RoomMsg.encode(msgs[0]!) : queueProto.RoomMsg.encode({ packed: msgs });
      await (this.deps.normalQueue ?? this.deps.queue).publish(topic, bytesOf(body.finish()));
      return msgs.map(() => undefined);
    },
    // 5 ms of them: requests from several conn nodes share one MPUB (a system call and a wake-up at logic, nsqd and
    // job each) and one queue message. Well under nsqd's message cap (1 MiB by default): a message may be 64 KiB.
    { delayMs: 5, maxSize: 512 * 1024, sizeOf: (m) => (m.data?.length ?? 0) + 128 },
  );

  /**
   * The conn nodes a room's messages go to; null = every conn node. A user's room and the broadcast room are joined
   * at sign-in without telling logic first (that would cost every sign-in a round trip), so they go everywhere; a
   * connection's room names its node.
   */
  private targets(room: string): string[] | null {
    if (room === BROADCAST_ROOM || room.startsWith(USER_ROOM_PREFIX)) return null;
    if (room.startsWith(CONN_ROOM_PREFIX)) return [connNodeOf(room)];
    return this.deps.online.targets(room);
  }

  reportOnline(r: OnlineReport): OnlineTotals {
    this.deps.online.report(r.connNode, r.rooms, r.full);
    // Only the rooms with members elsewhere too: for the others (a user's or a connection's room, most of a node's
    // rooms in a big cluster) the node's own count is the total, and echoing them doubled what a report costs.
    const rooms = new Map<string, number>();
    for (const [room, own] of r.rooms) {
      const total = this.deps.online.total(room);
      if (total !== own) rooms.set(room, total);
    }
    return { rooms };
  }
}
