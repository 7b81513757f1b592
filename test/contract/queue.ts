// The contract every Queue implementation passes (memory in unit tests, NSQ against real nsqd/nsqlookupd).
import type { Queue, QueueMessage, QueueStats } from "@roomcast/pkg/queue";
import { sleep, until } from "../support/wait";

/** A queue client whose running totals the suite reads (both implementations keep them). */
export type CountingQueue = Queue & { stats(): QueueStats };

export interface QueueFixture {
  queue: CountingQueue;
  /** A second client of the same broker, as another process would be in a cluster; the same queue when omitted. */
  other?: CountingQueue;
  cleanup(): Promise<void>;
}

/** A topic no earlier test touched: nsqd keeps topics and their messages between tests. */
const freshTopic = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * Defines the contract tests for one implementation. `timeoutMs` bounds each wait for a delivery;
 * NSQ needs a few lookupd polls, so give it several seconds.
 */
export function queueContract(name: string, make: () => Promise<QueueFixture>, timeoutMs = 10_000): void {
  describe(`Queue contract: ${name}`, () => {
    jest.setTimeout(timeoutMs * 3);
    let queue: CountingQueue;
    let other: CountingQueue;
    let cleanup: () => Promise<void>;
    let topic: string;
    beforeEach(async () => {
      const f = await make();
      ({ queue, cleanup } = f);
      other = f.other ?? f.queue;
      topic = freshTopic();
    });
    afterEach(async () => {
      await cleanup();
    });

    it("a subscriber receives the exact bytes published", async () => {
      const got: QueueMessage[] = [];
      await other.subscribe(topic, "c", async (m) => void got.push(m));
      const body = Buffer.from([0, 1, 2, 250, 255, 0]);
      await queue.publish(topic, body);
      await until("the message", () => got.length === 1, timeoutMs);
      expect(got[0]!.body.equals(body)).toBe(true);
      expect(got[0]!.attempts).toBe(1);
      expect(got[0]!.id).toEqual(expect.any(String));
    });

    it("every channel of a topic gets every message", async () => {
      const a: string[] = [];
      const b: string[] = [];
      await other.subscribe(topic, "a", async (m) => void a.push(m.body.toString()));
      await other.subscribe(topic, "b", async (m) => void b.push(m.body.toString()));
      for (let i = 0; i < 5; i++) await queue.publish(topic, Buffer.from(`m${i}`));
      // A marker after the five: a sixth delivery of them (a duplicate) would have come before it.
      await queue.publish(topic, Buffer.from("end"));
      await until("both channels get the marker", () => a.includes("end") && b.includes("end"), timeoutMs);
      const want = ["m0", "m1", "m2", "m3", "m4"];
      expect(a.filter((m) => m !== "end").sort()).toEqual(want);
      expect(b.filter((m) => m !== "end").sort()).toEqual(want);
    });

    it("subscribers of one channel share its messages: none lost, none twice", async () => {
      const a: string[] = [];
      const b: string[] = [];
      // Slow enough handlers that one subscriber cannot take everything alone.
      const slow = (into: string[]) => async (m: QueueMessage) => {
        await sleep(10);
        into.push(m.body.toString());
      };
      await other.subscribe(topic, "shared", slow(a), { maxInFlight: 5 });
      await queue.subscribe(topic, "shared", slow(b), { maxInFlight: 5 });
      // Tagged messages, one at a time, until each subscriber took one of those tags: both are connected (NSQ readers
      // find nsqd through lookupd), so both can take a share of what follows.
      let seq = 0;
      const took = (x: string[], tag: string) => x.some((m) => m.startsWith(tag));
      const oneByOne = (tag: string) => async () => {
        const body = `${tag}${seq++}`;
        await queue.publish(topic, Buffer.from(body));
        await until(`${body} to arrive`, () => a.includes(body) || b.includes(body), timeoutMs);
        return took(a, tag) && took(b, tag);
      };
      await until("both subscribers to take a warm-up message", oneByOne("warm"), timeoutMs, 50);
      for (let i = 0; i < 50; i++) await queue.publish(topic, Buffer.from(`m${i}`));
      const mine = (x: string[]) => x.filter((m) => /^m\d+$/.test(m));
      await until("50 messages", () => mine(a).length + mine(b).length >= 50, timeoutMs);
      // Markers after the 50 until each subscriber handled one: a second delivery of any of the 50 would have come before.
      await until("both subscribers to take an end marker", oneByOne("end"), timeoutMs, 0);
      expect([...mine(a), ...mine(b)].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`).sort());
      expect(mine(a).length).toBeGreaterThan(0);
      expect(mine(b).length).toBeGreaterThan(0);
    });

    it("a message whose handler throws comes back with attempts + 1", async () => {
      const seen: QueueMessage[] = [];
      await other.subscribe(
        topic,
        "c",
        async (m) => {
          seen.push(m);
          if (m.attempts === 1) throw new Error("not yet");
        },
        { backoffMs: 50 },
      );
      await queue.publish(topic, Buffer.from("retry me"));
      // Finished (FIN) on the second attempt: nothing can redeliver it after that.
      await until("the message is finished", () => other.stats().finished === 1, timeoutMs);
      expect(seen.map((m) => m.attempts)).toEqual([1, 2]);
      expect(seen[1]!.id).toBe(seen[0]!.id);
      expect(seen[1]!.body.toString()).toBe("retry me");
    });

    it("a message that keeps failing is given up after maxAttempts", async () => {
      const attempts: number[] = [];
      await other.subscribe(
        topic,
        "c",
        async (m) => {
          attempts.push(m.attempts);
          throw new Error("always");
        },
        { maxAttempts: 3, backoffMs: 20 },
      );
      await queue.publish(topic, Buffer.from("doomed"));
      // Given up (finished and counted as dropped) on the third attempt: nothing can redeliver it after that.
      await until("the message is given up", () => other.stats().dropped === 1, timeoutMs);
      expect(attempts).toEqual([1, 2, 3]);
    });

    it("messages published before anyone subscribed are delivered", async () => {
      for (let i = 0; i < 3; i++) await queue.publish(topic, Buffer.from(`early${i}`));
      const got: string[] = [];
      await other.subscribe(topic, "late", async (m) => void got.push(m.body.toString()));
      await until("the early messages", () => got.length === 3, timeoutMs);
      expect(got.sort()).toEqual(["early0", "early1", "early2"]);
    });

    it("a subscriber never has more than maxInFlight messages at once", async () => {
      let inFlight = 0;
      let peak = 0;
      let done = 0;
      await other.subscribe(
        topic,
        "c",
        async () => {
          peak = Math.max(peak, ++inFlight);
          await sleep(20);
          inFlight--;
          done++;
        },
        { maxInFlight: 3 },
      );
      for (let i = 0; i < 15; i++) await queue.publish(topic, Buffer.from(String(i)));
      await until("15 messages", () => done === 15, timeoutMs);
      expect(peak).toBeLessThanOrEqual(3);
    });

    it("closing a subscription waits for its running handler", async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let started = false;
      let finished = false;
      const sub = await other.subscribe(topic, "c", async () => {
        started = true;
        await gate;
        finished = true;
      });
      await queue.publish(topic, Buffer.from("slow"));
      await until("the handler to start", () => started, timeoutMs);
      let closed = false;
      const closing = sub.close().then(() => (closed = true));
      await sleep(100);
      expect(closed).toBe(false);
      release();
      await closing;
      expect(finished).toBe(true);
    });

    it("a closed subscription gets nothing more", async () => {
      const got: string[] = [];
      const sub = await other.subscribe(topic, "c", async (m) => void got.push(m.body.toString()));
      await queue.publish(topic, Buffer.from("one"));
      await until("the first message", () => got.length === 1, timeoutMs);
      await sub.close();
      // Another channel, subscribed before "two" is published, is the marker: every channel gets "two" at once.
      const marker: string[] = [];
      await other.subscribe(topic, "marker", async (m) => void marker.push(m.body.toString()));
      await queue.publish(topic, Buffer.from("two"));
      await until("the other channel gets the message", () => marker.includes("two"), timeoutMs);
      expect(got).toEqual(["one"]);
    });
  });
}
