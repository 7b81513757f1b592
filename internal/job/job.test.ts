import { queue as queueProto } from "@roomcast/api";
import { MsgLevel, unpackMessages } from "@roomcast/pkg/protocol";
import { MemoryQueue } from "@roomcast/pkg/queue";
import { silentLogger } from "@roomcast/pkg/log";
import { createRegistry } from "@roomcast/pkg/metrics";
import type { ConnLink, RoomBatch } from "@roomcast/pkg/link";
import { MemoryClaims } from "@roomcast/pkg/discovery";
import { until } from "../../test/support/wait";
import { JobService } from "./job";
import { HistoryWriter } from "./history_writer";
import { MemoryHistory, RetentionRules } from "@roomcast/pkg/history";

interface Push {
  node: string;
  roomID: string;
  msgLv: MsgLevel;
  messages: string[];
}

class FakeConns implements ConnLink {
  pushes: Push[] = [];
  failing = new Set<string>();
  constructor(public alive: string[]) {}
  nodeIds() {
    return this.alive;
  }
  /** Each batch a node took, with its first offset (set when history stored it). */
  batches: Array<{ node: string; first?: number }> = [];
  /** Every push call, failed ones included. */
  attempts = 0;
  private record(node: string, roomID: string, msgLv: MsgLevel, packed: Uint8Array) {
    this.pushes.push({ node, roomID, msgLv, messages: unpackMessages(packed).map((m) => Buffer.from(m).toString()) });
  }
  /** One entry per push call that the node took: the node and how many room batches it carried. */
  calls: Array<{ node: string; rooms: number }> = [];
  /** Nodes that take a push and answer nothing until the call's deadline (here 300 ms). */
  hanging = new Set<string>();
  /** Pushes that hung until their deadline. */
  hung = 0;
  async push(node: string, batches: readonly RoomBatch[]) {
    this.attempts++;
    if (this.failing.has(node)) throw new Error(`${node} down`);
    if (this.hanging.has(node)) {
      this.hung++;
      await new Promise((r) => setTimeout(r, 300));
      throw new Error(`${node}: deadline exceeded`);
    }
    this.calls.push({ node, rooms: batches.length });
    for (const b of batches) {
      this.record(node, b.roomID, b.msgLv, b.packed);
      this.batches.push({ node, first: b.first });
    }
  }
  async close() {}
}

const topics = { normal: "n", important: "i" };
const body = (roomID: string, data: string, msgLv: MsgLevel, targets: string[] | null, ts = 0) =>
  Buffer.from(
    queueProto.RoomMsg.encode({
      roomID,
      msgLv,
      data: Buffer.from(data),
      targets: targets ?? [],
      targetsKnown: targets !== null,
      ts,
    }).finish(),
  );

async function setup(alive: string[], history?: HistoryWriter) {
  const queue = new MemoryQueue();
  const conns = new FakeConns(alive);
  const registry = createRegistry("job", "test", false);
  const job = new JobService({
    queue,
    conns,
    log: silentLogger(),
    registry,
    topics,
    channel: "job",
    maxInFlight: 10,
    backoffMs: 20,
    maxBackoffMs: 50,
    window: { windowMs: 20, maxMessages: 100, maxBytes: 1 << 20 },
    ownership: {
      self: "job-0",
      partitions: 1,
      claims: new MemoryClaims(new Map(), "job-0"),
      jobs: () => [],
      intervalMs: 1_000,
    },
    unknownTargetGraceMs: 5_000,
    ...(history ? { history } : {}),
  });
  await job.start();
  await until("the job holds the room partition", () => job.owner.owned().length === 1);
  return { queue, conns, job, registry };
}

describe("JobService", () => {
  it("splits a window's pushes to one conn node so no call passes half the gRPC message cap", async () => {
    const { queue, conns, job } = await setup(["c1"]);
    const big = "x".repeat(300_000);
    for (let i = 0; i < 40; i++) await queue.publish("n", body(`room-${i}`, big, MsgLevel.NORMAL, ["c1"]));
    await until("40 rooms were pushed", () => conns.pushes.length >= 40);
    expect(conns.pushes).toHaveLength(40);
    expect(conns.calls.length).toBeGreaterThan(1);
    expect(conns.calls.every((c) => c.rooms * 300_000 < 8 << 20)).toBe(true);
    await job.stop();
  });

  it("delivers the messages of a packed queue message (logic's turn of one partition) in order, and drops only a bad one", async () => {
    const { queue, conns, job, registry } = await setup(["c1"]);
    const one = (roomID: string, data: string) => ({
      roomID,
      msgLv: MsgLevel.NORMAL,
      data: Buffer.from(data),
      targets: ["c1"],
      targetsKnown: true,
    });
    const packed = queueProto.RoomMsg.encode({
      packed: [one("a", "a1"), one("b", "b1"), one("", "no room"), one("a", "a2"), one("a", "a3")],
    }).finish();
    await queue.publish("n", Buffer.from(packed));
    await until("both rooms were pushed", () => conns.pushes.length >= 2);
    const byRoom = Object.fromEntries(conns.pushes.map((p) => [p.roomID, p.messages]));
    expect(byRoom).toEqual({ a: ["a1", "a2", "a3"], b: ["b1"] });
    const text = await registry.metrics();
    expect(text).toMatch(/roomcast_job_messages_total\{level="normal",result="ok"[^}]*\} 4/);
    expect(text).toMatch(/roomcast_job_messages_total\{level="normal",result="poison"[^}]*\} 1/);
    await job.stop();
  });

  it("sends the NORMAL batches of many rooms due in one window to a conn node in one call", async () => {
    const { queue, conns, job } = await setup(["c1", "c2"]);
    for (let i = 0; i < 50; i++) await queue.publish("n", body(`room-${i}`, `m${i}`, MsgLevel.NORMAL, ["c1"]));
    await until("50 rooms were pushed", () => conns.pushes.length >= 50);
    expect(conns.pushes.map((p) => p.roomID).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `room-${i}`).sort());
    expect(conns.pushes.every((p) => p.node === "c1")).toBe(true);
    expect(conns.calls).toEqual([{ node: "c1", rooms: 50 }]);
    await job.stop();
  });

  it("merges NORMAL messages of a room and pushes one batch to each node that holds the room", async () => {
    const { queue, conns, job } = await setup(["c1", "c2", "c3"]);
    for (let i = 0; i < 3; i++) await queue.publish("n", body("r", `m${i}`, MsgLevel.NORMAL, ["c1", "c2"]));
    await until("both holders got a push", () => conns.pushes.length >= 2);
    await job.stop();
    expect(conns.pushes.map((p) => p.node).sort()).toEqual(["c1", "c2"]);
    expect(conns.pushes[0]!.messages).toEqual(["m0", "m1", "m2"]);
  });

  it("pushes to every live node when the holders are unknown, and skips dead ones", async () => {
    const { queue, conns, job } = await setup(["c1", "c2"]);
    await queue.publish("n", body("r", "x", MsgLevel.NORMAL, null));
    await queue.publish("n", body("q", "y", MsgLevel.NORMAL, ["c2", "gone"]));
    await until("three pushes arrived", () => conns.pushes.length >= 3);
    await job.stop();
    expect(
      conns.pushes
        .filter((p) => p.roomID === "r")
        .map((p) => p.node)
        .sort(),
    ).toEqual(["c1", "c2"]);
    expect(conns.pushes.filter((p) => p.roomID === "q").map((p) => p.node)).toEqual(["c2"]);
  });

  it("retries an IMPORTANT message until every target took it, without pushing twice to the ones that did", async () => {
    const { queue, conns, job } = await setup(["c1", "c2"]);
    conns.failing.add("c2");
    await queue.publish("i", body("r", "red envelope", MsgLevel.IMPORTANT, ["c1", "c2"]));
    await until("the message was requeued", () => queue.stats().requeued > 0);
    expect(queue.stats().finished).toBe(0);
    conns.failing.delete("c2");
    await until("the message was finished", () => queue.stats().finished === 1);
    expect(conns.pushes.map((p) => p.node).sort()).toEqual(["c1", "c2"]);
    expect(conns.pushes.every((p) => p.msgLv === MsgLevel.IMPORTANT && p.messages[0] === "red envelope")).toBe(true);
    await job.stop();
  });

  it("stores an IMPORTANT message in history once however often it comes back, and every push carries that position", async () => {
    const store = new MemoryHistory(new RetentionRules([{ prefix: "", maxMessages: 100, maxAgeSec: 60 }]));
    const appends = jest.spyOn(store, "append");
    const { queue, conns, job } = await setup(["c1", "c2"], new HistoryWriter(store, silentLogger(), createRegistry("job", "h", false)));
    conns.failing.add("c2");
    await queue.publish("i", body("r", "red envelope", MsgLevel.IMPORTANT, ["c1", "c2"]));
    await until("the message came back twice", () => queue.stats().requeued >= 2);
    conns.failing.delete("c2");
    await until("the message was finished", () => queue.stats().finished === 1);
    expect(appends).toHaveBeenCalledTimes(1);
    expect(conns.batches.map((b) => [b.node, b.first])).toEqual([
      ["c1", 1],
      ["c2", 1],
    ]);
    await job.stop();
    await store.close();
  });

  it("finishes an IMPORTANT message once a dead target left the registry", async () => {
    const { queue, conns, job } = await setup(["c1", "c2"]);
    conns.failing.add("c2");
    await queue.publish("i", body("r", "order", MsgLevel.IMPORTANT, ["c1", "c2"]));
    await until("the message was requeued", () => queue.stats().requeued > 0);
    expect(queue.stats().finished).toBe(0);
    conns.alive = ["c1"];
    await until("the message was finished", () => queue.stats().finished === 1);
    await job.stop();
  });

  it("pushes an IMPORTANT message to every live conn node, also one that logic did not list as holding the room", async () => {
    const { queue, conns, job } = await setup(["c1", "c2"]);
    await queue.publish("i", body("r", "order paid", MsgLevel.IMPORTANT, ["c1"]));
    await until("the message was finished", () => queue.stats().finished === 1);
    expect(conns.pushes.map((p) => p.node).sort()).toEqual(["c1", "c2"]);
    await job.stop();
  });

  it("retries an IMPORTANT message for a conn node logic saw but the job does not yet, and delivers once it appears", async () => {
    const { queue, conns, job } = await setup(["c1"]);
    await queue.publish("i", body("r", "hello newcomer", MsgLevel.IMPORTANT, ["c1", "c-new"], Date.now()));
    await until("the message was requeued", () => queue.stats().requeued > 0);
    expect(queue.stats().finished).toBe(0);
    conns.alive = ["c1", "c-new"];
    await until("the message was finished", () => queue.stats().finished === 1);
    expect(conns.pushes.map((p) => p.node)).toEqual(["c1", "c-new"]);
    await job.stop();
  });

  it("a conn node that never answers is pushed to once per back-off, not once per message: the others' messages keep flowing", async () => {
    const { queue, conns, job } = await setup(["c1", "c2"]);
    conns.hanging.add("c2");
    for (let i = 0; i < 100; i++) {
      await queue.publish("i", body(`r${i}`, `m${i}`, MsgLevel.IMPORTANT, ["c1", "c2"]));
      await new Promise((r) => setTimeout(r, 10)); // messages over several turns, as they come in production
    }
    await until("c1 got all 100", () => conns.pushes.filter((p) => p.node === "c1").length >= 100, 20_000);
    // The first messages (up to maxInFlight, 10) wait out one deadline together; after that c2 gets one probe at a time
    // (without that, every message would wait out a deadline on c2 at least once: 100 or more).
    expect(conns.hung).toBeLessThan(30);
    conns.hanging.delete("c2");
    await until("every message was finished", () => queue.stats().finished === 100, 20_000);
    expect(conns.pushes.filter((p) => p.node === "c2").length).toBe(100);
    expect(conns.pushes.filter((p) => p.node === "c1").length).toBe(100);
    await job.stop();
  });

  it("drops an undecodable message instead of requeueing it forever, and keeps serving", async () => {
    const { queue, conns, job } = await setup(["c1"]);
    await queue.publish("i", Buffer.from([0xff, 0xff, 0xff]));
    await queue.publish("n", Buffer.from("garbage"));
    await queue.publish("i", body("r", "fine", MsgLevel.IMPORTANT, ["c1"]));
    await until("the good message was finished", () => queue.stats().finished >= 1);
    expect(queue.stats().requeued).toBe(0);
    expect(conns.pushes.map((p) => p.messages[0])).toEqual(["fine"]);
    await job.stop();
  });
});
