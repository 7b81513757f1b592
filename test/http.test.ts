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
