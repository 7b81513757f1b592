// Counting one round: which acknowledged IMPORTANT messages reached every counted member, how many arrived twice,
// and whether each sender's NORMAL messages arrived in the order sent.
import type { Member, RoomTraffic } from "./traffic";

export interface Tally {
  /** IMPORTANT: posts made, posts answered 200. */
  sent: number;
  acked: number;
  /** Members counted for losses. */
  members: number;
  /** Acknowledged messages × counted members: what should arrive. */
  expected: number;
  /** Of those, (member, message) pairs that did arrive. */
  delivered: number;
  /** Copies beyond the first, of any IMPORTANT message, at counted members. */
  duplicated: number;
  /** expected - delivered. */
  lost: number;
  /** Distinct acknowledged messages missing at one counted member at least. */
  lostMessages: number;
  /** A few "seq → member" pairs that are missing, for the report. */
  lostSample: string[];
  normal: {
    sent: number;
    expected: number;
    delivered: number;
    outOfOrder: number;
    sample: string[];
    /** "member←sender" pairs where the sender sent and the member got none of it: an order check there proves nothing. */
    silent: string[];
  };
  /** Counted members whose connection closed during the round (nobody closed it on purpose). */
  closedCounted: string[];
}

function importantSeqs(m: Member, room: string): number[] {
  const prefix = `I|${room}|`;
  return m.client.received.filter((r) => r.text.startsWith(prefix)).map((r) => Number(r.text.slice(prefix.length)));
}

/** How many acknowledged messages a member still misses. */
export function missing(t: RoomTraffic, room: string, m: Member): number[] {
  const got = new Set(importantSeqs(m, room));
  return [...t.acked].filter((seq) => !got.has(seq));
}

/** True once every counted member holds every acknowledged message. */
export function allDelivered(t: RoomTraffic, room: string): boolean {
  return t.members.filter((m) => m.counted).every((m) => missing(t, room, m).length === 0);
}

/** Per member and sender: a NORMAL sequence number not above the last one seen from that sender is out of order. */
function normalOrder(m: Member): { delivered: number; outOfOrder: number; sample: string[]; senders: Set<string> } {
  const last = new Map<string, number>();
  let delivered = 0;
  let outOfOrder = 0;
  const sample: string[] = [];
  for (const r of m.client.received) {
    if (!r.text.startsWith("N|")) continue;
    const [, sender, seqText] = r.text.split("|");
    const seq = Number(seqText);
    delivered++;
    const prev = last.get(sender!) ?? 0;
    if (seq <= prev) {
      outOfOrder++;
      if (sample.length < 3) sample.push(`${m.uid} got ${sender}#${seq} after #${prev}`);
    }
    last.set(sender!, Math.max(prev, seq));
  }
  return { delivered, outOfOrder, sample, senders: new Set(last.keys()) };
}

export function tally(t: RoomTraffic, room: string): Tally {
  const counted = t.members.filter((m) => m.counted);
  let delivered = 0;
  let duplicated = 0;
  const lostSeqs = new Set<number>();
  const lostSample: string[] = [];
  const sent = [...t.normalSent.values()].reduce((a, b) => a + b, 0);
  const normal = { sent, expected: 0, delivered: 0, outOfOrder: 0, sample: [] as string[], silent: [] as string[] };
  for (const m of counted) {
    const seqs = importantSeqs(m, room);
    const got = new Set(seqs);
    duplicated += seqs.length - got.size;
    delivered += [...t.acked].filter((seq) => got.has(seq)).length;
    for (const seq of missing(t, room, m)) {
      lostSeqs.add(seq);
      if (lostSample.length < 6) lostSample.push(`#${seq}→${m.uid}@conn-${m.node}`);
    }
    const order = normalOrder(m);
    normal.expected += normal.sent;
    normal.delivered += order.delivered;
    normal.outOfOrder += order.outOfOrder;
    normal.sample.push(...order.sample.slice(0, Math.max(0, 3 - normal.sample.length)));
    for (const sender of t.normalSent.keys()) if (!order.senders.has(sender)) normal.silent.push(`${m.uid}←${sender}`);
  }
  const expected = t.acked.size * counted.length;
  return {
    sent: t.posted.length,
    acked: t.acked.size,
    members: counted.length,
    expected,
    delivered,
    duplicated,
    lost: expected - delivered,
    lostMessages: lostSeqs.size,
    lostSample,
    normal,
    closedCounted: counted.filter((m) => !m.client.open).map((m) => `${m.uid}@conn-${m.node}`),
  };
}
