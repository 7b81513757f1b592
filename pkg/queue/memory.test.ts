import { MemoryQueue } from "./memory";
import { queueContract } from "../../test/contract/queue";
import { sleep, until } from "../../test/support/wait";

queueContract("memory", async () => {
  const q = new MemoryQueue();
  return { queue: q, cleanup: () => q.close() };
});

describe("MemoryQueue", () => {
  let q: MemoryQueue;
  beforeEach(() => {
    q = new MemoryQueue();
  });
  afterEach(() => q.close());

  it("gives up after maxAttempts and counts the message as dropped", async () => {
    let calls = 0;
    await q.subscribe(
      "t",
      "c",
      async () => {
        calls++;
        throw new Error("always");
      },
      { maxAttempts: 3, backoffMs: 1 },
    );
    await q.publish("t", Buffer.from("x"));
    // Dropped is final: no call can come after it.
    await until("the drop", () => q.stats().dropped === 1, 2_000, 5);
    expect(calls).toBe(3);
    expect(q.stats()).toEqual({ published: 1, requeued: 2, dropped: 1, finished: 0 });
  });

  it("waits backoffDelay before each redelivery", async () => {
    const at: number[] = [];
    await q.subscribe(
      "t",
      "c",
      async (m) => {
        at.push(Date.now());
        if (m.attempts < 3) throw new Error("again");
      },
      { backoffMs: 40 },
    );
    await q.publish("t", Buffer.from("x"));
    await until("the third attempt", () => q.stats().finished === 1, 2_000, 5);
    // 40 ms after the first failure, 80 ms after the second.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(35);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(75);
  });

  it("hands a subscriber exactly maxInFlight messages at once when busy", async () => {
    let inFlight = 0;
    let peak = 0;
    await q.subscribe(
      "t",
      "c",
      async () => {
        peak = Math.max(peak, ++inFlight);
        await sleep(5);
        inFlight--;
      },
      { maxInFlight: 3 },
    );
    for (let i = 0; i < 20; i++) await q.publish("t", Buffer.from(String(i)));
    await until("20 messages", () => q.stats().finished === 20, 2_000, 5);
    expect(peak).toBe(3);
  });

  it("splits one channel's messages evenly between its subscribers", async () => {
    const counts = [0, 0];
    for (const i of [0, 1]) await q.subscribe("t", "c", async () => void counts[i]!++);
    for (let i = 0; i < 10; i++) await q.publish("t", Buffer.from(String(i)));
    await until("10 messages", () => q.stats().finished === 10, 2_000, 5);
    expect(counts).toEqual([5, 5]);
  });

  it("gives a topic's backlog to its first channel only, as nsqd does", async () => {
    await q.publish("t", Buffer.from("early"));
    const first: string[] = [];
    const second: string[] = [];
    await q.subscribe("t", "first", async (m) => void first.push(m.body.toString()));
    await q.subscribe("t", "second", async (m) => void second.push(m.body.toString()));
    await q.publish("t", Buffer.from("late"));
    await until("deliveries", () => first.length === 2 && second.length === 1, 2_000, 5);
    expect(first).toEqual(["early", "late"]);
    expect(second).toEqual(["late"]);
  });

  it("delivers the bytes as published even if the caller reuses its buffer", async () => {
    const got: string[] = [];
    const buf = Buffer.from("abc");
    await q.publish("t", buf);
    buf.write("xyz");
    await q.subscribe("t", "c", async (m) => void got.push(m.body.toString()));
    await until("the message", () => got.length === 1, 2_000, 5);
    expect(got).toEqual(["abc"]);
  });

  it("close waits for running handlers and cancels pending redeliveries", async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await q.subscribe(
      "t",
      "c",
      async () => {
        calls++;
        await gate;
        throw new Error("fail once more");
      },
      { backoffMs: 20 },
    );
    await q.publish("t", Buffer.from("x"));
    await until("the handler", () => calls === 1, 2_000, 5);
    const closing = q.close();
    release();
    await closing;
    await sleep(60);
    expect(calls).toBe(1);
    expect(q.stats().requeued).toBe(1);
    await expect(q.publish("t", Buffer.from("y"))).rejects.toThrow(/after close/);
  });
});
