import { MemoryQueue } from "./memory";
import { queueContract } from "./contract";

queueContract("memory", async () => {
  const q = new MemoryQueue();
  return { queue: q, other: q, cleanup: () => q.close() };
});

describe("MemoryQueue", () => {
  it("gives up after maxAttempts and counts the message as dropped", async () => {
    const q = new MemoryQueue();
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
    const deadline = Date.now() + 2000;
    while (q.stats().dropped === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(3);
    expect(q.stats()).toMatchObject({ published: 1, requeued: 2, dropped: 1, finished: 0 });
  });

  it("never hands a subscriber more than maxInFlight messages at once", async () => {
    const q = new MemoryQueue();
    let inFlight = 0;
    let peak = 0;
    await q.subscribe(
      "t",
      "c",
      async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      },
      { maxInFlight: 3 },
    );
    for (let i = 0; i < 20; i++) await q.publish("t", Buffer.from(String(i)));
    const deadline = Date.now() + 2000;
    while (q.stats().finished < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(q.stats().finished).toBe(20);
    expect(peak).toBe(3);
  });
});
