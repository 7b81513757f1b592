// Merges NORMAL messages per room for a short window, so one frame carries many messages (docs/design.md, "Hot path").
// The window is shared: every batch pending when it ends flushes in the same turn, so a message waits at most
// windowMs, one timer serves all rooms, and the batches for one conn node can leave in one push.
import type { MsgLevel } from "@roomcast/pkg/protocol";

/** One room's messages waiting for the window to end. */
export interface PendingRoom {
  roomID: string;
  msgLv: MsgLevel;
  messages: Uint8Array[];
  /** Each message's id and sender (history keeps both), in order. */
  ids: string[];
  uids: string[];
  /** protocol 2: each message's type, in order; absent until a message with a type arrives. */
  types?: string[];
  bytes: number;
  /** conn nodes to push to; null = every conn node. */
  targets: Set<string> | null;
}

export interface WindowLimits {
  windowMs: number;
  maxMessages: number;
  maxBytes: number;
}

export class RoomWindow {
  private readonly pending = new Map<string, PendingRoom>();
  private window: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: WindowLimits,
    private readonly flush: (p: PendingRoom) => void,
  ) {}

  /** Adds a message; the room's batch flushes when the window ends or it reaches a size cap. */
  add(roomID: string, msgLv: MsgLevel, data: Uint8Array, targets: readonly string[] | null, type = "", id = "", uid = ""): void {
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
        ids: [],
        uids: [],
        bytes: 0,
        targets: targets ? new Set(targets) : null,
      };
      this.pending.set(key, b);
      this.window ??= setTimeout(() => this.flushAll(), this.limits.windowMs);
    } else if (b.targets) {
      if (targets) for (const t of targets) b.targets.add(t);
      else b.targets = null;
    }
    // Untyped rooms pay nothing: the list starts with the first typed message, padded for the untyped ones before it.
    if (type && !b.types) b.types = b.messages.map(() => "");
    b.types?.push(type);
    b.messages.push(data);
    b.ids.push(id);
    b.uids.push(uid);
    b.bytes += data.byteLength + 4 + type.length + id.length;
    if (b.messages.length >= this.limits.maxMessages) this.flushKey(key);
  }

  /** Flushes everything pending: at the end of each window, and at shutdown. */
  flushAll(): void {
    clearTimeout(this.window);
    this.window = undefined;
    for (const key of [...this.pending.keys()]) this.flushKey(key);
  }

  size(): number {
    return this.pending.size;
  }

  private flushKey(key: string): void {
    const b = this.pending.get(key);
    if (!b) return;
    this.pending.delete(key);
    this.flush(b);
  }
}
