// logic's HTTP API speaks HTTP: its refusals name the body's fields, not the WebSocket protocol's, and room names
// are taken exactly as given.
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { post } from "./suite/protocol";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const svc = () => ({ authorization: tokens.sign("svc", "push") });
let target: Target;
beforeAll(async () => {
  target = await startStandalone();
}, 60_000);
afterAll(async () => {
  await target?.stop();
});

describe("HTTP API", () => {
  it("a room_id over 128 bytes gets 400 in the API's own words", async () => {
    const r = await post(`${target.httpUrls[0]}/msg`, { room_id: "é".repeat(65), msg: "x" }, svc());
    expect(r).toEqual({ status: 400, json: { code: 0, msg: "room_id must be 1-128 bytes of UTF-8, got 130" } });
  });

  it("a key POST /msg does not take is refused, naming it", async () => {
    const r = await post(`${target.httpUrls[0]}/msg`, { room_id: "r", msg: "x", level: "normal" }, svc());
    expect(r).toEqual({
      status: 400,
      json: { code: 0, msg: 'unknown key "level": the body takes room_id, user, conn or broadcast, msg and type' },
    });
  });

  it("protocol 2 targets: exactly one of room_id, user, conn or broadcast, each well formed, and a short type", async () => {
    const msg = (body: Record<string, unknown>) => post(`${target.httpUrls[0]}/msg`, { msg: "x", ...body }, svc());
    const refusals = await Promise.all([
      msg({}),
      msg({ room_id: "r", user: "u" }),
      msg({ broadcast: false }),
      msg({ user: "" }),
      msg({ conn: 7 }),
      msg({ user: "u".repeat(124) }),
      msg({ user: "u", type: "t".repeat(65) }),
      msg({ user: "u", type: 1 }),
    ]);
    expect(refusals.map((r) => [r.status, r.json.msg])).toEqual([
      [400, "name one target: room_id, user, conn or broadcast"],
      [400, "name one target: room_id, user, conn or broadcast"],
      [400, "broadcast must be true"],
      [400, "user must be a non-empty string"],
      [400, "conn must be a non-empty string"],
      [400, "the room user:<id> must be 1-128 bytes of UTF-8, got 129"],
      [400, "type must be a string of 0-64 bytes"],
      [400, "type must be a string of 0-64 bytes"],
    ]);
    // A push token with a rooms claim is held to it: user:<uid> as a room, broadcast only with "*".
    const claimed = { authorization: tokens.sign("svc", "push", undefined, ["user:*"]) };
    const to = (body: Record<string, unknown>) => post(`${target.httpUrls[0]}/msg`, { msg: "x", ...body }, claimed);
    expect((await to({ user: "anyone" })).status).toBe(200);
    expect((await to({ broadcast: true })).json).toEqual({
      code: 0,
      msg: 'room not allowed: "broadcast" is outside the token\'s rooms claim',
    });
    expect((await to({ room_id: "lobby" })).status).toBe(403);
  });

  it("a key POST /tk does not take is refused, naming it", async () => {
    const r = await post(`${target.httpUrls[0]}/tk`, { uid: "u", scopes: ["push"] });
    expect(r).toEqual({ status: 400, json: { code: 0, msg: 'unknown key "scopes": the body takes uid, scope and rooms' } });
  });

  it("room names are exact: a push to ' lobby ' reaches its member and not the member of 'lobby'", async () => {
    const room = `exact-${Date.now()}`;
    const spaced = await RoomClient.join(target.wsUrls[0]!, tokens.sign("spaced"), ` ${room} `);
    const plain = await RoomClient.join(target.wsUrls[0]!, tokens.sign("plain"), room);
    try {
      expect((await post(`${target.httpUrls[0]}/msg`, { room_id: ` ${room} `, msg: "to the spaced room" }, svc())).status).toBe(200);
      expect((await post(`${target.httpUrls[0]}/msg`, { room_id: room, msg: "to the plain room" }, svc())).status).toBe(200);
      // Each member's first message is its own room's: the other push, sent first, never came before it.
      expect((await spaced.waitForMessages(1))[0]).toMatchObject({ roomID: ` ${room} `, text: "to the spaced room" });
      expect((await plain.waitForMessages(1))[0]).toMatchObject({ roomID: room, text: "to the plain room" });
    } finally {
      spaced.terminate();
      plain.terminate();
    }
  });
});
