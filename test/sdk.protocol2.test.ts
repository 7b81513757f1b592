// The SDK's protocol 2 against a real standalone, in both codecs: rooms joined with subscribe() on one connection,
// per-room handlers, typed messages, pushes to the user and to the connection, MEMBERS of a named room, and every
// room joined again after the server restarts.
import WebSocket from "ws";
import { RoomcastClient, ProtocolError, type ClientOptions, type Codec, type Message } from "@roomcast/client";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { killAll } from "./harness/proc";
import { post } from "./suite/protocol";
import { eventually, until } from "./support/wait";

jest.setTimeout(60_000);

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const auth = { Authorization: tokens.sign("svc", "push") };
const unique = (tag: string) => `sdk2-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const clients: RoomcastClient[] = [];
let target: Target;

beforeAll(async () => {
  target = await startStandalone();
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
  c.on("message", (m) => got.push(m));
  const waitText = (text: string) =>
    until(`"${text}" arrives`, () => got.some((m) => m.text() === text), 15_000).then(() => got.find((m) => m.text() === text)!);
  return { c, got, waitText };
}

describe.each<Codec>(["proto", "json"])("SDK protocol 2, codec %s", (codec) => {
  it("one connection in no sign-in room joins two rooms, sends typed messages to each, and its room handlers see their own", async () => {
    const [roomA, roomB] = [unique("a"), unique("b")];
    const a = sdk(unique("ann"), { codec });
    await a.c.connect();
    expect(a.c.connID).toMatch(/./);
    await Promise.all([a.c.subscribe(roomA), a.c.subscribe(roomB)]);
    expect(a.c.rooms.sort()).toEqual([roomA, roomB].sort());
    const seen: Record<string, string[]> = { [roomA]: [], [roomB]: [] };
    a.c.onRoom(roomA, (m) => seen[roomA]!.push(m.text()));
    a.c.onRoom(roomB, (m) => seen[roomB]!.push(m.text()));
    a.c.send("to a", { room: roomA, type: "chat" });
    a.c.send("to b", { room: roomB });
    const m = await a.waitText("to a");
    expect([m.room, m.type, m.kind]).toEqual([roomA, "chat", "room"]);
    expect((await a.waitText("to b")).type).toBe("");
    expect(seen).toEqual({ [roomA]: ["to a"], [roomB]: ["to b"] });
    expect(await eventually(() => a.c.members(roomB), 1)).toBe(1);

    await a.c.unsubscribe(roomA);
    expect(a.c.rooms).toEqual([roomB]);
    const err = await a.c.members(roomA).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 103, room: roomA });
  });

  it("pushes to its user and to its connection arrive with their room and kind", async () => {
    const uid = unique("user");
    const a = sdk(uid, { codec });
    await a.c.connect();
    const mine: string[] = [];
    a.c.onRoom(`user:${uid}`, (m) => mine.push(m.text()));
    const toUser = await post(`${target.httpUrls[0]}/msg`, { user: uid, msg: "for the user", type: "notice" }, auth);
    expect(toUser.json).toMatchObject({ code: 1 });
    const m = await a.waitText("for the user");
    expect([m.room, m.kind, m.type, m.important]).toEqual([`user:${uid}`, "user", "notice", true]);
    expect(mine).toEqual(["for the user"]);
    const toConn = await post(`${target.httpUrls[0]}/msg`, { conn: a.c.connID, msg: "for this connection" }, auth);
    expect(toConn.json).toEqual({ code: 1, msg: "", data: { connections: 1, id: expect.any(String) } });
    expect((await a.waitText("for this connection")).kind).toBe("conn");
  });
});

describe("SDK protocol 2 across a restart", () => {
  it("signs in again and joins every room it had subscribed to, then receives in each", async () => {
    const [roomA, roomB] = [unique("ra"), unique("rb")];
    const a = sdk(unique("mover"), { codec: "json", room: roomA });
    await a.c.connect();
    await a.c.subscribe(roomB);
    const ports = { ROOMCAST_CONN_WS_PORT: new URL(target.wsUrls[0]!).port, ROOMCAST_LOGIC_HTTP_PORT: new URL(target.httpUrls[0]!).port };
    const lost = new Promise((resolve) => a.c.once("disconnected", resolve));
    await target.procs[0]!.kill9();
    await lost;
    target = await startStandalone(ports);
    // Connected, then the SUBSCRIBE of room B answered: MEMBERS of it counts this client.
    await until("reconnected", () => a.c.state === "connected", 30_000);
    expect(await eventually(() => a.c.members(roomB).catch(() => -1), 1)).toBe(1);
    expect(a.c.rooms).toEqual([roomA, roomB]);
    for (const room of [roomA, roomB])
      await post(`${target.httpUrls[0]}/msg`, { room_id: room, msg: `after the restart in ${room}` }, auth);
    expect((await a.waitText(`after the restart in ${roomA}`)).room).toBe(roomA);
    expect((await a.waitText(`after the restart in ${roomB}`)).room).toBe(roomB);
  });
});
