// The SDK across token expiry, on a real standalone process (ws.tokenExpiryGraceSec 2 s): a client with a token
// function refreshes before each short token expires and keeps its one connection; one whose fresh token comes too
// late is closed with 4001 and reconnects with a fresh token.
import WebSocket from "ws";
import jwt from "jsonwebtoken";
import { RoomcastClient, type Message } from "@roomcast/client";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { killAll } from "./harness/proc";
import { post } from "./suite/protocol";

const pushToken = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 }).sign("svc", "push");
const room = (tag: string) => `sdkexp-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A token for `room` that expires within 3 s (exp is whole seconds). */
const shortToken = (uid: string, roomID: string) =>
  jwt.sign({ uid, rooms: [roomID], exp: Math.floor(Date.now() / 1000) + 3 }, TOKEN_SECRET, { algorithm: "HS256" });

let target: Target;
const clients: RoomcastClient[] = [];

beforeAll(async () => {
  target = await startStandalone({ ROOMCAST_CONN_WS_TOKEN_EXPIRY_GRACE_SEC: "2" });
}, 60_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await target?.stop();
  await killAll();
});

function sdk(r: string, token: () => Promise<string>) {
  const c = new RoomcastClient({
    url: target.wsUrls[0]!,
    room: r,
    token,
    WebSocket,
    heartbeatIntervalMs: 1_000, // the test tuning evicts after 4 s of silence
    reconnect: { minDelayMs: 200, maxDelayMs: 1_000 },
  });
  clients.push(c);
  const events: string[] = [];
  const got: Message[] = [];
  c.on("connected", () => events.push("connected"));
  c.on("disconnected", ({ code }) => events.push(`disconnected ${code}`));
  c.on("error", (e) => events.push(`error ${e.message}`));
  c.on("message", (m) => got.push(m));
  return { c, events, got };
}

async function pushAndReceive(r: string, got: Message[], text: string): Promise<void> {
  expect((await post(`${target.httpUrls[0]}/msg`, { room_id: r, msg: text }, { Authorization: pushToken })).json.code).toBe(1);
  const deadline = Date.now() + 5_000;
  while (!got.some((m) => m.text() === text) && Date.now() < deadline) await sleep(50);
  expect(got.map((m) => m.text())).toContain(text);
}

describe("SDK token refresh (standalone, 3 s tokens, grace 2 s)", () => {
  it("a client with a token function keeps its one connection across the expiry of its first tokens", async () => {
    const r = room("keep");
    let calls = 0;
    const { c, events, got } = sdk(r, async () => {
      calls++;
      return shortToken("alice", r);
    });
    await c.connect();
    // Past the first token's expiry plus the grace, twice over.
    await sleep(8_000);
    expect(c.state).toBe("connected");
    expect(events).toEqual(["connected"]);
    expect(calls).toBeGreaterThanOrEqual(3);
    await pushAndReceive(r, got, "after two expiries");
  }, 30_000);

  it("a client whose fresh token comes after the grace is closed with 4001 and reconnects with a fresh token", async () => {
    const r = room("late");
    let calls = 0;
    const { c, events, got } = sdk(r, async () => {
      calls++;
      // The first refresh's token comes 6 s late: past the first token's expiry and the grace.
      if (calls === 2) await new Promise((resolve) => setTimeout(resolve, 6_000).unref());
      return shortToken("alice", r);
    });
    await c.connect();
    const deadline = Date.now() + 12_000;
    while (events.filter((e) => e === "connected").length < 2 && Date.now() < deadline) await sleep(100);
    expect(events.slice(0, 3)).toEqual(["connected", "disconnected 4001", "connected"]);
    expect(c.state).toBe("connected");
    await pushAndReceive(r, got, "after reconnecting");
  }, 30_000);
});
