// Rooms on one conn node: who is here (counts), and delivery of room batches through pub/sub.
// Every member subscribes to two topics per room: NORMAL batches and IMPORTANT ones, so a slow socket
// can leave the NORMAL topic while IMPORTANT messages still reach it.
import type { Deliverer, RoomBatch } from "@roomcast/pkg/link";
import { MsgLevel, deliveryFrame } from "@roomcast/pkg/protocol";
import { SeenIds } from "./seen_ids";

export const normalTopic = (room: string) => `n:${room}`;
export const importantTopic = (room: string) => `i:${room}`;

/** Sends one encoded frame to every subscriber of a topic (uWebSockets.js app.publish, fanned out in C++). */
export type FanOut = (topic: string, frame: Uint8Array) => void;

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
  /** Members currently off the NORMAL topic because their send buffer is over the soft limit. */
  private readonly slow = new Map<string, number>();
  readonly stats: RoomStats = { framesPublished: 0, messagesDelivered: 0, normalDropped: 0, importantRepeats: 0 };

  constructor(
    private readonly fanOut: FanOut,
    private readonly seen = new SeenIds(),
  ) {}

  /** Counts a member in; true when it is the room's first member on this node. */
  join(room: string): boolean {
    const n = (this.members.get(room) ?? 0) + 1;
    this.members.set(room, n);
    return n === 1;
  }

  leave(room: string): void {
    const n = (this.members.get(room) ?? 0) - 1;
    if (n > 0) this.members.set(room, n);
    else this.members.delete(room);
  }

  markSlow(room: string, slow: boolean): void {
    const n = (this.slow.get(room) ?? 0) + (slow ? 1 : -1);
    if (n > 0) this.slow.set(room, n);
    else this.slow.delete(room);
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

  /** Encodes the batch once and fans it out to the room's members; returns how many members it reached. */
  deliver({ roomID: room, msgLv, packed, count, ids }: RoomBatch): number {
    // Remembered even when no member is here: the first copy reached everyone who was.
    if (msgLv === MsgLevel.IMPORTANT && ids && ids.length > 0 && this.seen.allSeen(ids)) {
      this.stats.importantRepeats++;
      return 0;
    }
    const members = this.members.get(room) ?? 0;
    if (members === 0) return 0;
    const frame = deliveryFrame(room, msgLv, packed);
    let reached = members;
    if (msgLv === MsgLevel.IMPORTANT) this.fanOut(importantTopic(room), frame);
    else {
      const slow = this.slow.get(room) ?? 0;
      this.stats.normalDropped += slow;
      reached -= slow;
      this.fanOut(normalTopic(room), frame);
    }
    this.stats.framesPublished++;
    this.stats.messagesDelivered += reached * count;
    return reached;
  }
}
