// What the soak sent and what its steady members received, by sequence number: NORMAL per sender, IMPORTANT per room.
// Only steady members (connected from before the first message to the end) are held to the promises; churning
// clients come and go and would miss messages by design.

/** A growable set of small non-negative integers (sequence numbers), one bit each. */
class SeqSet {
  private bits = new Uint8Array(256);
  size = 0;
  /** True when seq was not in the set yet. */
  add(seq: number): boolean {
    const byte = seq >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (seq & 7);
    if (this.bits[byte]! & mask) return false;
    this.bits[byte]! |= mask;
    this.size++;
    return true;
  }
  has(seq: number): boolean {
    return ((this.bits[seq >> 3] ?? 0) & (1 << (seq & 7))) !== 0;
  }
}

/** One steady member's receipts. */
interface Receipts {
  room: number;
  /** NORMAL seqs per sender index, and the highest seen so far (for order). */
  normal: Map<number, SeqSet>;
  lastNormal: Map<number, number>;
  important: SeqSet;
}

export interface NormalTally {
  sent: number;
  expected: number;
  delivered: number;
  missing: number;
  duplicated: number;
  outOfOrder: number;
}

export interface ImportantTally {
  posted: number;
  acknowledged: number;
  failed: number;
  /** Posts still unanswered at the end (should be 0: each has a 30 s timeout). */
  unanswered: number;
  expected: number;
  delivered: number;
  duplicated: number;
  /** (member, acknowledged message) pairs never received. */
  lost: number;
  /** Acknowledged messages at least one steady member never received. */
  lostMessages: number;
  /** Failed posts that reached members anyway (at least once: a 503 may still have been queued). */
  deliveredUnacknowledged: number;
}

const enum Post {
  Pending = 0,
  Acknowledged = 1,
  Failed = 2,
}

/** A message's body says what it is, and when it was sent (this process's clock, for the delivery latency). */
export const normalBody = (sender: number, seq: number) => `n:${sender}:${seq}:${Date.now()}`;
export const importantBody = (room: number, seq: number) => `i:${room}:${seq}:${Date.now()}`;

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Delivery latencies of one sampling period: up to 20,000 kept (a uniform sample of them beyond that). */
export class Latencies {
  private values: number[] = [];
  private seen = 0;
  add(ms: number): void {
    this.seen++;
    if (this.values.length < 20_000) this.values.push(ms);
    else {
      const i = Math.floor(Math.random() * this.seen);
      if (i < this.values.length) this.values[i] = ms;
    }
  }
  /** The period's percentiles; the next period starts empty. */
  take(): Percentiles {
    const v = this.values.sort((a, b) => a - b);
    const at = (q: number) => v[Math.min(v.length - 1, Math.floor(q * v.length))] ?? 0;
    const r = { count: this.seen, p50: at(0.5), p99: at(0.99), max: v[v.length - 1] ?? 0 };
    this.values = [];
    this.seen = 0;
    return r;
  }
}

export class Ledger {
  /** NORMAL messages sent, per sender index. */
  private readonly normalSent: number[] = [];
  private readonly senderRoom: number[] = [];
  /** IMPORTANT post states, per room, by seq. */
  private readonly posts: Post[][];
  private readonly members = new Map<number, Receipts>();
  /** Members that lost their connection unexpectedly: no longer held to the promises. */
  private readonly excluded = new Set<number>();
  normalDuplicated = 0;
  normalOutOfOrder = 0;
  importantDuplicated = 0;
  /** Bodies no rule recognised (someone else's message, or a corrupted one). */
  strangers = 0;
  readonly normalLatency = new Latencies();
  readonly importantLatency = new Latencies();

  constructor(rooms: number) {
    this.posts = Array.from({ length: rooms }, () => []);
  }

  addSender(sender: number, room: number): void {
    this.normalSent[sender] = 0;
    this.senderRoom[sender] = room;
  }

  addMember(client: number, room: number): void {
    this.members.set(client, { room, normal: new Map(), lastNormal: new Map(), important: new SeqSet() });
  }

  exclude(client: number): void {
    this.excluded.add(client);
  }

  get excludedCount(): number {
    return this.excluded.size;
  }

  get steadyCount(): number {
    return this.members.size - this.excluded.size;
  }

  /** The next NORMAL seq of a sender, counted as sent. */
  nextNormal(sender: number): number {
    return this.normalSent[sender]!++;
  }

  /** The next IMPORTANT seq of a room, pending until answered. */
  nextImportant(room: number): number {
    return this.posts[room]!.push(Post.Pending) - 1;
  }

  answered(room: number, seq: number, ok: boolean): void {
    this.posts[room]![seq] = ok ? Post.Acknowledged : Post.Failed;
  }

  /** A message a member received; only steady members' receipts count. */
  received(client: number, text: string): void {
    const r = this.members.get(client);
    if (!r) return;
    const [kind, a, b, c] = text.split(":");
    const x = Number(a);
    const seq = Number(b);
    const latency = Date.now() - Number(c);
    if (!Number.isInteger(x) || !Number.isInteger(seq) || !Number.isFinite(latency)) return void this.strangers++;
    if (kind === "n") {
      this.normalLatency.add(latency);
      let set = r.normal.get(x);
      if (!set) r.normal.set(x, (set = new SeqSet()));
      if (!set.add(seq)) this.normalDuplicated++;
      if (seq < (r.lastNormal.get(x) ?? -1)) this.normalOutOfOrder++;
      else r.lastNormal.set(x, seq);
    } else if (kind === "i" && x === r.room) {
      this.importantLatency.add(latency);
      if (!r.important.add(seq)) this.importantDuplicated++;
    } else this.strangers++;
  }

  private steady(): Receipts[] {
    return [...this.members].filter(([c]) => !this.excluded.has(c)).map(([, r]) => r);
  }

  normal(): NormalTally {
    const steady = this.steady();
    let expected = 0;
    let delivered = 0;
    this.normalSent.forEach((sent, sender) => {
      for (const r of steady) {
        if (r.room !== this.senderRoom[sender]) continue;
        expected += sent;
        delivered += r.normal.get(sender)?.size ?? 0;
      }
    });
    const sent = this.normalSent.reduce((s, n) => s + n, 0);
    return {
      sent,
      expected,
      delivered,
      missing: expected - delivered,
      duplicated: this.normalDuplicated,
      outOfOrder: this.normalOutOfOrder,
    };
  }

  important(): ImportantTally {
    const steady = this.steady();
    const t: ImportantTally = {
      posted: 0,
      acknowledged: 0,
      failed: 0,
      unanswered: 0,
      expected: 0,
      delivered: 0,
      duplicated: this.importantDuplicated,
      lost: 0,
      lostMessages: 0,
      deliveredUnacknowledged: 0,
    };
    this.posts.forEach((posts, room) => {
      const inRoom = steady.filter((r) => r.room === room);
      posts.forEach((state, seq) => {
        t.posted++;
        const got = inRoom.filter((r) => r.important.has(seq)).length;
        if (state === Post.Acknowledged) {
          t.acknowledged++;
          t.expected += inRoom.length;
          t.delivered += got;
          t.lost += inRoom.length - got;
          if (got < inRoom.length) t.lostMessages++;
        } else if (state === Post.Failed) {
          t.failed++;
          if (got > 0) t.deliveredUnacknowledged++;
        } else t.unanswered++;
      });
    });
    return t;
  }

  /** Deliveries still owed to steady members (NORMAL missing + IMPORTANT lost), for waiting at the end. */
  owed(): number {
    return this.normal().missing + this.important().lost;
  }
}
