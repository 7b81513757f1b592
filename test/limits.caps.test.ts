// README "Limits", on real standalone processes: sockets per node, per IP and per uid, unsigned sockets per IP,
// the MESSAGE rate per uid across its connections, POST /msg's token checked before its body, its rate per uid,
// the HTTP header timeout, and rooms named like Object.prototype's keys.
import * as net from "node:net";
import WebSocket from "ws";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { RoomClient } from "./harness/room_client";
import { sleep } from "./support/wait";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

/** Dials a WebSocket from `localAddress`: the open socket, or the HTTP status and body it was refused with. */
function dial(url: string, localAddress: string): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress, handshakeTimeout: 5_000 });
    ws.on("error", reject);
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
  });
}

describe("connection caps and rates (standalone)", () => {
  let t: Target;
  const open: Array<{ terminate(): void }> = [];
  const track = <T extends { terminate(): void }>(c: T) => (open.push(c), c);
  const join = async (uid: string, room: string, ip: string) => track(await RoomClient.join(t.wsUrls[0]!, tokens.sign(uid), room, ip));

  beforeAll(async () => {
    t = await startStandalone({
      ROOMCAST_CONN_WS_MAX_CONNECTIONS_PER_IP: "3",
      ROOMCAST_CONN_WS_MAX_UNSIGNED_PER_IP: "2",
      ROOMCAST_CONN_WS_MAX_CONNECTIONS_PER_UID: "2",
      ROOMCAST_CONN_WS_MESSAGES_PER_SEC_PER_UID: "1",
      ROOMCAST_CONN_WS_MESSAGE_BURST_PER_UID: "10",
      ROOMCAST_LOGIC_HTTP_HEADERS_TIMEOUT_MS: "1000",
      ROOMCAST_LOGIC_HTTP_MSG_PER_SEC_PER_UID: "1",
      ROOMCAST_LOGIC_HTTP_MSG_BURST_PER_UID: "3",
    });
  }, 60_000);
  afterEach(() => {
    for (const c of open.splice(0)) c.terminate();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("the per-IP cap refuses the next socket with 429 before the WebSocket opens; another address still connects", async () => {
    const ip = "127.0.0.3";
    for (let i = 0; i < 3; i++) await join(`ipcap${i}`, "ipcap", ip);
    const refused = await dial(t.wsUrls[0]!, ip);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/maxConnectionsPerIp/);
    const other = await dial(t.wsUrls[0]!, "127.0.0.13");
    expect(other.ws).toBeDefined();
    track(other.ws!);
  }, 30_000);

  it("unsigned sockets per IP: the third not-signed-in socket is refused with 429; once one signs in, another may open", async () => {
    const ip = "127.0.0.4";
    const a = track(await RoomClient.connect(t.wsUrls[0]!, 5_000, ip));
    track(await RoomClient.connect(t.wsUrls[0]!, 5_000, ip));
    const refused = await dial(t.wsUrls[0]!, ip);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/maxUnsignedPerIp/);
    expect((await a.signIn(tokens.sign("unsigned-a"), "unsigned")).code).toBe(0);
    const now = await dial(t.wsUrls[0]!, ip);
    expect(now.ws).toBeDefined();
    track(now.ws!);
  }, 30_000);

  it("the per-uid cap refuses the next sign-in with 109; the socket lives and signs in as another uid", async () => {
    await join("carol", "uidcap", "127.0.0.5");
    const second = await join("carol", "uidcap", "127.0.0.6");
    const third = track(await RoomClient.connect(t.wsUrls[0]!, 5_000, "127.0.0.7"));
    const r = await third.signIn(tokens.sign("carol"), "uidcap");
    expect(r.code).toBe(109);
    expect(third.open).toBe(true);
    expect((await third.signIn(tokens.sign("dave"), "uidcap")).code).toBe(0);
    // One of carol's connections closes: carol may sign in again.
    second.close();
    await second.closed;
    const again = track(await RoomClient.connect(t.wsUrls[0]!, 5_000, "127.0.0.8"));
    let code = -1;
    for (let i = 0; i < 20 && code !== 0; i++) {
      code = (await again.signIn(tokens.sign("carol"), "uidcap")).code;
      if (code !== 0) await sleep(100);
    }
    expect(code).toBe(0);
  }, 30_000);

  it("the per-uid message rate gives 104 across two connections of one uid, each under its own limit", async () => {
    const room = `uidrate-${process.pid}`;
    const a = await join("erin", room, "127.0.0.9");
    const b = await join("erin", room, "127.0.0.10");
    a.sayAll(
      room,
      Array.from({ length: 6 }, (_, i) => `a${i}`),
    );
    expect(await a.heartbeat()).toBe("pong");
    expect(a.pendingErrs()).toBe(0);
    b.sayAll(
      room,
      Array.from({ length: 6 }, (_, i) => `b${i}`),
    );
    expect(await b.heartbeat()).toBe("pong");
    // 12 messages against a uid burst of 10 (each connection's own limit is 40): at least one is refused.
    const refused = b.pendingErrs();
    expect(refused).toBeGreaterThanOrEqual(1);
    const errs = await Promise.all(Array.from({ length: refused }, () => b.nextErr()));
    expect(errs.map((e) => e.code)).toEqual(errs.map(() => 104));
    expect(errs[0]!.msg).toMatch(/across its connections/);
  }, 30_000);

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "MEMBERS in room %s answers the member count",
    async (room) => {
      const a = await join("m1", room, "127.0.0.11");
      await join("m2", room, "127.0.0.12");
      let n = await a.members();
      for (let i = 0; i < 30 && n !== 2; i++) {
        await sleep(100);
        n = await a.members();
      }
      expect(n).toBe(2);
    },
    30_000,
  );

  it("a slow 1 MiB POST /msg body without a token gets 401 before the body is sent in full", async () => {
    const { port } = new URL(t.httpUrls[0]!);
    const sock = net.connect(Number(port), "127.0.0.1");
    let sent = 0;
    let answer = "";
    const got = new Promise<void>((resolve) => sock.on("data", (d) => ((answer += d.toString()), resolve())));
    sock.on("error", () => {});
    await new Promise((r) => sock.once("connect", r));
    sock.write(`POST /msg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${1 << 20}\r\n\r\n`);
    const chunk = Buffer.alloc(1024, 0x20);
    const timer = setInterval(() => {
      if (sent < 1 << 20 && !sock.destroyed) {
        sock.write(chunk);
        sent += chunk.length;
      }
    }, 50);
    try {
      await Promise.race([got, sleep(15_000)]);
    } finally {
      clearInterval(timer);
      sock.destroy();
    }
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toMatch(/"code":1001/);
    expect(sent).toBeLessThan(1 << 20);
  }, 30_000);

  it("POST /msg over the rate of its token's uid gets 429 in the API's error shape", async () => {
    const auth = { authorization: `Bearer ${tokens.sign("svc-rate", "push")}`, "content-type": "application/json" };
    const replies: Array<{ status: number; body: { code: number; msg: string } }> = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${t.httpUrls[0]}/msg`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ room_id: "r", msg: `m${i}` }),
      });
      replies.push({ status: res.status, body: (await res.json()) as { code: number; msg: string } });
    }
    expect(replies.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body.code).toBe(0);
    expect(limited[0]!.body.msg).toMatch(/rate limited/);
    // Another uid is not affected.
    const other = await fetch(`${t.httpUrls[0]}/msg`, {
      method: "POST",
      headers: { ...auth, authorization: `Bearer ${tokens.sign("svc-other", "push")}` },
      body: JSON.stringify({ room_id: "r", msg: "x" }),
    });
    expect(other.status).toBe(200);
  }, 30_000);

  it("the header timeout answers 408 and closes a client that never finishes its headers", async () => {
    const { port } = new URL(t.httpUrls[0]!);
    const sock = net.connect(Number(port), "127.0.0.1");
    let answer = "";
    sock.on("data", (d) => (answer += d.toString()));
    sock.on("error", () => {});
    const closed = new Promise<boolean>((r) => sock.once("close", () => r(true)));
    await new Promise((r) => sock.once("connect", r));
    sock.write("POST /msg HTTP/1.1\r\nHost: x\r\n");
    const result = await Promise.race([closed, sleep(15_000).then(() => false)]);
    sock.destroy();
    expect(result).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);
});

describe("node cap (standalone, ws.maxConnections 3)", () => {
  let t: Target;
  const open: WebSocket[] = [];
  beforeAll(async () => {
    t = await startStandalone({ ROOMCAST_CONN_WS_MAX_CONNECTIONS: "3" });
  }, 60_000);
  afterAll(async () => {
    for (const ws of open) ws.terminate();
    await t?.stop();
  });

  it("the socket past ws.maxConnections is refused with 503 before the WebSocket opens, from any address", async () => {
    for (let i = 1; i <= 3; i++) {
      const r = await dial(t.wsUrls[0]!, `127.0.0.${20 + i}`);
      expect(r.ws).toBeDefined();
      open.push(r.ws!);
    }
    const refused = await dial(t.wsUrls[0]!, "127.0.0.30");
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/maxConnections/);
  }, 30_000);
});
