// Merges NORMAL messages per room for a short window, so one frame carries many messages (DESIGN.md §4).
import type { MsgLevel } from "@roomcast/pkg/protocol";

export interface Batch {
  roomID: string;
  msgLv: MsgLevel;
  messages: Uint8Array[];
  bytes: number;
  /** conn nodes to push to; null = every conn node. */
  targets: Set<string> | null;
}

export interface BatchLimits {
  windowMs: number;
  maxMessages: number;
  maxBytes: number;
}

interface Pending extends Batch {
  timer: NodeJS.Timeout;
}

export class Batcher {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly limits: BatchLimits,
    private readonly flush: (b: Batch) => void,
  ) {}

  /** Adds a message; the room's batch flushes when its window ends or it reaches a size cap. */
  add(roomID: string, msgLv: MsgLevel, data: Uint8Array, targets: readonly string[] | null): void {
    const key = `${msgLv}:${roomID}`;
    let b = this.pending.get(key);
    if (b && b.bytes + data.byteLength + 4 > this.limits.maxBytes) {
      this.flushKey(key);
      b = undefined;
    }
    if (!b) {
      b = {
        roomID,
        msgLv,
        messages: [],
        bytes: 0,
        targets: targets ? new Set(targets) : null,
        timer: setTimeout(() => this.flushKey(key), this.limits.windowMs),
      };
      this.pending.set(key, b);
    } else if (b.targets) {
      if (targets) for (const t of targets) b.targets.add(t);
      else b.targets = null;
    }
    b.messages.push(data);
    b.bytes += data.byteLength + 4;
    if (b.messages.length >= this.limits.maxMessages) this.flushKey(key);
  }

  /** Flushes everything pending (shutdown). */
  flushAll(): void {
    for (const key of [...this.pending.keys()]) this.flushKey(key);
  }

  size(): number {
    return this.pending.size;
  }

  private flushKey(key: string): void {
    const b = this.pending.get(key);
    if (!b) return;
    this.pending.delete(key);
    clearTimeout(b.timer);
    this.flush({ roomID: b.roomID, msgLv: b.msgLv, messages: b.messages, bytes: b.bytes, targets: b.targets });
  }
}
