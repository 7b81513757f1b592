// Rooms on one conn node: who is here (counts), and delivery of room batches through pub/sub.
// Every member subscribes to two topics per room: NORMAL batches and IMPORTANT ones, so a slow socket
// can leave the NORMAL topic while IMPORTANT messages still reach it. Members speaking JSON (protocol 2) have topics
// of their own: a batch is encoded once per codec that has members in the room, never once per member.
// conn:<connID> is not a topic: a push to one connection goes through the directory of connections.
import type { Deliverer, RoomBatch } from "@roomcast/pkg/link";
import { BROADCAST_ROOM, CONN_ROOM_PREFIX, MsgLevel, jsonWire, protoWire, type Outgoing, type Wire } from "@roomcast/pkg/protocol";
import { SeenIds } from "./seen_ids";

export const normalTopic = (room: string, json = false) => (json ? `jn:${room}` : `n:${room}`);
export const importantTopic = (room: string, json = false) => (json ? `ji:${room}` : `i:${room}`);

/** Sends one encoded frame to every subscriber of a topic (uWebSockets.js app.publish, fanned out in C++). */
export type FanOut = (topic: string, frame: Outgoing) => void;

/** A connection as the directory holds it: its codec and how to send it a frame. */
export interface Addressee {
  wire: Wire;
  send(frame: Outgoing): void;
}

export interface RoomStats {
  framesPublished: number;
  messagesDelivered: number;
  /** NORMAL batches not sent to slow sockets (one per socket per batch). */
  normalDropped: number;
  /** IMPORTANT batches not delivered again: every message in them was delivered lately (same ids). */
  importantRepeats: number;
}

export class Rooms implements Deliverer {
  private readonly members = new Map<string, number>();
  /** Of those, the members speaking JSON. */
  private readonly jsonMembers = new Map<string, number>();
  /** Members currently off the NORMAL topic because their send buffer is over the soft limit. */
  private readonly slow = new Map<string, number>();
  /** The uids in each room (a uid with several connections counted once per connection), for PRESENCE. */
  private readonly uids = new Map<string, Map<string, number>>();
  /** Signed-in connections by connection id, for pushes to conn:<connID>. */
  private readonly connections = new Map<string, Addressee>();
  readonly stats: RoomStats = { framesPublished: 0, messagesDelivered: 0, normalDropped: 0, importantRepeats: 0 };
  /** Told of every join and leave, with the room (the online reporter's delta). */
  onChange?: (room: string) => void;
  /** Rooms whose IMPORTANT messages must be acknowledged (protocol 2): their frames say so. */
  acked?: (room: string) => boolean;
  /** Members recovering a room (protocol 2) see its batches here until they listen to its topics. */
  private readonly watchers = new Map<string, Set<(b: RoomBatch) => void>>();

  constructor(
    private readonly fanOut: FanOut,
    private readonly seen = new SeenIds(),
  ) {}

  /** Counts a member in; true when it is the room's first member on this node. */
  join(room: string, json = false, uid = ""): boolean {
    if (json) add(this.jsonMembers, room, 1);
    if (uid && room !== BROADCAST_ROOM) {
      let uids = this.uids.get(room);
      if (!uids) this.uids.set(room, (uids = new Map()));
      add(uids, uid, 1);
    }
    this.onChange?.(room);
    return add(this.members, room, 1) === 1;
  }

  leave(room: string, json = false, uid = ""): void {
    if (json) add(this.jsonMembers, room, -1);
    const uids = uid ? this.uids.get(room) : undefined;
    if (uids && add(uids, uid, -1) === 0 && uids.size === 0) this.uids.delete(room);
    add(this.members, room, -1);
    this.onChange?.(room);
  }

  /** The uids in a room on this node: at most `limit` of them, and how many there are. */
  presence(room: string, limit: number): { uids: string[]; total: number } {
    const uids = this.uids.get(room);
    if (!uids) return { uids: [], total: 0 };
    const out: string[] = [];
    for (const uid of uids.keys()) {
      if (out.length >= limit) break;
      out.push(uid);
    }
    return { uids: out, total: uids.size };
  }

  /**
   * Hands every batch of the room delivered from now on to `see` as well, until the answer is called: a member
   * recovering the room keeps them while it reads history, so nothing falls between the two.
   */
  watch(room: string, see: (b: RoomBatch) => void): () => void {
    let set = this.watchers.get(room);
    if (!set) this.watchers.set(room, (set = new Set()));
    set.add(see);
    return () => {
      set.delete(see);
      if (set.size === 0 && this.watchers.get(room) === set) this.watchers.delete(room);
    };
  }

  markSlow(room: string, slow: boolean): void {
    add(this.slow, room, slow ? 1 : -1);
  }

  /** A signed-in connection, reachable as conn:<connID> until it is forgotten. */
  register(connID: string, a: Addressee): void {
    this.connections.set(connID, a);
  }

  forget(connID: string): void {
    this.connections.delete(connID);
  }

  count(room: string): number {
    return this.members.get(room) ?? 0;
  }

  /** Rooms with members and their counts (a copy). */
  snapshot(): Map<string, number> {
    return new Map(this.members);
  }

  /** Rooms with members on this node. */
  size(): number {
    return this.members.size;
  }

  /** Encodes the batch once per codec in use and fans it out to the room's members; returns how many it reached. */
  deliver(batch: RoomBatch): number {
    const { roomID: room, msgLv, packed, count, ids } = batch;
    // Remembered even when no member is here: the first copy reached everyone who was.
    if (msgLv === MsgLevel.IMPORTANT && ids && ids.length > 0 && this.seen.allSeen(ids)) {
      this.stats.importantRepeats++;
      return 0;
    }
    if (room.startsWith(CONN_ROOM_PREFIX)) return this.deliverToConnection(batch);
    const watchers = this.watchers.get(room);
    if (watchers) for (const see of watchers) see(batch);
    const members = this.members.get(room) ?? 0;
    if (members === 0) return 0;
    const json = this.jsonMembers.get(room) ?? 0;
    const important = msgLv === MsgLevel.IMPORTANT;
    const topic = important ? importantTopic : normalTopic;
    const meta = important && this.acked?.(room) ? { ...batch, ack: true } : batch;
    if (json < members) this.fanOut(topic(room), protoWire.delivery(room, msgLv, packed, meta));
    if (json > 0) this.fanOut(topic(room, true), jsonWire.delivery(room, msgLv, packed, meta));
    let reached = members;
    if (!important) {
      const slow = this.slow.get(room) ?? 0;
      this.stats.normalDropped += slow;
      reached -= slow;
    }
    this.stats.framesPublished++;
    this.stats.messagesDelivered += reached * count;
    return reached;
  }

  private deliverToConnection(b: RoomBatch): number {
    const a = this.connections.get(b.roomID.slice(CONN_ROOM_PREFIX.length));
    if (!a) return 0;
    a.send(a.wire.delivery(b.roomID, b.msgLv, b.packed, b));
    this.stats.framesPublished++;
    this.stats.messagesDelivered += b.count;
    return 1;
  }
}

/** Adds to a count kept in a map, forgetting it at 0; answers the new count. */
function add(counts: Map<string, number>, key: string, by: number): number {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
  return n;
}
