// The protocol suite: what a frontend and a business service see, run the same against standalone and a cluster.
import jwt from "jsonwebtoken";
import { RoomClient } from "../harness/room_client";
import { ErrCode, MsgLevel, PackageType, encodeReq, encodeSignIn, encodeBroadcast } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { TOKEN_SECRET, type Target } from "../harness/roomcast";
import { eventually, sleep } from "../support/wait";

export interface HttpReply {
  status: number;
  json: { code: number; msg: string; data?: string };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as HttpReply["json"] };
}

export async function tokenFor(httpUrl: string, uid: string, scope?: string): Promise<string> {
  const r = await post(`${httpUrl}/tk`, scope ? { uid, scope } : { uid });
  expect(r.json.code).toBe(1);
  return r.json.data!;
}

const local = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
let roomSeq = 0;
const room = (tag: string) => `${tag}-${process.pid}-${++roomSeq}-${Math.random().toString(36).slice(2, 6)}`;

// Every test that waits has a timeout above its longest wait (jest's default is 5 s): 20 s where it waits for
// replies (up to 5 s each, RoomClient's default), 30 s where it waits for deliveries (up to 10 s, waitForMessages),
// 45 s for three MEMBERS counts in a row (each polled up to 10 s, eventually).

export function protocolSuite(getTarget: () => Target): void {
  describe("protocol", () => protocolTests(getTarget));
}

function protocolTests(getTarget: () => Target): void {
  const clients: RoomClient[] = [];
  const ws = (i = 0) => getTarget().wsUrls[i % getTarget().wsUrls.length]!;
  const http = (i = 0) => getTarget().httpUrls[i % getTarget().httpUrls.length]!;
  const track = (c: RoomClient) => (clients.push(c), c);
  // Members keep beating like real clients; the idle-eviction test uses a client that does not.
  const join = async (i: number, uid: string, roomID: string) =>
    track((await RoomClient.join(ws(i), local.sign(uid), roomID)).keepAlive(1000));
  const connect = async (i = 0) => track(await RoomClient.connect(ws(i)));

  afterEach(() => {
    for (const c of clients.splice(0)) c.terminate();
  });

  describe("what a frontend does (seed 001)", () => {
    it("signs in with a token from POST /tk and gets Err{0, ok}", async () => {
      const c = await connect();
      const token = await tokenFor(http(), "alice");
      expect(await c.signIn(token, room("signin"))).toEqual({ code: 0, msg: "ok" });
    }, 20_000);

    it("a heartbeat is answered with pong", async () => {
      const c = await join(0, "alice", room("hb"));
      expect(await c.heartbeat()).toBe("pong");
    }, 20_000);

    it("a message reaches every member of the room, the sender included, on every conn node", async () => {
      const r = room("chat");
      const a = await join(0, "alice", r);
      const b = await join(1, "bob", r);
      const elsewhere = room("elsewhere");
      const other = await join(1, "carol", elsewhere);
      a.say(r, '{"type":1,"content":"hello"}');
      const [ra] = await a.waitForMessages(1);
      const [rb] = await b.waitForMessages(1);
      for (const m of [ra!, rb!]) {
        expect(m.text).toBe('{"type":1,"content":"hello"}');
        expect(m.roomID).toBe(r);
        expect(m.msgLv).toBe(MsgLevel.NORMAL);
      }
      // Carol's own message, sent after hello reached her conn node, is the marker: hello would have come before it.
      other.say(elsewhere, "marker");
      await other.waitForMessages((got) => got.some((m) => m.text === "marker"));
      expect(other.received.map((m) => m.text)).toEqual(["marker"]);
    }, 30_000);

    it("messages keep their bytes: empty, binary and over 65,535 bytes", async () => {
      const r = room("bytes");
      const a = await join(0, "alice", r);
      const b = await join(1, "bob", r);
      const big = Buffer.alloc(65_536, 0xab);
      const bin = new Uint8Array([0, 1, 2, 255, 254]);
      a.say(r, new Uint8Array(0));
      await b.waitForMessages(1);
      a.say(r, bin);
      await b.waitForMessages(2);
      a.say(r, big);
      const got = await b.waitForMessages(3);
      expect(got.map((m) => m.data.byteLength)).toEqual([0, 5, 65_536]);
      expect([...got[1]!.data]).toEqual([...bin]);
      expect(Buffer.from(got[2]!.data).equals(big)).toBe(true);
    }, 30_000);

    it("a burst of NORMAL messages arrives whole and merged into fewer frames", async () => {
      const r = room("batch");
      const a = await join(0, "alice", r);
      const b = await join(1, "bob", r);
      for (let i = 0; i < 30; i++) a.say(r, `m${i}`);
      const got = await b.waitForMessages(30);
      // Several job nodes share the NSQ channel, so a cluster promises no order across them; standalone keeps it.
      const sent = Array.from({ length: 30 }, (_, i) => `m${i}`);
      const texts = got.map((m) => m.text);
      if (getTarget().name === "standalone") expect(texts).toEqual(sent);
      else expect([...texts].sort()).toEqual([...sent].sort());
      expect(b.frames.length).toBeLessThan(30);
    }, 30_000);

    it("MEMBERS answers the room's members across the whole cluster", async () => {
      const r = room("members");
      const a = await join(0, "alice", r);
      await join(1, "bob", r);
      await join(0, "carol", room("other"));
      expect(await eventually(() => a.members(), 2)).toBe(2);
      const c = await join(1, "dave", r);
      expect(await eventually(() => c.members(), 3)).toBe(3);
      c.close();
      expect(await eventually(() => a.members(), 2)).toBe(2);
    }, 45_000);
  });

  describe("what a business service does: POST /msg", () => {
    it("an IMPORTANT message reaches every member, through any logic node", async () => {
      const r = room("important");
      const a = await join(0, "alice", r);
      const b = await join(1, "bob", r);
      const svc = await tokenFor(http(), "order-service", "push");
      for (let i = 0; i < getTarget().httpUrls.length; i++) {
        const res = await post(`${http(i)}/msg`, { room_id: r, msg: `{"red_envelope":${i}}` }, { authorization: `Bearer ${svc}` });
        expect(res).toEqual({ status: 200, json: { code: 1, msg: "" } });
      }
      const n = getTarget().httpUrls.length;
      for (const c of [a, b]) {
        const got = await c.waitForMessages(n);
        expect(got.map((m) => m.text).sort()).toEqual(Array.from({ length: n }, (_, i) => `{"red_envelope":${i}}`));
        expect(got.every((m) => m.msgLv === MsgLevel.IMPORTANT && m.roomID === r)).toBe(true);
      }
    }, 30_000);

    it("the word Bearer is optional", async () => {
      const r = room("bare");
      const a = await join(0, "alice", r);
      const svc = await tokenFor(http(), "svc", "push");
      expect((await post(`${http()}/msg`, { room_id: r, msg: "x" }, { authorization: svc })).json.code).toBe(1);
      expect((await a.waitForMessages(1))[0]!.text).toBe("x");
    }, 30_000);

    const cases: Array<[string, () => Promise<HttpReply>, number, number]> = [
      ["no Authorization header", () => post(`${http()}/msg`, { room_id: "r", msg: "x" }), 401, 1001],
      [
        "a token without push scope",
        async () => post(`${http()}/msg`, { room_id: "r", msg: "x" }, { authorization: `Bearer ${local.sign("u")}` }),
        401,
        1001,
      ],
      [
        "a token signed with another key",
        () =>
          post(
            `${http()}/msg`,
            { room_id: "r", msg: "x" },
            { authorization: `Bearer ${new Tokens({ secret: "other", ttlSec: 60 }).sign("u", "push")}` },
          ),
        401,
        1001,
      ],
      [
        "an expired token",
        () =>
          post(
            `${http()}/msg`,
            { room_id: "r", msg: "x" },
            { authorization: `Bearer ${jwt.sign({ uid: "u", scope: "push", exp: 1 }, TOKEN_SECRET)}` },
          ),
        401,
        1001,
      ],
      [
        "an alg:none token",
        () =>
          post(
            `${http()}/msg`,
            { room_id: "r", msg: "x" },
            { authorization: `Bearer ${jwt.sign({ uid: "u", scope: "push" }, "", { algorithm: "none", expiresIn: 60 })}` },
          ),
        401,
        1001,
      ],
      ["a body that is not JSON", () => post(`${http()}/msg`, "{room_id:", { authorization: local.sign("svc", "push") }), 400, 0],
      ["a JSON array", () => post(`${http()}/msg`, "[1,2]", { authorization: local.sign("svc", "push") }), 400, 0],
      ["no room_id", () => post(`${http()}/msg`, { msg: "x" }, { authorization: local.sign("svc", "push") }), 400, 0],
      ["a numeric msg", () => post(`${http()}/msg`, { room_id: "r", msg: 5 }, { authorization: local.sign("svc", "push") }), 400, 0],
      [
        "a room_id of 129 bytes",
        () => post(`${http()}/msg`, { room_id: "r".repeat(129), msg: "x" }, { authorization: local.sign("svc", "push") }),
        400,
        0,
      ],
      [
        "a msg over 64 KiB",
        () => post(`${http()}/msg`, { room_id: "r", msg: "x".repeat(65_537) }, { authorization: local.sign("svc", "push") }),
        413,
        0,
      ],
      [
        "a body over 1 MiB",
        () => post(`${http()}/msg`, { room_id: "r", msg: "x".repeat(1_100_000) }, { authorization: local.sign("svc", "push") }),
        413,
        0,
      ],
      ["/tk without uid", () => post(`${http()}/tk`, { scope: "push" }), 400, 0],
      ["an unknown path", () => post(`${http()}/nope`, {}), 404, 0],
    ];
    it.each(cases)(
      "%s gets a clear error",
      async (_what, send, status, code) => {
        const r = await send();
        expect(r.status).toBe(status);
        expect(r.json.code).toBe(code);
        expect(r.json.msg.length).toBeGreaterThan(0);
      },
      20_000,
    );

    it("GET /msg is refused with 405", async () => {
      const res = await fetch(`${http()}/msg`);
      expect(res.status).toBe(405);
      expect(((await res.json()) as { code: number }).code).toBe(0);
    }, 20_000);
  });

  describe("error codes and bad input on the WebSocket", () => {
    it("100: anything before sign-in", async () => {
      const c = await connect();
      c.sendFrame(PackageType.HEARTBEAT, new Uint8Array(0));
      c.sendFrame(PackageType.MEMBERS, new Uint8Array(0));
      c.say("r", "x");
      for (let i = 0; i < 3; i++) expect(await c.nextErr()).toEqual({ code: 100, msg: "sign in first" });
    }, 20_000);

    it("101: an invalid, expired, foreign-key or alg:none token", async () => {
      const c = await connect();
      const bad = [
        "not-a-token",
        // Expired beyond the 30 s clock leeway (one expired a few seconds ago is still accepted).
        jwt.sign({ uid: "u", exp: Math.floor(Date.now() / 1000) - 60 }, TOKEN_SECRET),
        new Tokens({ secret: "other", ttlSec: 60 }).sign("u"),
        jwt.sign({ uid: "u" }, "", { algorithm: "none", expiresIn: 60 }),
      ];
      for (const t of bad.slice(0, 4)) expect((await c.signIn(t, "r")).code).toBe(101);
      expect(c.open).toBe(true);
    }, 20_000);

    it("102: garbage, truncated and unknown frames, each answered while the connection lives on", async () => {
      const r = room("garbage");
      const c = await join(0, "alice", r);
      const whole = encodeReq({
        type: PackageType.MESSAGE,
        data: encodeBroadcast({ roomID: r, msgLv: MsgLevel.NORMAL, data: Buffer.from("hello") }),
      });
      const bad: Array<() => void> = [
        () => c.sendRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff])),
        () => c.sendRaw(whole.subarray(0, whole.length - 3)),
        () => c.sendFrame(9, new Uint8Array(0)),
        () => c.sendRaw("a text frame"),
        () => c.sendFrame(PackageType.MESSAGE, new Uint8Array([0x0a, 0x50])),
        () => c.sendRaw(new Uint8Array(0)),
      ];
      for (const send of bad) {
        send();
        expect((await c.nextErr()).code).toBe(102);
        expect(await c.heartbeat()).toBe("pong");
      }
      c.say(r, "still here");
      expect((await c.waitForMessages(1))[0]!.text).toBe("still here");
    }, 30_000);

    // Seed 001 refused an empty room too (102); protocol 2 signs such a connection in to no room (the protocol 2 suite).
    it("102: a room id of 129 bytes at sign-in", async () => {
      const c = await connect();
      const t = local.sign("u");
      expect((await c.signIn(t, "x".repeat(129))).code).toBe(102);
      expect((await c.signIn(t, "x".repeat(128))).code).toBe(0);
    }, 20_000);

    it("102: a SignIn that is not a SignIn", async () => {
      const c = await connect();
      c.sendFrame(PackageType.SIGN_IN, new Uint8Array([0x0a, 0x7f, 0x01]));
      expect((await c.nextErr()).code).toBe(102);
      expect((await c.signIn(local.sign("u"), room("ok"))).code).toBe(0);
    }, 20_000);

    it("103: a message to another room, or at level IMPORTANT", async () => {
      const r = room("mine");
      const c = await join(0, "alice", r);
      c.say(room("theirs"), "x");
      expect((await c.nextErr()).code).toBe(103);
      c.say(r, "x", MsgLevel.IMPORTANT);
      expect((await c.nextErr()).code).toBe(103);
      // A message the node takes, sent after both, is the marker: either refused one would have come before it.
      c.say(r, "marker");
      await c.waitForMessages((got) => got.some((m) => m.text === "marker"));
      expect(c.received.map((m) => m.text)).toEqual(["marker"]);
    }, 30_000);

    it("104: messages beyond the rate limit", async () => {
      const r = room("flood");
      const c = await join(0, "alice", r);
      for (let i = 0; i < 80; i++) c.say(r, `f${i}`);
      expect((await c.nextErr()).code).toBe(104);
      expect(await c.heartbeat()).toBe("pong");
    }, 20_000);

    it("105: a message body over 64 KiB; the connection lives on", async () => {
      const r = room("big");
      const c = await join(0, "alice", r);
      c.say(r, new Uint8Array(65_537));
      expect((await c.nextErr()).code).toBe(105);
      expect(await c.heartbeat()).toBe("pong");
    }, 20_000);

    it("106: a second sign-in", async () => {
      const c = await join(0, "alice", room("twice"));
      expect((await c.signIn(local.sign("alice"), room("again"))).code).toBe(106);
    }, 20_000);

    it("a frame over 1 MiB closes the connection with 1009", async () => {
      const c = await join(0, "alice", room("huge"));
      c.sendRaw(new Uint8Array((1 << 20) + 16));
      expect((await c.closed).code).toBe(1009);
    }, 20_000);

    it("repeated garbage closes the connection with 4002", async () => {
      const c = await connect();
      for (let i = 0; i < 5; i++) c.sendRaw(new Uint8Array([0xff, 0xee]));
      expect((await c.closed).code).toBe(4002);
    }, 20_000);

    it("a connection that sends nothing is closed with 4000 after the heartbeat timeout", async () => {
      const c = track(await RoomClient.join(ws(), local.sign("alice"), room("idle")));
      const closed = await c.closed;
      expect(closed.code).toBe(4000);
    }, 20_000);

    it("heartbeats keep a connection open past the timeout", async () => {
      const c = track(await RoomClient.join(ws(), local.sign("alice"), room("alive")));
      for (let i = 0; i < 6; i++) {
        await sleep(1000);
        expect(await c.heartbeat()).toBe("pong");
      }
      expect(c.open).toBe(true);
    }, 20_000);

    it("after all of that, a new client still signs in and chats", async () => {
      const r = room("after");
      const a = await join(0, "alice", r);
      const b = await join(1, "bob", r);
      b.say(r, "fine");
      expect((await a.waitForMessages(1))[0]!.text).toBe("fine");
      const raw = await connect();
      raw.sendFrame(PackageType.SIGN_IN, encodeSignIn({ token: local.sign("z"), roomID: r }));
      expect((await raw.nextErr()).code).toBe(0);
    }, 30_000);
  });

  describe("protocol 2: request ids", () => {
    it("a request's id comes back on its answer, errors included; deliveries and requests without one carry none", async () => {
      const r = room("ids");
      const c = await connect();
      const none = new Uint8Array(0);
      c.sendWithId(PackageType.HEARTBEAT, none, 1);
      expect((await c.nextErr()).code).toBe(ErrCode.SIGN_IN_FIRST);
      c.sendWithId(PackageType.SIGN_IN, encodeSignIn({ token: local.sign("alice"), roomID: r }), 2);
      expect((await c.nextErr()).code).toBe(0);
      c.sendWithId(PackageType.HEARTBEAT, none, 3);
      expect(await c.heartbeat()).toBe("pong");
      c.sendWithId(PackageType.MEMBERS, none, 4_294_967_295);
      expect(await c.members()).toBe(1);
      c.sendWithId(PackageType.MESSAGE, encodeBroadcast({ roomID: "elsewhere", msgLv: MsgLevel.NORMAL, data: Buffer.from("x") }), 5);
      expect((await c.nextErr()).code).toBe(ErrCode.NOT_YOUR_ROOM);
      c.sendWithId(PackageType.MESSAGE, encodeBroadcast({ roomID: r, msgLv: MsgLevel.NORMAL, data: Buffer.from("hi") }), 6);
      // A MESSAGE with an id is answered ok, with the message's id, once queued; its delivery carries none.
      const queued = await c.nextErr();
      expect(queued).toEqual({ code: 0, msg: "ok", messageID: expect.any(String) });
      expect((await c.waitForMessages(1))[0]!.text).toBe("hi");
      expect(c.replyIds).toEqual([
        { type: PackageType.UNKNOWN, id: 1 },
        { type: PackageType.UNKNOWN, id: 2 },
        { type: PackageType.HEARTBEAT, id: 3 },
        { type: PackageType.HEARTBEAT, id: 0 },
        { type: PackageType.MEMBERS, id: 4_294_967_295 },
        { type: PackageType.MEMBERS, id: 0 },
        { type: PackageType.UNKNOWN, id: 5 },
        { type: PackageType.UNKNOWN, id: 6 },
        { type: PackageType.MESSAGE, id: 0 },
      ]);
    }, 20_000);
  });

  it("whatever the tests threw at it, every process still runs", () => {
    for (const p of getTarget().procs) expect({ name: p.name, exit: p.child.exitCode }).toEqual({ name: p.name, exit: null });
  });
}
