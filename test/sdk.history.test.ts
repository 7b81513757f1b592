// The SDK's history calls against a real standalone, in both codecs: publish() answers the message's id, recall()
// withdraws it (every member gets "$recall"), history() pages, and after a restart that lost the history the
// `recovery` event says so (epoch).
import WebSocket from "ws";
import { ProtocolError, RoomcastClient, type ClientOptions, type Codec, type Message, type RecoveryInfo } from "@roomcast/client";
import { ErrCode } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { killAll } from "./harness/proc";
import { sleep, until } from "./support/wait";

jest.setTimeout(60_000);

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const unique = (tag: string) => `sdkh-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const clients: RoomcastClient[] = [];
let target: Target;

// Rooms "acked-*" ask for acknowledgements, sent again after a second.
const env = { ROOMCAST_HISTORY_ACKED_ROOMS: "acked-*", ROOMCAST_HISTORY_REDELIVER_AFTER_MS: "1000" };

beforeAll(async () => {
  target = await startStandalone(env);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await target?.stop();
  await killAll();
});

function sdk(uid: string, opts: Partial<ClientOptions> = {}) {
  const c = new RoomcastClient({
    url: target.wsUrls[0]!,
    token: tokens.sign(uid),
    WebSocket,
    reconnect: { minDelayMs: 200, maxDelayMs: 1_000 },
    ...opts,
  });
  clients.push(c);
  const got: Message[] = [];
  const recoveries: RecoveryInfo[] = [];
  c.on("message", (m) => got.push(m));
  c.on("recovery", (r) => recoveries.push(r));
  return { c, got, recoveries };
}

describe.each<Codec>(["proto", "json"])("SDK history, codec %s", (codec) => {
  it("publish() answers the id, recall() withdraws the message for every member, history() pages from a position", async () => {
    const room = unique("recall");
    const a = sdk(unique("ann"), { codec, room });
    const b = sdk(unique("bob"), { codec, room });
    await Promise.all([a.c.connect(), b.c.connect()]);
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(await a.c.publish(`m${i}`));
    await until("bob has m5", () => b.got.some((m) => m.text() === "m5"), 10_000);
    expect(b.got.map((m) => [m.text(), m.id, m.offset])).toEqual(ids.map((id, i) => [`m${i + 1}`, id, i + 1]));
    expect(b.c.position(room)).toEqual({ epoch: expect.any(String), offset: 5 });

    await expect(b.c.recall(room, ids[0]!)).rejects.toMatchObject({ code: ErrCode.NOT_YOUR_MESSAGE });
    await expect(a.c.recall(room, "nope")).rejects.toBeInstanceOf(ProtocolError);
    await a.c.recall(room, ids[1]!);
    await until("both see the recall", () => [a, b].every((x) => x.got.some((m) => m.type === "$recall")), 10_000);
    expect(b.got.find((m) => m.type === "$recall")!.text()).toBe(ids[1]);

    const newest = await b.c.history(room, { limit: 2 });
    expect(newest.messages.map((m) => [m.text(), m.type])).toEqual([
      ["m5", ""],
      [ids[1], "$recall"],
    ]);
    const page = await b.c.history(room, { since: { epoch: newest.epoch, offset: 0 }, limit: 3 });
    expect([page.messages.map((m) => m.text()), page.more]).toEqual([["m1", "m3", "m4"], true]);
    const rest = await b.c.history(room, { since: { epoch: newest.epoch, offset: page.messages.at(-1)!.offset } });
    expect([rest.messages.map((m) => m.offset), rest.more, rest.reason]).toEqual([[5, 6], false, ""]);
  });
});

describe("SDK acknowledgements", () => {
  /** roomcast_conn_acks_total for one event, from standalone's /metrics. */
  const acksTotal = async (event: string): Promise<number> => {
    const text = await (await fetch(`${target.opsUrls[0]}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith("roomcast_conn_acks_total{") && l.includes(`event="${event}"`));
    return line ? Number(line.split(" ").pop()) : 0;
  };
  const push = async (room: string, msg: string) => {
    const res = await fetch(`${target.httpUrls[0]}/msg`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.sign("svc", "push")}`, "content-type": "application/json" },
      body: JSON.stringify({ room_id: room, msg }),
    });
    expect(res.status).toBe(200);
  };

  it("acknowledges an acked room's messages on its own, so nothing comes again; with autoAck off, only once ack() is called", async () => {
    const room = `acked-${unique("sdk")}`;
    const auto = sdk(unique("auto"), { room });
    await auto.c.connect();
    const [redelivered0, acked0] = [await acksTotal("redelivered"), await acksTotal("acked")];
    await push(room, "order shipped");
    await until("it arrives", () => auto.got.length === 1, 10_000);
    expect(auto.got[0]!.needsAck).toBe(true);
    await sleep(2_500);
    expect([await acksTotal("redelivered"), await acksTotal("acked")]).toEqual([redelivered0, acked0 + 1]);

    // A second user joins later: what it has not acknowledged (the first message) comes from its inbox at sign-in.
    const manual = sdk(unique("manual"), { room, autoAck: false });
    await manual.c.connect();
    await push(room, "order delivered");
    await until("both arrive", () => manual.got.length === 2 && auto.got.length === 2, 10_000);
    expect(manual.got.map((m) => m.text())).toEqual(["order shipped", "order delivered"]);
    await sleep(2_500);
    expect(await acksTotal("redelivered")).toBeGreaterThan(redelivered0);
    expect(manual.got.length).toBe(2); // the copies came and were dropped as ones it had
    for (const m of manual.got) manual.c.ack(m);
    await sleep(300);
    const afterAck = await acksTotal("redelivered");
    await sleep(2_500);
    expect(await acksTotal("redelivered")).toBe(afterAck);
    expect(await acksTotal("acked")).toBe(acked0 + 4);
  });
});

describe("SDK history across a restart", () => {
  it("a restart of standalone loses its memory history: the reconnected client is told (epoch) and follows the new one", async () => {
    const room = unique("restart");
    const a = sdk(unique("ann"), { room });
    await a.c.connect();
    await a.c.publish("before");
    await until("before arrives", () => a.got.length === 1, 10_000);
    const ports = { ROOMCAST_CONN_WS_PORT: new URL(target.wsUrls[0]!).port, ROOMCAST_LOGIC_HTTP_PORT: new URL(target.httpUrls[0]!).port };
    await target.stop();
    target = await startStandalone({ ...env, ...ports });
    await until("a recovery is reported", () => a.recoveries.length === 1, 20_000);
    expect(a.recoveries).toEqual([{ room, recovered: false, reason: "epoch", missed: 0 }]);
    await a.c.publish("after");
    await until("after arrives", () => a.got.length === 2, 10_000);
    expect(a.got.map((m) => [m.text(), m.offset])).toEqual([
      ["before", 1],
      ["after", 1],
    ]);
  });
});
