// The contract every Queue implementation passes (memory in unit tests, NSQ against real nsqd/nsqlookupd).
import type { Queue, QueueMessage } from "./queue";

export interface QueueFixture {
  queue: Queue;
  /** A second client of the same broker (another process, in a cluster). */
  other: Queue;
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function queueContract(name: string, make: () => Promise<QueueFixture>, timeoutMs = 10_000): void {
  describe(`Queue contract: ${name}`, () => {
    jest.setTimeout(timeoutMs * 3);
    let f: QueueFixture;
    let topic: string;
    beforeEach(async () => {
      f = await make();
      topic = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it("a subscriber receives the exact bytes published", async () => {
      const got: Buffer[] = [];
      await f.other.subscribe(topic, "c", async (m) => void got.push(Buffer.from(m.body)));
      const body = Buffer.from([0, 1, 2, 250, 255]);
      await f.queue.publish(topic, body);
      await until(() => got.length === 1, timeoutMs, "the message");
      expect(got[0]!.equals(body)).toBe(true);
    });

    it("every channel of a topic gets every message", async () => {
      const a: string[] = [];
      const b: string[] = [];
      await f.other.subscribe(topic, "a", async (m) => void a.push(m.body.toString()));
      await f.other.subscribe(topic, "b", async (m) => void b.push(m.body.toString()));
      // Like NSQ, a channel only gets what is published after it exists: warm up until both channels are live.
      for (let n = 0; !(a.includes("warm") && b.includes("warm")); n++) {
        if (n * 200 > timeoutMs) throw new Error("channels never both became live");
        await f.queue.publish(topic, Buffer.from("warm"));
        await sleep(200);
      }
      a.length = 0;
      b.length = 0;
      for (let i = 0; i < 5; i++) await f.queue.publish(topic, Buffer.from(`m${i}`));
      await until(
        () => a.filter((x) => x !== "warm").length === 5 && b.filter((x) => x !== "warm").length === 5,
        timeoutMs,
        "both channels",
      );
      const real = (x: string[]) => x.filter((m) => m !== "warm").sort();
      expect(real(a)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
      expect(real(b)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    });

    it("subscribers of one channel share its messages: none lost, none twice", async () => {
      const a: string[] = [];
      const b: string[] = [];
      await f.other.subscribe(topic, "shared", async (m) => void a.push(m.body.toString()), { maxInFlight: 5 });
      await f.queue.subscribe(topic, "shared", async (m) => void b.push(m.body.toString()), { maxInFlight: 5 });
      await sleep(200);
      for (let i = 0; i < 50; i++) await f.queue.publish(topic, Buffer.from(`m${i}`));
      await until(() => a.length + b.length >= 50, timeoutMs, "50 messages");
      await sleep(200);
      const all = [...a, ...b].sort();
      expect(all).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`).sort());
    });

    it("a message whose handler throws comes back with attempts + 1", async () => {
      const seen: QueueMessage[] = [];
      await f.other.subscribe(
        topic,
        "c",
        async (m) => {
          seen.push(m);
          if (m.attempts === 1) throw new Error("not yet");
        },
        { backoffMs: 50 },
      );
      await f.queue.publish(topic, Buffer.from("retry me"));
      await until(() => seen.length === 2, timeoutMs, "the redelivery");
      expect(seen.map((m) => m.attempts)).toEqual([1, 2]);
      expect(seen[1]!.id).toBe(seen[0]!.id);
      expect(seen[1]!.body.toString()).toBe("retry me");
    });

    it("messages published before anyone subscribed are delivered", async () => {
      // The topic must exist first for NSQ; publishing creates it.
      for (let i = 0; i < 3; i++) await f.queue.publish(topic, Buffer.from(`early${i}`));
      const got: string[] = [];
      await f.other.subscribe(topic, "late", async (m) => void got.push(m.body.toString()));
      await until(() => got.length === 3, timeoutMs, "the early messages");
      expect(got.sort()).toEqual(["early0", "early1", "early2"]);
    });

    it("a closed subscription gets nothing more", async () => {
      const got: string[] = [];
      const sub = await f.other.subscribe(topic, "c", async (m) => void got.push(m.body.toString()));
      await f.queue.publish(topic, Buffer.from("one"));
      await until(() => got.length === 1, timeoutMs, "the first message");
      await sub.close();
      await f.queue.publish(topic, Buffer.from("two"));
      await sleep(500);
      expect(got).toEqual(["one"]);
    });
  });
}
