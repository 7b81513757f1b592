// The client SDK in Node (with the ws package) against standalone and against a cluster of separate processes.
import WebSocket from "ws";
import { RoomcastClient, ProtocolError, type ClientOptions, type Message } from "@roomcast/client";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { killAll } from "./harness/proc";
import { post } from "./suite/protocol";
import { eventually } from "./support/wait";

jest.setTimeout(60_000);

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const pushToken = tokens.sign("svc", "push");
const room = (tag: string) => `sdk-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const clients: RoomcastClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(() => killAll());

/** An SDK client that records what it receives and every event that tells a user about the connection. */
function sdk(opts: Partial<ClientOptions> & Pick<ClientOptions, "url" | "room">) {
  const c = new RoomcastClient({
    token: tokens.sign(`u${clients.length}`),
    WebSocket,
    reconnect: { minDelayMs: 200, maxDelayMs: 1_000 },
    ...opts,
  });
  clients.push(c);
  const got: Message[] = [];
  const events: string[] = [];
  const errors: Error[] = [];
  c.on("message", (m) => got.push(m));
  c.on("connected", ({ url }) => events.push(`connected ${url}`));
  c.on("disconnected", ({ url, code }) => events.push(`disconnected ${url} ${code}`));
  c.on("error", (e) => errors.push(e));
  const waitFor = (pred: (m: Message[]) => boolean, what: string, timeoutMs = 15_000) =>
    new Promise<Message[]>((resolve, reject) => {
      if (pred(got)) return resolve(got);
      const timer = setTimeout(
        () => reject(new Error(`${what}: not within ${timeoutMs} ms; got ${got.map((m) => m.text()).join(" | ")}`)),
        timeoutMs,
      );
      const check = () => {
        if (!pred(got)) return;
        clearTimeout(timer);
        c.off("message", check);
        resolve(got);
      };
      c.on("message", check);
    });
  const waitText = (text: string) => waitFor((g) => g.some((m) => m.text() === text), `"${text}"`);
  const once = <E extends "connected" | "disconnected">(event: E) => new Promise((resolve) => c.once(event, resolve));
  return { c, got, events, errors, waitFor, waitText, once };
}

const pushMsg = (http: string, roomID: string, msg: string) => post(`${http}/msg`, { room_id: roomID, msg }, { Authorization: pushToken });

/** Polls members() until it answers `want` (counts are a report interval stale by design). */
const membersReach = (c: RoomcastClient, want: number) => eventually(() => c.members(), want);

describe("SDK on standalone", () => {
  let target: Target;
  beforeAll(async () => {
    target = await startStandalone();
  });
  afterAll(() => target?.stop());

  it("joins, receives its own and a member's messages and a POST /msg, and counts members", async () => {
    const r = room("basic");
    const a = sdk({ url: target.wsUrls[0], room: r });
    const b = sdk({ url: target.wsUrls[0], room: r });
    await Promise.all([a.c.connect(), b.c.connect()]);
    expect(a.c.state).toBe("connected");
    a.c.send("from a");
    b.c.send(JSON.stringify({ n: 1 }));
    expect((await pushMsg(target.httpUrls[0], r, "from the business")).json.code).toBe(1);
    const got = await a.waitFor((g) => g.length === 3, "three messages");
    expect(got.map((m) => [m.text(), m.important, m.room]).sort()).toEqual(
      [
        ["from a", false, r],
        ["from the business", true, r],
        ['{"n":1}', false, r],
      ].sort(),
    );
    expect(got.find((m) => m.text().startsWith("{"))!.json()).toEqual({ n: 1 });
    expect(await membersReach(b.c, 2)).toBe(2);
  });

  it("a 0-length message and one of 65,536 bytes (a length over 65,535) arrive intact", async () => {
    const r = room("bytes");
    const a = sdk({ url: target.wsUrls[0], room: r });
    await a.c.connect();
    const big = new Uint8Array(65_536).map((_, i) => (i * 7) % 256);
    a.c.send(new Uint8Array(0));
    a.c.send(big);
    a.c.send("end");
    const got = await a.waitFor((g) => g.some((m) => m.text() === "end"), "end");
    expect(got.map((m) => m.data.byteLength)).toEqual([0, 65_536, 3]);
    expect(Buffer.from(got[1].data).equals(Buffer.from(big))).toBe(true);
  });

  it("a refused token rejects connect() with ProtocolError 101 and the client stays closed", async () => {
    const a = sdk({ url: target.wsUrls[0], room: room("badtoken"), token: "garbage" });
    const err = await a.c.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 101 });
    expect(a.c.state).toBe("closed");
  });

  it("sending too fast gets ProtocolError 104 as an error event and the client stays connected", async () => {
    const a = sdk({ url: target.wsUrls[0], room: room("rate") });
    await a.c.connect();
    for (let i = 0; i < 60; i++) a.c.send(`m${i}`);
    await a.waitText("m0");
    // A MEMBERS request after the 60 is the marker: the node answers the refused messages before it.
    await a.c.members();
    expect(a.errors.length).toBeGreaterThan(0);
    expect(a.errors.every((e) => e instanceof ProtocolError && e.code === 104)).toBe(true);
    expect(a.c.state).toBe("connected");
  });

  it("heartbeats keep an idle member in; without them the server evicts it (4000) and the SDK comes back", async () => {
    // The test server evicts after 4 s of silence.
    const beating = sdk({ url: target.wsUrls[0], room: room("hb"), heartbeatIntervalMs: 1_000 });
    const silent = sdk({ url: target.wsUrls[0], room: room("hb"), heartbeatIntervalMs: 60_000 });
    await Promise.all([beating.c.connect(), silent.c.connect()]);
    const back = new Promise((resolve) => silent.c.on("connected", () => silent.events.length >= 3 && resolve(null)));
    await back;
    expect(silent.events.slice(0, 3)).toEqual([
      `connected ${target.wsUrls[0]}`,
      `disconnected ${target.wsUrls[0]} 4000`,
      `connected ${target.wsUrls[0]}`,
    ]);
    expect(beating.events).toEqual([`connected ${target.wsUrls[0]}`]);
  });

  it("reconnects when standalone restarts and receives again", async () => {
    const r = room("restart");
    const a = sdk({ url: target.wsUrls[0], room: r });
    await a.c.connect();
    const ports = { ws: new URL(target.wsUrls[0]).port, http: new URL(target.httpUrls[0]).port };
    const lost = a.once("disconnected");
    await target.procs[0].kill9();
    await lost;
    expect(a.c.state).toBe("connecting");
    target = await startStandalone({ ROOMCAST_CONN_WS_PORT: ports.ws, ROOMCAST_LOGIC_HTTP_PORT: ports.http });
    if (a.c.state !== "connected") await a.once("connected");
    await pushMsg(target.httpUrls[0], r, "after the restart");
    await a.waitText("after the restart");
    expect(a.events).toEqual([`connected ${target.wsUrls[0]}`, `disconnected ${target.wsUrls[0]} 1006`, `connected ${target.wsUrls[0]}`]);
  });
});

describe("SDK on a cluster", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 90_000);
  afterAll(() => cluster?.stop());

  it("a client whose conn node is killed lands on the other node and keeps receiving", async () => {
    const r = room("failover");
    const [conn0, conn1] = cluster.wsUrls;
    const mover = sdk({ url: [conn0, conn1], room: r });
    const stayer = sdk({ url: conn1, room: r });
    await Promise.all([mover.c.connect(), stayer.c.connect()]);
    expect(mover.c.url).toBe(conn0);
    stayer.c.send("before");
    await mover.waitText("before");

    const moved = mover.once("connected");
    await cluster.conns[0].kill9();
    await moved;
    expect(mover.events).toEqual([`connected ${conn0}`, `disconnected ${conn0} 1006`, `connected ${conn1}`]);

    stayer.c.send("after, from a member");
    await pushMsg(cluster.httpUrls[1], r, "after, from the business");
    await mover.waitText("after, from a member");
    await mover.waitText("after, from the business");
    mover.c.send("the mover speaks again");
    await stayer.waitText("the mover speaks again");
    expect(await membersReach(stayer.c, 2)).toBe(2);
  });
});
