// The rooms one connection is in (protocol 2: several), with their pub/sub topics. Every signed-in connection is in
// the broadcast room "" and in user:<uid> besides the rooms it chose; conn:<connID> is reached through Rooms'
// directory, not a topic. A slow socket is off every NORMAL topic of its rooms at once.
import { BROADCAST_ROOM } from "@roomcast/pkg/protocol";
import { importantTopic, normalTopic, type Rooms } from "./room";
import type { Transport } from "./transport";

export class Memberships {
  private readonly rooms = new Set<string>();
  /** Rooms entered but not listened to yet (being recovered). */
  private readonly quiet = new Set<string>();
  private slow = false;
  /** The connection's uid once signed in: rooms count their uids for PRESENCE. */
  uid = "";

  constructor(
    private readonly transport: Transport,
    private readonly all: Rooms,
    private readonly json: boolean,
  ) {}

  has(room: string): boolean {
    return this.rooms.has(room);
  }

  /** Rooms the connection is in, the broadcast room left out. */
  list(): string[] {
    return [...this.rooms].filter((r) => r !== BROADCAST_ROOM);
  }

  /**
   * Enters a room; true when it is the room's first member on this node (the caller tells logic). With `listen`
   * false the connection counts as a member but gets no batches until listen(): it recovers the room first.
   */
  enter(room: string, listen = true): boolean {
    this.rooms.add(room);
    if (listen) this.subscribe(room);
    else this.quiet.add(room);
    return this.all.join(room, this.json, this.uid);
  }

  /** Entered, and not yet listening (being recovered). */
  isQuiet(room: string): boolean {
    return this.quiet.has(room);
  }

  /** A room entered without listening starts getting its batches; nothing when it was left meanwhile. */
  listen(room: string): void {
    if (this.quiet.delete(room)) this.subscribe(room);
  }

  /** The room's topics (a slow socket: its IMPORTANT one only). */
  private subscribe(room: string): void {
    if (!this.slow) this.transport.subscribe(normalTopic(room, this.json));
    else this.all.markSlow(room, true);
    this.transport.subscribe(importantTopic(room, this.json));
  }

  /** Leaves a room it is in; false when it was not in it. */
  exit(room: string): boolean {
    if (!this.rooms.delete(room)) return false;
    if (!this.quiet.delete(room)) {
      this.transport.unsubscribe(normalTopic(room, this.json));
      this.transport.unsubscribe(importantTopic(room, this.json));
      if (this.slow) this.all.markSlow(room, false);
    }
    this.all.leave(room, this.json, this.uid);
    return true;
  }

  exitAll(): void {
    for (const room of [...this.rooms]) this.exit(room);
  }

  /** Off (or back on) the NORMAL topics of every room: a slow socket still gets IMPORTANT messages. */
  setSlow(slow: boolean): void {
    if (slow === this.slow) return;
    this.slow = slow;
    for (const room of this.rooms) {
      if (this.quiet.has(room)) continue;
      if (slow) this.transport.unsubscribe(normalTopic(room, this.json));
      else this.transport.subscribe(normalTopic(room, this.json));
      this.all.markSlow(room, slow);
    }
  }
}
