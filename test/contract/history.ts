// The contract every History implementation passes (memory in unit tests, Redis against the real server).
import { RetentionRules, type History, type NewMessage, type RetentionRule } from "@roomcast/pkg/history";

export interface HistoryFixture {
  history: History;
  cleanup(): Promise<void>;
}

/** Builds a store with these rules and clock. */
export type MakeHistory = (rules: RetentionRules, now: () => number) => Promise<HistoryFixture>;

const RULES: RetentionRule[] = [
  { prefix: "", maxMessages: 5, maxAgeSec: 60 },
  { prefix: "user:", maxMessages: 50, maxAgeSec: 3_600 },
  { prefix: "nohistory-", maxMessages: 0, maxAgeSec: 60 },
];

let seq = 0;
const msg = (text: string, more: Partial<NewMessage> = {}): NewMessage => ({
  id: `m${++seq}-${text}`,
  data: new TextEncoder().encode(text),
  type: "",
  level: 0,
  uid: "alice",
  ...more,
});
const texts = (ms: Array<{ data: Uint8Array }>) => ms.map((m) => new TextDecoder().decode(m.data));

export function historyContract(name: string, make: MakeHistory): void {
  describe(`History contract: ${name}`, () => {
    let t: number;
    let f: HistoryFixture;
    let room: string;
    const fresh = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    beforeEach(async () => {
      t = 1_700_000_000_000;
      f = await make(new RetentionRules(RULES), () => t);
      room = fresh("room");
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it("gives each room consecutive offsets from 1 under one epoch, and keeps every field", async () => {
      const other = fresh("other");
      const [a, b] = await f.history.append([
        { room, messages: [msg("one", { type: "chat", level: 1, uid: "" }), msg("two")] },
        { room: other, messages: [msg("x")] },
      ]);
      expect([a!.room, a!.first, b!.room, b!.first]).toEqual([room, 1, other, 1]);
      const [c] = await f.history.append([{ room, messages: [msg("three")] }]);
      expect(c).toEqual({ room, epoch: a!.epoch, first: 3 });
      expect(a!.epoch).not.toBe("");
      const got = await f.history.since(room, a!.epoch, 0, 10);
      expect(got).toMatchObject({ ok: true, epoch: a!.epoch, offset: 3, more: false });
      if (!got.ok) throw new Error("unreachable");
      expect(got.messages.map((m) => [m.offset, m.type, m.level, m.uid, m.ts])).toEqual([
        [1, "chat", 1, "", t],
        [2, "", 0, "alice", t],
        [3, "", 0, "alice", t],
      ]);
      expect(texts(got.messages)).toEqual(["one", "two", "three"]);
    });

    it("keeps bytes exactly: empty, binary, and 64 KiB", async () => {
      const bin = new Uint8Array([0, 255, 0xc3, 0x28, 10, 0]);
      const big = new Uint8Array(64 * 1024).fill(7);
      const [a] = await f.history.append([
        { room, messages: [msg("", { data: new Uint8Array(0) }), msg("", { data: bin }), msg("", { data: big })] },
      ]);
      const got = await f.history.since(room, a!.epoch, 0, 10);
      if (!got.ok) throw new Error(`not ok: ${got.reason}`);
      expect(got.messages.map((m) => Buffer.from(m.data).toString("hex"))).toEqual(
        [new Uint8Array(0), bin, big].map((b) => Buffer.from(b).toString("hex")),
      );
    });

    it("answers what came after an offset, a page at a time, and nothing after the newest", async () => {
      const [a] = await f.history.append([{ room, messages: ["a", "b", "c", "d"].map((x) => msg(x)) }]);
      const p1 = await f.history.since(room, a!.epoch, 1, 2);
      expect(p1.ok && [texts(p1.messages), p1.more]).toEqual([["b", "c"], true]);
      const p2 = await f.history.since(room, a!.epoch, 3, 2);
      expect(p2.ok && [texts(p2.messages), p2.more]).toEqual([["d"], false]);
      const none = await f.history.since(room, a!.epoch, 4, 2);
      expect(none).toMatchObject({ ok: true, messages: [], more: false, offset: 4 });
    });

    it("refuses recovery from another epoch, from the future, and across trimmed messages", async () => {
      const [a] = await f.history.append([{ room, messages: ["1", "2", "3"].map((x) => msg(x)) }]);
      expect(await f.history.since(room, "not-the-epoch", 1, 10)).toEqual({ ok: false, reason: "epoch", epoch: a!.epoch, offset: 3 });
      expect(await f.history.since(room, a!.epoch, 9, 10)).toEqual({ ok: false, reason: "future", epoch: a!.epoch, offset: 3 });
      expect(await f.history.since(fresh("never"), "e", 0, 10)).toEqual({ ok: false, reason: "epoch", epoch: "", offset: 0 });
      // Five kept: 8 messages leave 4..8; from 3 on is whole, from 2 on misses 3.
      await f.history.append([{ room, messages: ["4", "5", "6", "7", "8"].map((x) => msg(x)) }]);
      const from3 = await f.history.since(room, a!.epoch, 3, 10);
      expect(from3.ok && texts(from3.messages)).toEqual(["4", "5", "6", "7", "8"]);
      expect(await f.history.since(room, a!.epoch, 2, 10)).toEqual({ ok: false, reason: "trimmed", epoch: a!.epoch, offset: 8 });
    });

    it("trims by age, on reads as on appends", async () => {
      const [a] = await f.history.append([{ room, messages: [msg("old")] }]);
      t += 30_000;
      await f.history.append([{ room, messages: [msg("new")] }]);
      t += 31_000; // "old" is 61 s old, "new" 31 s
      expect(await f.history.since(room, a!.epoch, 0, 10)).toMatchObject({ ok: false, reason: "trimmed" });
      const rest = await f.history.since(room, a!.epoch, 1, 10);
      expect(rest.ok && texts(rest.messages)).toEqual(["new"]);
      expect(texts((await f.history.latest(room, 10)).messages)).toEqual(["new"]);
    });

    it("a room's retention is its longest matching prefix rule; a rule of 0 keeps nothing", async () => {
      const user = fresh("user:");
      const [u] = await f.history.append([{ room: user, messages: Array.from({ length: 20 }, (_, i) => msg(String(i))) }]);
      const all = await f.history.since(user, u!.epoch, 0, 100);
      expect(all.ok && all.messages.length).toBe(20);
      const none = fresh("nohistory-");
      const [n] = await f.history.append([{ room: none, messages: [msg("x")] }]);
      expect(n).toEqual({ room: none, epoch: "", first: 0 });
      expect(await f.history.latest(none, 10)).toEqual({ epoch: "", offset: 0, messages: [] });
    });

    it("latest answers the newest N, oldest first, with the room's position", async () => {
      const [a] = await f.history.append([{ room, messages: ["a", "b", "c"].map((x) => msg(x)) }]);
      const l = await f.history.latest(room, 2);
      expect([l.epoch, l.offset, texts(l.messages), l.messages.map((m) => m.offset)]).toEqual([a!.epoch, 3, ["b", "c"], [2, 3]]);
      expect((await f.history.latest(room, 0)).messages).toEqual([]);
    });

    it("removes a message by id (recall): gone from since and latest, the others keep their offsets, no trim implied", async () => {
      const m2 = msg("two", { uid: "bob" });
      const [a] = await f.history.append([{ room, messages: [msg("one"), m2, msg("three")] }]);
      expect(await f.history.remove(room, m2.id, "alice")).toBe("not-yours");
      const removed = await f.history.remove(room, m2.id, "bob");
      if (typeof removed === "string") throw new Error(`not removed: ${removed}`);
      expect([removed.offset, removed.uid, texts([removed])[0]]).toEqual([2, "bob", "two"]);
      expect(await f.history.remove(room, m2.id)).toBe("missing");
      expect(await f.history.remove(room, "no-such-id")).toBe("missing");
      const got = await f.history.since(room, a!.epoch, 1, 10);
      expect(got.ok && got.messages.map((m) => m.offset)).toEqual([3]);
      expect((await f.history.latest(room, 10)).messages.map((m) => m.offset)).toEqual([1, 3]);
      const [b] = await f.history.append([{ room, messages: [msg("four")] }]);
      expect(b!.first).toBe(4);
    });

    it("an IMPORTANT message appended again keeps its first offset and is stored once; a NORMAL one is not deduplicated", async () => {
      const important = msg("order-1", { level: 1, uid: "" });
      const [a] = await f.history.append([{ room, messages: [important] }]);
      await f.history.append([{ room, messages: [msg("chat")] }]);
      const [again, twice] = await f.history.append([
        { room, messages: [important] },
        { room, messages: [important] },
      ]);
      expect([a!.first, again!.first, twice!.first, again!.epoch]).toEqual([1, 1, 1, a!.epoch]);
      const normal = msg("normal");
      const [n1, n2] = await f.history.append([
        { room, messages: [normal] },
        { room, messages: [normal] },
      ]);
      expect([n1!.first, n2!.first]).toEqual([3, 4]);
      expect((await f.history.latest(room, 10)).messages.map((m) => [m.offset, texts([m])[0]])).toEqual([
        [1, "order-1"],
        [2, "chat"],
        [3, "normal"],
        [4, "normal"],
      ]);
    });

    it("answers a room named twice in one append by entry, and rooms that keep nothing with an empty epoch", async () => {
      const none = fresh("nohistory-");
      const [a, b, c] = await f.history.append([
        { room, messages: [msg("a")] },
        { room: none, messages: [msg("n")] },
        { room, messages: [msg("b"), msg("c")] },
      ]);
      expect([a!.first, b, c!.first]).toEqual([1, { room: none, epoch: "", first: 0 }, 2]);
    });

    it("position gives a room without messages its epoch at once, which its first messages keep; none for a room that keeps nothing", async () => {
      const p = await f.history.position(room);
      expect(p.offset).toBe(0);
      expect(p.epoch).not.toBe("");
      expect(await f.history.position(room)).toEqual(p);
      const [a] = await f.history.append([{ room, messages: [msg("first")] }]);
      expect([a!.epoch, a!.first]).toEqual([p.epoch, 1]);
      const got = await f.history.since(room, p.epoch, 0, 10);
      expect(got.ok && texts(got.messages)).toEqual(["first"]);
      expect(await f.history.position(room)).toEqual({ epoch: p.epoch, offset: 1 });
      expect(await f.history.position(fresh("nohistory-"))).toEqual({ epoch: "", offset: 0 });
    });

    it("keeps each uid's acknowledgements: unacked answers the IMPORTANT messages that uid has not acknowledged, oldest first", async () => {
      const [i1, i2, i3] = [msg("i1", { level: 1, uid: "" }), msg("i2", { level: 1, uid: "" }), msg("i3", { level: 1, uid: "" })];
      for (const m of [i1, msg("chat"), i2, i3]) await f.history.append([{ room, messages: [m] }]);
      expect(texts(await f.history.unacked(room, "alice", 10))).toEqual(["i1", "i2", "i3"]);
      await f.history.ack(room, "alice", [i1.id, i3.id, "unknown"]);
      expect(texts(await f.history.unacked(room, "alice", 10))).toEqual(["i2"]);
      expect(texts(await f.history.unacked(room, "bob", 2))).toEqual(["i1", "i2"]);
      expect(await f.history.unacked(fresh("empty"), "alice", 10)).toEqual([]);
    });
  });
}
