import { CopiedPublisher } from "./copies";
import { MemoryQueue } from "./memory";
import { PublishTimeoutError, type Publisher } from "./queue";

/** A queue whose next publishes do what the test says: take the message, refuse it, or never answer. */
class ScriptedQueue implements Publisher {
  mode: "take" | "refuse" | "hang" = "take";
  readonly taken: string[] = [];
  readonly hanging: Array<(err: Error) => void> = [];

  publish(_topic: string, body: Buffer): Promise<void> {
    if (this.mode === "refuse") return Promise.reject(new Error("connect ECONNREFUSED"));
    if (this.mode === "hang") return new Promise((_, reject) => this.hanging.push(reject));
    this.taken.push(body.toString());
    return Promise.resolve();
  }

  /** The hung publishes reach their deadline. */
  timeOut(): void {
    for (const reject of this.hanging.splice(0)) reject(new PublishTimeoutError("no acknowledgement"));
  }
}

const msg = (s: string) => Buffer.from(s);

describe("CopiedPublisher", () => {
  it("puts every message in each queue", async () => {
    const a = new MemoryQueue();
    const b = new MemoryQueue();
    const got: Record<string, string[]> = { a: [], b: [] };
    await a.subscribe("t", "c", async (m) => void got.a!.push(m.body.toString()));
    await b.subscribe("t", "c", async (m) => void got.b!.push(m.body.toString()));
    const copies = new CopiedPublisher([a, b]);
    await copies.publish("t", msg("one"));
    await copies.publish("t", msg("two"));
    await a.close();
    await b.close();
    expect(got).toEqual({ a: ["one", "two"], b: ["one", "two"] });
  });

  it("accepts a message while one copy refuses, says which copy went down and when it came back", async () => {
    const a = new ScriptedQueue();
    const b = new ScriptedQueue();
    const events: string[] = [];
    const copies = new CopiedPublisher([a, b], {
      onCopyDown: (i, err) => events.push(`down ${i}: ${(err as Error).message}`),
      onCopyUp: (i) => events.push(`up ${i}`),
    });
    b.mode = "refuse";
    await copies.publish("t", msg("one"));
    await copies.publish("t", msg("two"));
    expect(copies.downCopies()).toEqual([1]);
    b.mode = "take";
    await copies.publish("t", msg("three"));
    expect(copies.downCopies()).toEqual([]);
    expect(a.taken).toEqual(["one", "two", "three"]);
    expect(b.taken).toEqual(["three"]);
    expect(events).toEqual(["down 1: connect ECONNREFUSED", "up 1"]);
  });

  it("waits for a hung copy once, then no more while it stays down", async () => {
    const a = new ScriptedQueue();
    const b = new ScriptedQueue();
    const copies = new CopiedPublisher([a, b]);
    b.mode = "hang";
    let first = false;
    const p = copies.publish("t", msg("one")).then(() => (first = true));
    await new Promise((r) => setImmediate(r));
    // The copy was up: the answer waits for it (its deadline), so the message is not left with one copy unknowingly.
    expect(first).toBe(false);
    b.timeOut();
    await p;
    // Now it is known to be down: the next message is answered as soon as the other copy took it.
    await copies.publish("t", msg("two"));
    expect(a.taken).toEqual(["one", "two"]);
    expect(b.hanging).toHaveLength(1);
    b.timeOut();
  });

  it("fails when no copy takes the message, with the timeout if one timed out", async () => {
    const a = new ScriptedQueue();
    const b = new ScriptedQueue();
    const copies = new CopiedPublisher([a, b]);
    a.mode = "refuse";
    b.mode = "hang";
    const p = copies.publish("t", msg("one"));
    await new Promise((r) => setImmediate(r));
    b.timeOut();
    await expect(p).rejects.toBeInstanceOf(PublishTimeoutError);
    b.mode = "refuse";
    await expect(copies.publish("t", msg("two"))).rejects.toThrow("ECONNREFUSED");
    // Both down: the next message waits for both, and one taking it is enough.
    a.mode = "take";
    await copies.publish("t", msg("three"));
    expect(a.taken).toEqual(["three"]);
  });
});
