// Token expiry on live connections, on a real standalone process: a connection whose token expires is told so
// (Err 108) and closed with 4001 after the grace (ws.tokenExpiryGraceSec, 2 s here) unless it sent REFRESH with a
// fresh token of the same uid, allowed in its room.
import jwt from "jsonwebtoken";
import { CloseCode, ErrCode } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { RoomClient } from "./harness/room_client";
import { killAll } from "./harness/proc";
import { post } from "./suite/protocol";

const GRACE_SEC = 2;
const pushToken = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 }).sign("svc", "push");
const room = (tag: string) => `exp-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A user token for `rooms` that expires `ttlSec` from now; exp is whole seconds, so it expires within ttlSec. */
function userToken(uid: string, rooms: string[], ttlSec: number): { token: string; expMs: number } {
  const exp = Math.floor(Date.now() / 1000) + ttlSec;
  return { token: jwt.sign({ uid, rooms, exp }, TOKEN_SECRET, { algorithm: "HS256" }), expMs: exp * 1000 };
}

let target: Target;
const open: RoomClient[] = [];

beforeAll(async () => {
  target = await startStandalone({ ROOMCAST_CONN_WS_TOKEN_EXPIRY_GRACE_SEC: String(GRACE_SEC) });
}, 60_000);
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
afterAll(async () => {
  await target?.stop();
  await killAll();
});

async function join(token: string, roomID: string): Promise<RoomClient> {
  const c = await RoomClient.join(target.wsUrls[0]!, token, roomID);
  open.push(c);
  // The test tuning evicts after 4 s without a heartbeat; these connections must outlive their token.
  return c.keepAlive(1_000);
}

describe("token expiry on a live connection (standalone, grace 2 s)", () => {
  it("a connection whose 3 s token expires is told 108 'token expired' and closed with 4001 after the grace", async () => {
    const r = room("expire");
    const { token, expMs } = userToken("alice", [r], 3);
    const c = await join(token, r);
    const told = await c.nextErr(6_000);
    const toldAt = Date.now();
    expect(told.code).toBe(ErrCode.TOKEN_EXPIRED);
    expect(told.msg).toMatch(/^token expired/);
    expect(toldAt).toBeGreaterThanOrEqual(expMs);
    expect(toldAt - expMs).toBeLessThan(1_500);
    expect(c.open).toBe(true);
    const closed = await c.closed;
    const closedAt = Date.now();
    expect(closed).toEqual({ code: CloseCode.TOKEN_EXPIRED, reason: "token expired" });
    expect(closed.code).toBe(4001);
    expect(closedAt - expMs).toBeGreaterThanOrEqual(GRACE_SEC * 1000);
    expect(closedAt - expMs).toBeLessThan(GRACE_SEC * 1000 + 1_500);
  }, 30_000);

  it("a connection that sends REFRESH with a fresh token before expiry is answered ok, stays past expiry + grace and keeps receiving", async () => {
    const r = room("refresh");
    const { token, expMs } = userToken("alice", [r], 3);
    const c = await join(token, r);
    await sleep(1_000);
    expect(await c.refresh(userToken("alice", [r], 60).token)).toEqual({ code: 0, msg: "ok" });
    await sleep(expMs + GRACE_SEC * 1000 + 1_500 - Date.now());
    expect(c.open).toBe(true);
    expect(c.pendingErrs()).toBe(0);
    expect((await post(`${target.httpUrls[0]}/msg`, { room_id: r, msg: "still here" }, { Authorization: pushToken })).json.code).toBe(1);
    const got = await c.waitForMessages((m) => m.some((x) => x.text === "still here"), 5_000);
    expect(got.map((m) => m.text)).toContain("still here");
    c.say(r, "and can send");
    await c.waitForMessages((m) => m.some((x) => x.text === "and can send"), 5_000);
    expect(c.open).toBe(true);
  }, 30_000);

  it("a connection told its token expired may still refresh within the grace, and stays", async () => {
    const r = room("late");
    const { token, expMs } = userToken("alice", [r], 3);
    const c = await join(token, r);
    expect((await c.nextErr(6_000)).code).toBe(ErrCode.TOKEN_EXPIRED);
    expect(await c.refresh(userToken("alice", [r], 60).token)).toEqual({ code: 0, msg: "ok" });
    await sleep(expMs + GRACE_SEC * 1000 + 1_500 - Date.now());
    expect(c.open).toBe(true);
    expect(await c.heartbeat()).toBe("pong");
  }, 30_000);

  it("a refresh with another uid's token is refused with 101, one for another room with 107; the first token's expiry still closes it", async () => {
    const r = room("mallory");
    const { token } = userToken("alice", [r], 3);
    const c = await join(token, r);
    const otherUid = await c.refresh(userToken("mallory", [r], 60).token);
    expect(otherUid.code).toBe(ErrCode.INVALID_TOKEN);
    expect(otherUid.msg).toMatch(/another uid/);
    const otherRoom = await c.refresh(userToken("alice", ["somewhere-else"], 60).token);
    expect(otherRoom.code).toBe(ErrCode.ROOM_NOT_ALLOWED);
    expect(c.open).toBe(true);
    expect((await c.nextErr(6_000)).code).toBe(ErrCode.TOKEN_EXPIRED);
    expect((await c.closed).code).toBe(4001);
  }, 30_000);
});
