// The contracts of the links between the tiers (pkg/link), run on every implementation: the direct calls of
// standalone and gRPC over loopback. Same calls, same answers, same RoomcastErrors. What only a link across a
// network can show (a deadline, a peer that stops and comes back) runs where the link has a peer: `remote`.
import { queue as queueProto } from "@roomcast/api";
import type { ConnLink, Deliverer, LogicHandler, LogicLink, RoomBatch } from "@roomcast/pkg/link";
import { silentLogger } from "@roomcast/pkg/log";
import { createRegistry } from "@roomcast/pkg/metrics";
import { ErrCode, MsgLevel, RoomcastError, packMessages, unpackMessages } from "@roomcast/pkg/protocol";
import type { Queue } from "@roomcast/pkg/queue";
import { Tokens } from "@roomcast/pkg/token";
import { LogicService, OnlineTable } from "@roomcast/internal/logic";
import { sleep, until } from "../support/wait";

/** A link under test and, for a remote one, its peer: stopped and started again on the same address. */
export interface LinkUnderTest<L> {
  link: L;
  stopPeer?(): Promise<void>;
  startPeer?(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a LogicLink to a peer that serves `handler`; calls without an answer fail after timeoutMs. */
export type MakeLogicLink = (handler: LogicHandler, timeoutMs: number) => Promise<LinkUnderTest<LogicLink>>;
/**
 * Builds a ConnLink to one conn node "conn-0" that hands batches to `node` (a remote link: or to a peer that takes
 * pushes and never answers); pushes without an answer fail after timeoutMs.
 */
export type MakeConnLink = (node: Deliverer | "never answers", timeoutMs: number) => Promise<LinkUnderTest<ConnLink>>;

/** What logic queued, decoded (a packed queue message's messages one by one); `down` refuses every publish, `hang` never answers. */
class RecordingQueue implements Queue {
  queued: Array<{ topic: string; roomID: string; uid: string; text: string }> = [];
  /** Queue messages taken (a packed one counts once). */
  published = 0;
  down = false;
  hang = false;
  async publish(topic: string, body: Buffer): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    if (this.down) throw new Error("nsqd refused the connection");
    this.published++;
    const m = queueProto.RoomMsg.decode(body);
    for (const one of m.packed.length > 0 ? m.packed : [m])
      this.queued.push({ topic, roomID: one.roomID ?? "", uid: one.uid ?? "", text: Buffer.from(one.data ?? []).toString() });
  }
  async subscribe(): Promise<never> {
    throw new Error("not consumed in this suite");
  }
  async close() {}
}

const SECRET = "links-contract-secret-of-32-bytes!";

function logicUnderTest() {
  const queue = new RecordingQueue();
  const tokens = new Tokens({ secret: SECRET, ttlSec: 60 });
  const logic = new LogicService({
    tokens,
    queue,
    online: new OnlineTable(30_000),
    log: silentLogger(),
    registry: createRegistry("logic", "contract", false),
    topics: { normal: "normal", important: "important" },
    partitions: 1,
    maxMessageBytes: 1_000,
    openRooms: true,
  });
  return { queue, tokens, logic };
}

/** The RoomcastError a promise rejected with; fails the test when it resolved or threw anything else. */
async function refusal(p: Promise<unknown>): Promise<RoomcastError> {
  const err = await p.then(
    () => new Error("resolved, but a refusal was expected"),
    (e: unknown) => e,
  );
  if (!(err instanceof RoomcastError)) throw new Error(`expected a RoomcastError, got ${String(err)}`);
  return err;
}

const text = (s: string) => Buffer.from(s);

export function logicLinkContract(name: string, make: MakeLogicLink, remote: boolean): void {
  describe(`LogicLink contract: ${name}`, () => {
    const open: Array<LinkUnderTest<LogicLink>> = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((l) => l.close()));
    });
    async function setup(timeoutMs = 3_000, wrap: (h: LogicHandler) => LogicHandler = (h) => h) {
      const parts = logicUnderTest();
      const under = await make(wrap(parts.logic), timeoutMs);
      open.push(under);
      return { ...parts, ...under };
    }

    it("connect answers the token's uid and expiry", async () => {
      const { link, tokens } = await setup();
      const token = tokens.sign("alice");
      await expect(link.connect({ token, roomID: "lobby" })).resolves.toEqual({
        uid: "alice",
        exp: tokens.verify(token).exp,
        access: { openRooms: true },
      });
      // protocol 2: no room at sign-in, and the token's rooms claim comes back for conn to check SUBSCRIBE against.
      const limited = tokens.sign("bob", undefined, undefined, ["game-*"]);
      await expect(link.connect({ token: limited, roomID: "" })).resolves.toEqual({
        uid: "bob",
        exp: tokens.verify(limited).exp,
        access: { rooms: ["game-*"], openRooms: true },
      });
    });

    it("refresh answers the fresh token's expiry when it carries the connection's uid", async () => {
      const { link, tokens } = await setup();
      const fresh = tokens.sign("alice", undefined, 600);
      await expect(link.refresh({ uid: "alice", roomID: "lobby", token: fresh })).resolves.toEqual({
        exp: tokens.verify(fresh).exp,
        access: { openRooms: true },
      });
    });

    it("refresh refuses another uid's token and a bad token with 101, a bad room name with 102, none temporary", async () => {
      const { link, tokens } = await setup();
      const otherUid = await refusal(link.refresh({ uid: "alice", roomID: "lobby", token: tokens.sign("mallory") }));
      expect([otherUid.code, otherUid.temporary, otherUid.message]).toEqual([
        ErrCode.INVALID_TOKEN,
        false,
        "the fresh token is for another uid than the connection's",
      ]);
      const badToken = await refusal(link.refresh({ uid: "alice", roomID: "lobby", token: "not-a-jwt" }));
      expect([badToken.code, badToken.temporary]).toEqual([ErrCode.INVALID_TOKEN, false]);
      const badRoom = await refusal(link.refresh({ uid: "alice", roomID: "r".repeat(129), token: tokens.sign("alice") }));
      expect([badRoom.code, badRoom.temporary]).toEqual([ErrCode.MALFORMED, false]);
    });

    it("connect refuses a bad token with 101 and a bad room name with 102, neither temporary", async () => {
      const { link, tokens } = await setup();
      const badToken = await refusal(link.connect({ token: "not-a-jwt", roomID: "lobby" }));
      expect([badToken.code, badToken.temporary]).toEqual([ErrCode.INVALID_TOKEN, false]);
      const badRoom = await refusal(link.connect({ token: tokens.sign("alice"), roomID: "x".repeat(129) }));
      expect([badRoom.code, badRoom.temporary]).toEqual([ErrCode.MALFORMED, false]);
    });

    it("sign-ins of one turn (a storm of them) each get their own answer: good tokens their uid, bad ones 101", async () => {
      const { link, tokens } = await setup();
      const results = await Promise.allSettled(
        Array.from({ length: 300 }, (_, i) =>
          link.connect({ token: i % 3 === 2 ? `bad-${i}` : tokens.sign(`user-${i}`), roomID: `room-${i % 7}` }),
        ),
      );
      results.forEach((r, i) => {
        if (i % 3 === 2) expect(r.status === "rejected" && (r.reason as RoomcastError).code).toBe(ErrCode.INVALID_TOKEN);
        else expect(r.status === "fulfilled" && r.value.uid).toBe(`user-${i}`);
      });
    });

    it("submit queues each message with its sender, in the order one sender submitted them", async () => {
      const { link, queue } = await setup();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text(`m${i}`) })),
      );
      expect(queue.queued.map((m) => m.text)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
      expect(queue.queued.every((m) => m.topic === "normal" && m.uid === "bob" && m.roomID === "lobby")).toBe(true);
      // One turn's NORMAL messages of one partition travel as one queue message (job pays per queue message).
      expect(queue.published).toBe(1);
    });

    it("submit refuses a message over the limit with 105, not temporary, and the others of the same turn still go", async () => {
      const { link, queue } = await setup();
      const results = await Promise.allSettled([
        link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("before") }),
        link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: Buffer.alloc(1_001) }),
        link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("after") }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      const tooLarge = (results[1] as PromiseRejectedResult).reason as RoomcastError;
      expect([tooLarge instanceof RoomcastError, tooLarge.code, tooLarge.temporary]).toEqual([true, ErrCode.TOO_LARGE, false]);
      expect(queue.queued.map((m) => m.text)).toEqual(["before", "after"]);
    });

    it("submit while the queue refuses rejects with a temporary 500 'queue unavailable'", async () => {
      const { link, queue } = await setup();
      queue.down = true;
      const err = await refusal(link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("lost?") }));
      expect([err.code, err.message, err.temporary]).toEqual([ErrCode.INTERNAL, "queue unavailable", true]);
      queue.down = false;
      await link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("back") });
      expect(queue.queued.map((m) => m.text)).toEqual(["back"]);
    });

    it("reportOnline answers the cluster totals of the rooms reported that have members on other nodes too", async () => {
      const { link } = await setup();
      const m = (o: Record<string, number>) => new Map(Object.entries(o));
      // Every member on the reporting node: nothing to add to what it knows.
      await expect(link.reportOnline({ connNode: "conn-a", rooms: m({ lobby: 3, quiet: 1 }), full: true })).resolves.toEqual({
        rooms: m({}),
      });
      await expect(link.reportOnline({ connNode: "conn-b", rooms: m({ lobby: 2 }), full: true })).resolves.toEqual({
        rooms: m({ lobby: 5 }),
      });
      await expect(link.reportOnline({ connNode: "conn-a", rooms: m({ lobby: 0 }), full: false })).resolves.toEqual({
        rooms: m({ lobby: 2 }),
      });
    });

    it("rooms named __proto__, constructor and toString are counted like any other", async () => {
      const { link } = await setup();
      const names = ["__proto__", "constructor", "toString", "hasOwnProperty"];
      await link.reportOnline({ connNode: "conn-a", rooms: new Map(names.map((r) => [r, 2])), full: true });
      const res = await link.reportOnline({ connNode: "conn-b", rooms: new Map(names.map((r) => [r, 1])), full: true });
      expect([...res.rooms]).toEqual(names.map((r) => [r, 3]));
    });

    if (!remote) return;

    it("a sign-in logic never answers fails alone at its deadline: the ones logic answers meanwhile, late or not, succeed", async () => {
      const hang = () => new Promise<never>(() => undefined);
      // Logic answers every other sign-in 150 ms late, so some are always waiting when the stuck one's deadline passes.
      const { link, tokens } = await setup(800, (h) => ({
        ...h,
        connect: (a) => (a.token === "stuck" ? hang() : sleep(150).then(() => h.connect(a))),
      }));
      const stuck = refusal(link.connect({ token: "stuck", roomID: "lobby" }));
      await sleep(20); // a request of its own (sign-ins of one turn share one, and its answer)
      const others: Array<Promise<unknown>> = [];
      for (let i = 0; i < 14; i++) {
        others.push(link.connect({ token: tokens.sign(`u${i}`), roomID: "lobby" }));
        await sleep(80);
      }
      const refused = await stuck;
      expect([refused.code, refused.temporary]).toEqual([ErrCode.INTERNAL, true]);
      expect((await Promise.allSettled(others)).map((r) => r.status)).toEqual(Array(14).fill("fulfilled"));
    });

    it("a call logic never answers fails at the deadline with a temporary 500", async () => {
      const hang = () => new Promise<never>(() => undefined);
      const { link, tokens, queue } = await setup(300, (h) => ({ ...h, connect: hang, refresh: hang }));
      const connect = await refusal(link.connect({ token: tokens.sign("alice"), roomID: "lobby" }));
      expect([connect.code, connect.temporary]).toEqual([ErrCode.INTERNAL, true]);
      const refresh = await refusal(link.refresh({ uid: "alice", roomID: "lobby", token: tokens.sign("alice") }));
      expect([refresh.code, refresh.temporary]).toEqual([ErrCode.INTERNAL, true]);
      queue.hang = true;
      const submit = await refusal(link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("slow") }));
      expect([submit.code, submit.temporary]).toEqual([ErrCode.INTERNAL, true]);
    });

    it("while logic is stopped calls fail with a temporary 500; once it is back they succeed again", async () => {
      const { link, tokens, queue, stopPeer, startPeer } = await setup();
      await link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("1") });
      await stopPeer!();
      const down = await refusal(link.connect({ token: tokens.sign("alice"), roomID: "lobby" }));
      expect([down.code, down.temporary]).toEqual([ErrCode.INTERNAL, true]);
      const lost = await refusal(link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("while down") }));
      expect([lost.code, lost.temporary]).toEqual([ErrCode.INTERNAL, true]);
      await startPeer!();
      // The channel may still be in its reconnect back-off (at most 2 s).
      let ok = false;
      await until(
        "a submit goes through again",
        async () =>
          (ok = await link.submit({ uid: "bob", roomID: "lobby", msgLv: MsgLevel.NORMAL, data: text("2") }).then(
            () => true,
            () => false,
          )),
        10_000,
        200,
      );
      expect(ok).toBe(true);
      expect(queue.queued.map((m) => m.text)[0]).toBe("1");
      expect(queue.queued.map((m) => m.text)).not.toContain("while down");
    }, 20_000);
  });
}

/** A conn node as a Deliverer: what reached it, in order; room "broken" throws. */
class RecordingNode implements Deliverer {
  delivered: string[] = [];
  /** The message ids of each batch that carried some. */
  ids: string[][] = [];
  deliver(b: RoomBatch): number {
    if (b.roomID === "broken") throw new Error("room broken is not deliverable");
    if (b.ids && b.ids.length > 0) this.ids.push([...b.ids]);
    for (const m of unpackMessages(b.packed)) this.delivered.push(`${b.roomID}:${Buffer.from(m).toString()}`);
    return 3;
  }
}

const batch = (roomID: string, ...texts: string[]): RoomBatch => ({
  roomID,
  msgLv: MsgLevel.IMPORTANT,
  packed: packMessages(texts.map(text)),
  count: texts.length,
});

export function connLinkContract(name: string, make: MakeConnLink, remote: boolean): void {
  describe(`ConnLink contract: ${name}`, () => {
    const open: Array<LinkUnderTest<ConnLink>> = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((l) => l.close()));
    });
    async function setup(timeoutMs = 3_000, node: Deliverer | "never answers" = new RecordingNode()) {
      const under = await make(node, timeoutMs);
      open.push(under);
      return under;
    }

    it("lists the conn node, and pushes sent at once all arrive in order, each resolved once the node took it", async () => {
      const node = new RecordingNode();
      const { link } = await setup(3_000, node);
      await until("the node is listed", () => link.nodeIds().includes("conn-0"));
      expect(link.nodeIds()).toEqual(["conn-0"]);
      await Promise.all([
        link.push("conn-0", [batch("a", "1", "2"), batch("b", "x")]),
        link.push("conn-0", [batch("a", "3")]),
        link.push("conn-0", [batch("c", "only")]),
      ]);
      expect(node.delivered).toEqual(["a:1", "a:2", "b:x", "a:3", "c:only"]);
    });

    it("an IMPORTANT batch's message ids reach the node as sent (conn delivers a repeated id once)", async () => {
      const node = new RecordingNode();
      const { link } = await setup(3_000, node);
      await until("the node is listed", () => link.nodeIds().includes("conn-0"));
      await link.push("conn-0", [
        { ...batch("a", "1"), ids: ["id-1"] },
        batch("b", "no id"),
        { ...batch("c", "2", "3"), ids: ["id-2", "id-3"] },
      ]);
      expect(node.ids).toEqual([["id-1"], ["id-2", "id-3"]]);
    });

    it("a batch the node cannot deliver fails its own push with a temporary 500; the link goes on", async () => {
      const node = new RecordingNode();
      const { link } = await setup(3_000, node);
      const results = await Promise.allSettled([
        link.push("conn-0", [batch("a", "before")]),
        link.push("conn-0", [batch("broken", "lost")]),
        link.push("conn-0", [batch("a", "after")]),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      const err = (results[1] as PromiseRejectedResult).reason as RoomcastError;
      expect([err instanceof RoomcastError, err.code, err.temporary]).toEqual([true, ErrCode.INTERNAL, true]);
      expect(node.delivered).toEqual(["a:before", "a:after"]);
    });

    it("a push to a node that is not registered fails with a temporary 500 naming it", async () => {
      const { link } = await setup();
      const err = await refusal(link.push("conn-9", [batch("a", "1")]));
      expect([err.code, err.temporary, err.message]).toEqual([ErrCode.INTERNAL, true, "conn node conn-9 is not registered"]);
    });

    if (!remote) return;

    it("a push the node never answers fails at the deadline with a temporary 500, and so do the ones behind it", async () => {
      const { link } = await setup(200, "never answers");
      const results = await Promise.allSettled([link.push("conn-0", [batch("a", "1")]), link.push("conn-0", [batch("a", "2")])]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      for (const r of results) {
        const err = (r as PromiseRejectedResult).reason as RoomcastError;
        expect([err instanceof RoomcastError, err.code, err.temporary]).toEqual([true, ErrCode.INTERNAL, true]);
      }
    });

    it("a node that stops fails pushes with a temporary 500; once it is back a push reaches it", async () => {
      const node = new RecordingNode();
      const { link, stopPeer, startPeer } = await setup(3_000, node);
      await link.push("conn-0", [batch("a", "1")]);
      await stopPeer!();
      const err = await refusal(link.push("conn-0", [batch("a", "while down")]));
      expect([err.code, err.temporary]).toEqual([ErrCode.INTERNAL, true]);
      await startPeer!();
      await until(
        "a push goes through again",
        () =>
          link.push("conn-0", [batch("a", "2")]).then(
            () => true,
            () => false,
          ),
        10_000,
        200,
      );
      expect(node.delivered[0]).toBe("a:1");
      expect(node.delivered).not.toContain("a:while down");
    }, 20_000);
  });
}
