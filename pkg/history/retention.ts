// Which retention a room gets: rules by room-name prefix, the longest matching prefix wins; "" is every room's.
import type { Retention } from "./history";
import { BROADCAST_ROOM, CONN_ROOM_PREFIX } from "../protocol/rooms";

export interface RetentionRule extends Retention {
  /** Rooms whose name starts with this ("" = any room). */
  prefix: string;
}

export class RetentionRules {
  private readonly rules: RetentionRule[];

  /** Throws on a negative count or age, or two rules for one prefix. */
  constructor(rules: readonly RetentionRule[]) {
    const seen = new Set<string>();
    for (const r of rules) {
      if (!Number.isInteger(r.maxMessages) || r.maxMessages < 0)
        throw new Error(`history rule "${r.prefix}": maxMessages must be 0 or more`);
      if (!(r.maxAgeSec > 0)) throw new Error(`history rule "${r.prefix}": maxAgeSec must be over 0`);
      if (seen.has(r.prefix)) throw new Error(`history rules: prefix "${r.prefix}" is given twice`);
      seen.add(r.prefix);
    }
    this.rules = [...rules].sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /**
   * The retention of `room`: its longest matching rule's, or none kept when no rule matches. The broadcast room and
   * conn:<id> rooms keep none, whatever the rules say (a connection's id is new each time it connects).
   */
  of(room: string): Retention {
    if (room === BROADCAST_ROOM || room.startsWith(CONN_ROOM_PREFIX)) return { maxMessages: 0, maxAgeSec: 1 };
    const r = this.rules.find((x) => room.startsWith(x.prefix));
    return r ? { maxMessages: r.maxMessages, maxAgeSec: r.maxAgeSec } : { maxMessages: 0, maxAgeSec: 1 };
  }
}
