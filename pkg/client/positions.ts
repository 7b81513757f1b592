// Where the client stands in each room's history (protocol 2), and the IMPORTANT message ids it has: what lets a
// reconnect recover exactly what was missed, and lets the client drop a message that comes twice.

/** Offsets received above a gap are remembered up to this many; past it the gap is given up (those NORMAL messages are lost). */
const MAX_AHEAD = 1_000;
/** IMPORTANT message ids remembered, to drop a second copy. */
const MAX_IDS = 10_000;

import type { Position } from "../protocol/history_codec";

export type { Position };

/** One room: its epoch, the offset up to which every message arrived, and the offsets received beyond a gap. */
class RoomPosition {
  epoch = "";
  offset = 0;
  private readonly ahead = new Set<number>();

  /** True when the message at (epoch, offset) is new: it is then counted as received. */
  accept(epoch: string, offset: number): boolean {
    if (epoch !== this.epoch) {
      // The first message with a position, or the room's history began again: count from here.
      this.epoch = epoch;
      this.offset = offset - 1;
      this.ahead.clear();
    }
    if (offset <= this.offset || this.ahead.has(offset)) return false;
    this.ahead.add(offset);
    this.advance();
    if (this.ahead.size > MAX_AHEAD) {
      this.offset = Math.min(...this.ahead) - 1;
      this.advance();
    }
    return true;
  }

  /** The server says the room stands at (epoch, offset) and the client has everything up to it (recovery, reload). */
  settle(epoch: string, offset: number): void {
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.ahead.clear();
      this.offset = offset;
    } else this.offset = Math.max(this.offset, offset);
    for (const o of this.ahead) if (o <= this.offset) this.ahead.delete(o);
    this.advance();
  }

  private advance(): void {
    while (this.ahead.delete(this.offset + 1)) this.offset++;
  }
}

export class Positions {
  private readonly rooms = new Map<string, RoomPosition>();
  private readonly ids = new Set<string>();

  /** The position to recover `room` from: what the client has, or an empty epoch when it has nothing yet. */
  of(room: string): Position {
    const p = this.rooms.get(room);
    return p ? { epoch: p.epoch, offset: p.offset } : { epoch: "", offset: 0 };
  }

  /** True when a delivered message is new; a repeat (by offset, or an IMPORTANT message by id) is false. */
  accept(room: string, epoch: string, offset: number, importantId: string): boolean {
    if (importantId) {
      if (this.ids.has(importantId)) return false;
      this.ids.add(importantId);
      if (this.ids.size > MAX_IDS) this.ids.delete(this.ids.values().next().value!);
    }
    if (!epoch) return true;
    return this.room(room).accept(epoch, offset);
  }

  settle(room: string, epoch: string, offset: number): void {
    if (epoch) this.room(room).settle(epoch, offset);
  }

  /** The client left the room: its position is forgotten (a later subscribe starts from the room's newest). */
  forget(room: string): void {
    this.rooms.delete(room);
  }

  private room(room: string): RoomPosition {
    let p = this.rooms.get(room);
    if (!p) this.rooms.set(room, (p = new RoomPosition()));
    return p;
  }
}
