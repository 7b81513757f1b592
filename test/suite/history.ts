// The history suite (issue 15, DESIGN.md §10): positions on deliveries, recovery on SUBSCRIBE and SIGN_IN with no gap
// and nothing twice at the seam, recovery refused (future, epoch, trimmed, limit, none), and HISTORY pages. Run
// against standalone (memory) and a cluster (Redis), with protobuf and JSON clients. The target must run with
// HISTORY_ENV's rules.
import { ErrCode, MsgLevel, PackageType, encodeHistoryQuery } from "@roomcast/pkg/protocol";
import { RoomClient, type Codec, type Received } from "../harness/room_client";
import type { Target } from "../harness/roomcast";
import { deleteRedisKeys } from "../harness/redis";
import { sleep, until } from "../support/wait";
import { post } from "./protocol";
import { local, suiteClients } from "./clients";

/** The history settings a target of this suite runs with (every process). */
export const HISTORY_ENV = {
  ROOMCAST_HISTORY_RULES: "* 100 5m,user:* 1000 24h,small-* 3 5m,nohist-* 0 1s",
  ROOMCAST_HISTORY_RECOVER_MAX: "50",
  ROOMCAST_HISTORY_MAX_PAGE: "20",
  // Acked rooms of the suite's own (a user's room works the same; the other suites push to user rooms unacked).
  ROOMCAST_HISTORY_ACKED_ROOMS: "acked-*",
  ROOMCAST_HISTORY_REDELIVER_AFTER_MS: "1000",
};

let seq = 0;
const unique = (tag: string) => `${tag}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;
const auth = { authorization: `Bearer ${local.sign("push-service", "push")}` };
const inRoom = (c: RoomClient, room: string): Received[] => c.received.filter((r) => r.roomID === room);
const texts = (rs: Received[]) => rs.map((r) => r.text);
const range = (from: number, to: number, tag = "m") => Array.from({ length: to - from + 1 }, (_, i) => `${tag}${from + i}`);

/** A target whose history is in Redis names its keys' prefix: the suite then also loses a room's keys on purpose. */
type HistoryTarget = Target & { historyKeyPrefix?: string };

export function historySuite(getTarget: () => HistoryTarget, codec: Codec, store: "memory" | "redis"): void {
  describe(`history and recovery (${codec})`, () => historyTests(getTarget, codec, store));
}

function historyTests(getTarget: () => HistoryTarget, codec: Codec, store: "memory" | "redis"): void {
  const { http, join, connect } = suiteClients(getTarget, codec);
  /** `n` messages m<from>… from `c`, waiting until `witness` (a member) has them all, so they are stored. */
  const sayAndWait = async (c: RoomClient, room: string, from: number, to: number, witness = c) => {
    for (const t of range(from, to)) c.say(room, t);
    await witness.waitForMessages(() => inRoom(witness, room).some((r) => r.text === `m${to}`));
  };

  it("deliveries carry the room's epoch, consecutive offsets and ids, the same for every member on every node", async () => {
    const room = unique("pos");
    const a = await join(0, "alice", room);
    const b = await join(1, "bob", room);
    await sayAndWait(a, room, 1, 5, b);
    expect((await post(`${http()}/msg`, { room_id: room, msg: "order paid" }, auth)).status).toBe(200);
    await b.waitForMessages(() => inRoom(b, room).length === 6);
    await a.waitForMessages(() => inRoom(a, room).length === 6);
    const view = (c: RoomClient) => inRoom(c, room).map((r) => [r.text, r.offset, r.msgLv]);
    expect(view(a)).toEqual([...range(1, 5).map((t, i) => [t, i + 1, MsgLevel.NORMAL]), ["order paid", 6, MsgLevel.IMPORTANT]]);
    expect(view(b)).toEqual(view(a));
    const epochs = new Set([...inRoom(a, room), ...inRoom(b, room)].map((r) => r.epoch));
    expect(epochs.size).toBe(1);
    expect([...epochs][0]).not.toBe("");
    const ids = inRoom(a, room).map((r) => r.id);
    expect(new Set(ids).size).toBe(6);
    expect(inRoom(b, room).map((r) => r.id)).toEqual(ids);
  }, 30_000);

  for (const via of ["SUBSCRIBE", "SIGN_IN"] as const) {
    it(`a client whose socket was cut recovers on ${via}: what it missed in order, then live messages, none lost or twice`, async () => {
      const room = unique(`cut-${via}`);
      const sender = await join(1, "bob", room);
      const alice = await join(0, "alice");
      await alice.subscribe(room);
      await sayAndWait(sender, room, 1, 3, alice);
      const from = alice.position(room);
      expect(from.offset).toBe(3);
      alice.terminate();
      await sayAndWait(sender, room, 4, 13);
      // Live messages keep coming while the new connection recovers: they must meet the missed ones at a seam.
      const live = (async () => {
        for (const t of range(14, 33)) {
          sender.say(room, t);
          await sleep(5);
        }
      })();
      const again = via === "SUBSCRIBE" ? await join(0, "alice") : await connect(0);
      const answer =
        via === "SUBSCRIBE" ? await again.subscribe(room, 1, 5_000, from) : await again.signIn(local.sign("alice"), room, 5_000, 1, from);
      expect(answer.code).toBe(0);
      expect(answer.recovery).toMatchObject({ recovered: true, reason: "", epoch: from.epoch });
      expect(answer.recovery!.count).toBeGreaterThanOrEqual(10);
      await live;
      const got = await again.waitForMessages(() => inRoom(again, room).some((r) => r.text === "m33"));
      expect(texts(inRoom(again, room))).toEqual(range(4, 33));
      expect(inRoom(again, room).map((r) => r.offset)).toEqual(range(4, 33).map((_, i) => i + 4));
      expect(got.length).toBe(30);
    }, 30_000);
  }

  it("a member who joined a room before its first message, and was cut, recovers from the position its SUBSCRIBE was given", async () => {
    const room = unique("empty");
    const a = await join(0, "alice");
    const first = (await a.subscribe(room, 1, 5_000, { epoch: "", offset: 0 })).recovery!;
    expect(first).toMatchObject({ recovered: true, reason: "", offset: 0, count: 0 });
    expect(first.epoch).not.toBe("");
    a.terminate();
    const b = await join(1, "bob", room);
    await sayAndWait(b, room, 1, 3);
    expect(inRoom(b, room)[0]!.epoch).toBe(first.epoch);
    const again = await join(0, "alice");
    const answer = await again.subscribe(room, 1, 5_000, { epoch: first.epoch, offset: 0 });
    expect(answer.recovery).toMatchObject({ recovered: true, count: 3, offset: 3 });
    expect(texts(inRoom(again, room))).toEqual(range(1, 3));
  }, 30_000);

  it("refuses recovery from the future, from another epoch and across trimmed messages, and says why; live messages still come", async () => {
    const small = unique("small-");
    const a = await join(0, "alice", small);
    await sayAndWait(a, small, 1, 6);
    const { epoch } = a.position(small);
    const b = await join(1, "bob");
    expect((await b.subscribe(small, 1, 5_000, { epoch, offset: 99 })).recovery).toEqual({
      recovered: false,
      reason: "future",
      epoch,
      offset: 6,
      count: 0,
    });
    const c = await join(1, "carol");
    expect((await c.subscribe(small, 1, 5_000, { epoch: "not-the-epoch", offset: 2 })).recovery).toMatchObject({
      recovered: false,
      reason: "epoch",
      epoch,
    });
    // The room keeps 3: after offset 1 the messages 2 and 3 are gone; after 3, 4..6 are all there.
    const d = await join(0, "dave");
    expect((await d.subscribe(small, 1, 5_000, { epoch, offset: 1 })).recovery).toMatchObject({ recovered: false, reason: "trimmed" });
    const e = await join(0, "erin");
    expect((await e.subscribe(small, 1, 5_000, { epoch, offset: 3 })).recovery).toMatchObject({ recovered: true, count: 3, offset: 6 });
    expect(texts(inRoom(e, small))).toEqual(range(4, 6));
    // Refused or not, each is in the room now.
    a.say(small, "after");
    for (const x of [b, c, d, e]) await x.waitForMessages(() => inRoom(x, small).some((r) => r.text === "after"));
    expect(inRoom(b, small).map((r) => r.text)).toEqual(["after"]);
  }, 30_000);

  it("refuses a recovery of more than history.recoverMax messages (limit), and one of a room that keeps none (none)", async () => {
    const room = unique("many");
    const a = await join(0, "alice", room);
    await sayAndWait(a, room, 1, 1);
    const from = a.position(room);
    // 60 more, from two senders (each connection's burst is 40).
    const a2 = await join(1, "alice-2", room);
    await sayAndWait(a, room, 2, 31);
    await sayAndWait(a2, room, 32, 61, a);
    const b = await join(1, "bob");
    expect((await b.subscribe(room, 1, 5_000, from)).recovery).toMatchObject({ recovered: false, reason: "limit", offset: 61, count: 0 });
    expect(inRoom(b, room)).toEqual([]);
    const none = unique("nohist-");
    const c = await join(0, "carol", none);
    c.say(none, "not kept");
    await c.waitForMessages(1);
    expect(c.received[0]).toMatchObject({ text: "not kept", epoch: "", offset: 0 });
    const d = await join(1, "dave");
    expect((await d.subscribe(none, 1, 5_000, { epoch: "", offset: 0 })).recovery).toEqual({
      recovered: false,
      reason: "none",
      epoch: "",
      offset: 0,
      count: 0,
    });
  }, 30_000);

  it("HISTORY answers the newest messages, pages from a position, caps the page, and says none for a room without history", async () => {
    const room = unique("page");
    const a = await join(0, "alice", room);
    await sayAndWait(a, room, 1, 25);
    const { epoch } = a.position(room);
    const b = await join(1, "bob"); // not in the room: HISTORY needs only the right to join it
    const latest = await b.history({ roomID: room, limit: 3 }, 5);
    expect([latest.epoch, latest.offset, latest.more, latest.reason]).toEqual([epoch, 25, false, ""]);
    expect(latest.messages.map((m) => [m.offset, new TextDecoder().decode(m.data), m.uid, m.msgLv])).toEqual([
      [23, "m23", "alice", MsgLevel.NORMAL],
      [24, "m24", "alice", MsgLevel.NORMAL],
      [25, "m25", "alice", MsgLevel.NORMAL],
    ]);
    expect(latest.messages.every((m) => m.id !== "" && m.ts > 0)).toBe(true);
    expect(b.replyIds.at(-1)).toEqual({ type: PackageType.HISTORY, id: 5 });
    const first = await b.history({ roomID: room, since: { epoch, offset: 0 }, limit: 0 }); // 0: the server's max, 20
    expect([first.messages.length, first.more, first.messages[0]!.offset]).toEqual([20, true, 1]);
    const rest = await b.history({ roomID: room, since: { epoch, offset: 20 }, limit: 1_000_000 });
    expect([rest.messages.map((m) => m.offset), rest.more]).toEqual([[21, 22, 23, 24, 25], false]);
    expect((await b.history({ roomID: room, since: { epoch: "old", offset: 3 }, limit: 5 })).reason).toBe("epoch");
    expect((await b.history({ roomID: room, since: { epoch, offset: 26 }, limit: 5 })).reason).toBe("future");
    expect((await b.history({ roomID: unique("nohist-"), limit: 5 })).reason).toBe("none");
  }, 30_000);

  it("HISTORY of another user's room or of a connection is refused with 107, and garbage with 102; the connection lives", async () => {
    const b = await join(1, "bob");
    const ask = (body: { roomID: string; limit: number }) => b.request(PackageType.HISTORY, encodeHistoryQuery(body), body, 0);
    for (const roomID of ["user:alice", `conn:${b.connID}`]) {
      ask({ roomID, limit: 1 });
      expect((await b.nextErr()).code).toBe(ErrCode.ROOM_NOT_ALLOWED);
    }
    const garbage =
      codec === "json"
        ? [{ roomID: "r", since: { offset: -1 } }, { roomID: "r", since: { offset: "x" } }, { roomID: "r", page: 1 }, { roomID: "" }, "r"]
        : [new Uint8Array([0xff, 0xff, 0xff]), new Uint8Array()];
    for (const g of garbage) {
      if (codec === "json") b.request(PackageType.HISTORY, new Uint8Array(), g, 0);
      else b.sendFrame(PackageType.HISTORY, g as Uint8Array);
      expect((await b.nextErr()).code).toBe(ErrCode.MALFORMED);
      await b.heartbeat(); // a good frame between: the run of bad frames never reaches the limit
    }
    expect(b.open).toBe(true);
  }, 30_000);

  it("a client acting on a huge or negative position is answered, never crashes the node", async () => {
    const room = unique("bad-pos");
    const a = await join(0, "alice", room);
    await sayAndWait(a, room, 1, 2);
    const { epoch } = a.position(room);
    const b = await join(1, "bob");
    expect((await b.subscribe(room, 1, 5_000, { epoch, offset: Number.MAX_SAFE_INTEGER })).recovery).toMatchObject({ reason: "future" });
    if (codec === "json") {
      b.request(PackageType.SUBSCRIBE, new Uint8Array(), { roomID: room, recover: { epoch, offset: -5 } }, 9);
      expect((await b.nextErr()).code).toBe(ErrCode.MALFORMED);
    }
    a.say(room, "still here");
    await b.waitForMessages(() => inRoom(b, room).some((r) => r.text === "still here"));
  }, 30_000);

  it("a sender recalls its own message: every member gets $recall with its id, history loses it; 112 for another's, 111 for none", async () => {
    const room = unique("recall");
    const a = await join(0, "alice", room);
    const b = await join(1, "bob", room);
    a.say(room, "oops", MsgLevel.NORMAL, "", 41);
    const sent = await a.nextErr();
    expect(sent.code).toBe(0);
    expect(a.replyIds.at(-1)).toEqual({ type: PackageType.UNKNOWN, id: 41 });
    const id = sent.messageID!;
    expect(id).toMatch(/./);
    b.say(room, "bob's");
    await b.waitForMessages(() => texts(inRoom(b, room)).includes("bob's"));
    const bobs = inRoom(b, room).find((r) => r.text === "bob's")!.id;
    expect(inRoom(b, room).find((r) => r.text === "oops")!.id).toBe(id);
    expect(await a.recall(room, bobs, 42)).toMatchObject({ code: ErrCode.NOT_YOUR_MESSAGE });
    expect(await a.recall(room, "no-such-message", 43)).toMatchObject({ code: ErrCode.NO_SUCH_MESSAGE });
    expect(await a.recall(room, id, 44)).toEqual({ code: 0, msg: "ok" });
    for (const c of [a, b]) {
      await c.waitForMessages(() => inRoom(c, room).some((r) => r.type === "$recall"));
      expect(
        inRoom(c, room)
          .filter((r) => r.type === "$recall")
          .map((r) => [r.text, r.msgLv]),
      ).toEqual([[id, MsgLevel.IMPORTANT]]);
    }
    const page = await b.history({ roomID: room, limit: 10 });
    expect(page.messages.map((m) => [new TextDecoder().decode(m.data), m.type])).toEqual([
      ["bob's", ""],
      [id, "$recall"],
    ]);
    expect(await a.recall(room, id, 45)).toMatchObject({ code: ErrCode.NO_SUCH_MESSAGE });
  }, 30_000);

  it("a service recalls any message over HTTP (POST /recall) and reads history (GET /history) with its push token", async () => {
    const room = unique("svc");
    const a = await join(0, "alice", room);
    const pushed = await post(`${http()}/msg`, { room_id: room, msg: "flash sale", type: "" }, auth);
    expect(pushed.status).toBe(200);
    const id = (pushed.json.data as unknown as { id: string }).id;
    await a.waitForMessages(() => texts(inRoom(a, room)).includes("flash sale"));
    expect(inRoom(a, room).find((r) => r.text === "flash sale")!.id).toBe(id);
    const get = async (query: string, headers: Record<string, string> = auth) => {
      const res = await fetch(`${http()}/history?${query}`, { headers });
      return { status: res.status, json: (await res.json()) as { code: number; msg: string; data?: Record<string, unknown> } };
    };
    const before = await get(`room_id=${encodeURIComponent(room)}&limit=5`);
    expect(before.status).toBe(200);
    expect((before.json.data!.messages as Array<{ text: string; id: string; level: string }>).map((m) => [m.text, m.id, m.level])).toEqual([
      ["flash sale", id, "IMPORTANT"],
    ]);
    expect((await post(`${http()}/recall`, { room_id: room, id }, auth)).json).toEqual({ code: 1, msg: "", data: { found: true } });
    await a.waitForMessages(() => inRoom(a, room).some((r) => r.type === "$recall"));
    // Gone from history, and a second recall finds nothing (its event still goes out: members may show the message).
    const after = await get(`room_id=${encodeURIComponent(room)}&epoch=${before.json.data!.epoch}&offset=0`);
    expect((after.json.data!.messages as Array<{ type: string }>).map((m) => m.type)).toEqual(["$recall"]);
    expect((await post(`${http()}/recall`, { room_id: room, id }, auth)).json.data).toEqual({ found: false });
    // Refusals: no token, a bad parameter, an unknown one, a half position, a bad body.
    expect((await get(`room_id=${room}`, {})).status).toBe(401);
    expect((await get(`room_id=${room}&limit=-1`)).status).toBe(400);
    expect((await get(`room_id=${room}&page=2`)).status).toBe(400);
    expect((await get(`room_id=${room}&epoch=x`)).status).toBe(400);
    expect((await get(`limit=3`)).status).toBe(400);
    expect((await post(`${http()}/recall`, { room_id: room }, auth)).status).toBe(400);
    expect((await post(`${http()}/recall`, { room_id: room, id, extra: 1 }, auth)).status).toBe(400);
    expect((await post(`${http()}/recall`, { room_id: room, id }, {})).status).toBe(401);
  }, 30_000);

  /** How many messages GET /history holds for the room. */
  const storedCount = async (room: string) => {
    const res = await fetch(`${http()}/history?room_id=${encodeURIComponent(room)}`, { headers: auth });
    return ((await res.json()) as { data: { messages: unknown[] } }).data.messages.length;
  };

  it("an IMPORTANT message of an acked room comes again until it is acknowledged; an acknowledged one does not", async () => {
    const room = unique("acked-redeliver");
    const a = await join(0, "alice", room);
    for (const msg of ["p1", "p2"]) expect((await post(`${http()}/msg`, { room_id: room, msg }, auth)).status).toBe(200);
    await a.waitForMessages(() => inRoom(a, room).length === 2);
    const [p1, p2] = inRoom(a, room);
    expect([p1!.ack, p2!.ack, p1!.id !== "", p2!.id !== ""]).toEqual([true, true, true, true]);
    a.ack([p1!.id]);
    await a.waitForMessages(() => inRoom(a, room).length >= 3, 10_000);
    expect(
      inRoom(a, room)
        .slice(2)
        .map((r) => [r.text, r.id, r.offset]),
    ).toEqual([["p2", p2!.id, p2!.offset]]);
    a.ack([p2!.id], 7);
    expect((await a.nextErr()).code).toBe(0);
    expect(a.replyIds.at(-1)).toEqual({ type: PackageType.ACK, id: 7 });
    const seen = inRoom(a, room).length;
    await sleep(2_500);
    expect(inRoom(a, room).length).toBe(seen);
    // NORMAL messages and rooms that are not acked ask for nothing.
    a.say(room, "chat");
    await a.waitForMessages(() => texts(inRoom(a, room)).includes("chat"));
    expect(inRoom(a, room).at(-1)!.ack).toBe(false);
  }, 30_000);

  it("a user who was away gets the acked room's messages it had not acknowledged when it comes back, and only those", async () => {
    const room = unique("acked-inbox");
    const a = await join(0, "alice", room);
    expect((await post(`${http()}/msg`, { room_id: room, msg: "seen" }, auth)).status).toBe(200);
    await a.waitForMessages(1);
    a.ack([a.received[0]!.id], 1);
    await a.nextErr();
    a.terminate();
    for (const msg of ["while away 1", "while away 2"])
      expect((await post(`${http()}/msg`, { room_id: room, msg }, auth)).status).toBe(200);
    // Stored before alice comes back (the inbox is the room's history).
    await until("both are in history", async () => (await storedCount(room)) === 3);
    const back = await join(1, "alice");
    expect((await back.subscribe(room)).code).toBe(0);
    await back.waitForMessages(() => inRoom(back, room).length >= 2);
    expect(inRoom(back, room).map((r) => [r.text, r.ack])).toEqual([
      ["while away 1", true],
      ["while away 2", true],
    ]);
    back.ack(
      inRoom(back, room).map((r) => r.id),
      2,
    );
    await back.nextErr();
    back.terminate();
    // Another uid's inbox is its own: bob never acknowledged anything.
    const bob = await join(0, "bob");
    await bob.subscribe(room);
    await bob.waitForMessages(() => inRoom(bob, room).length >= 3);
    expect(texts(inRoom(bob, room))).toEqual(["seen", "while away 1", "while away 2"]);
    const again = await join(0, "alice");
    await again.subscribe(room);
    await sleep(1_000);
    expect(inRoom(again, room)).toEqual([]);
  }, 30_000);

  // Standalone's store is its own memory: only a restart loses it, and then no client holds a connection.
  if (store === "redis")
    it("after the store lost a room's history (Redis flushed), recovery says epoch and the room starts a new epoch", async () => {
      const room = unique("flush");
      const a = await join(0, "alice", room);
      await sayAndWait(a, room, 1, 3);
      const from = a.position(room);
      expect(await deleteRedisKeys(`${getTarget().historyKeyPrefix!}{${room}}`)).toBeGreaterThan(0);
      await sayAndWait(a, room, 4, 4);
      const now = inRoom(a, room).at(-1)!;
      expect([now.text, now.offset]).toEqual(["m4", 1]);
      expect(now.epoch).not.toBe(from.epoch);
      const b = await join(1, "bob");
      expect((await b.subscribe(room, 1, 5_000, from)).recovery).toMatchObject({
        recovered: false,
        reason: "epoch",
        epoch: now.epoch,
        offset: 1,
      });
    }, 30_000);
}
