// The protocol 2 suite (docs/design.md §10): rooms per connection, pushes to a user, a connection or everyone, typed
// messages, in either codec. Run against standalone and a cluster, once with protobuf and once with JSON clients.
import WebSocket from "ws";
import { ErrCode, MsgLevel, PackageType, encodeReq, encodeRoom } from "@roomcast/pkg/protocol";
import { RoomClient, type Codec, type Received } from "../harness/room_client";
import type { Target } from "../harness/roomcast";
import { eventually, sleep } from "../support/wait";
import { post } from "./protocol";
import { local, suiteClients } from "./clients";

let seq = 0;
const unique = (tag: string) => `${tag}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;
const push = local.sign("push-service", "push");
const auth = { authorization: `Bearer ${push}` };

export function protocol2Suite(getTarget: () => Target, codec: Codec): void {
  describe(`protocol 2 (${codec})`, () => protocol2Tests(getTarget, codec));
}

function protocol2Tests(getTarget: () => Target, codec: Codec): void {
  const { ws, http, track, join, connect } = suiteClients(getTarget, codec);

  it(`the server accepts the subprotocol roomcast.${codec}`, async () => {
    const s = new WebSocket(ws(), [`roomcast.${codec}`]);
    await new Promise((resolve, reject) => (s.once("open", resolve), s.once("error", reject)));
    expect(s.protocol).toBe(`roomcast.${codec}`);
    s.terminate();
  });

  it("signs in to no room, gets its connection id, and subscribes and unsubscribes with request ids", async () => {
    const r1 = unique("sub");
    const c = await connect();
    expect(await c.signIn(local.sign("alice"), "", 5_000, 7)).toEqual({ code: 0, msg: "ok" });
    expect(c.connID).toMatch(/^.+\..+$/);
    expect(await c.subscribe(r1, 8)).toEqual({ code: 0, msg: "ok" });
    expect(await c.subscribe(r1, 9)).toEqual({ code: 0, msg: "ok" }); // already in: ok, counted once
    expect(await c.members(5_000, r1)).toBe(1);
    expect(await c.unsubscribe(r1, 10)).toEqual({ code: 0, msg: "ok" });
    expect((await c.unsubscribe(r1, 11)).code).toBe(ErrCode.NOT_YOUR_ROOM);
    expect(c.replyIds.filter((r) => r.id !== 0)).toEqual([
      { type: PackageType.UNKNOWN, id: 7 },
      { type: PackageType.SUBSCRIBE, id: 8 },
      { type: PackageType.SUBSCRIBE, id: 9 },
      { type: PackageType.UNSUBSCRIBE, id: 10 },
      { type: PackageType.UNSUBSCRIBE, id: 11 },
    ]);
    // With no room named and none signed in to, MEMBERS and MESSAGE have nowhere to go.
    c.say(r1, "after leaving", MsgLevel.NORMAL, "", 12);
    expect((await c.nextErr()).code).toBe(ErrCode.NOT_YOUR_ROOM);
    expect(c.replyIds.at(-1)).toEqual({ type: PackageType.UNKNOWN, id: 12 });
  }, 20_000);

  it("a member of two rooms gets the messages of both and only those, on every conn node", async () => {
    const [r1, r2, r3] = [unique("two-a"), unique("two-b"), unique("two-c")];
    const a = await join(0, "alice");
    const b = await join(1, "bob", r1);
    expect(await a.subscribe(r1)).toEqual({ code: 0, msg: "ok" });
    expect(await a.subscribe(r2)).toEqual({ code: 0, msg: "ok" });
    expect(await b.subscribe(r3)).toEqual({ code: 0, msg: "ok" });
    expect(await b.subscribe(r2)).toEqual({ code: 0, msg: "ok" });
    a.say(r1, "one");
    a.say(r2, "two");
    b.say(r3, "three");
    const got = (c: RoomClient, n: number) => c.waitForMessages(n).then((m) => m.map((x) => `${x.roomID}:${x.text}`).sort());
    expect(await got(a, 2)).toEqual([`${r1}:one`, `${r2}:two`]);
    expect(await got(b, 3)).toEqual([`${r1}:one`, `${r2}:two`, `${r3}:three`]);
    // After UNSUBSCRIBE the room's messages stop, the others go on; the member count follows.
    expect(await b.unsubscribe(r2)).toEqual({ code: 0, msg: "ok" });
    expect(await eventually(() => a.members(5_000, r2), 1)).toBe(1);
    a.say(r2, "two again");
    a.say(r1, "one again");
    await a.waitForMessages(4);
    await b.waitForMessages(4);
    await sleep(300);
    expect(b.received.map((m) => m.text)).not.toContain("two again");
    expect(a.received).toHaveLength(4);
  }, 30_000);

  it("a push to a user reaches each of its connections on every conn node, once, and no one else", async () => {
    const uid = unique("user");
    const a = await join(0, uid);
    const b = await join(1, uid, unique("room"));
    const other = await join(0, unique("other"));
    // MEMBERS of the user's room counts its connections across the cluster. The push's answer counts what logic heard
    // in the conn nodes' reports: changes within online.changesIntervalMs (100 ms), everything every 2 s (waited for).
    for (const c of [a, b]) expect(await eventually(() => c.members(5_000, `user:${uid}`), 2)).toBe(2);
    await sleep(2_500);
    const res = await post(`${http()}/msg`, { user: uid, msg: "for you", type: "notice" }, auth);
    expect(res).toEqual({ status: 200, json: { code: 1, msg: "", data: { connections: 2, id: expect.any(String) } } });
    for (const c of [a, b]) {
      const [m] = await c.waitForMessages(1);
      expect(m).toMatchObject({ roomID: `user:${uid}`, text: "for you", type: "notice", msgLv: MsgLevel.IMPORTANT });
    }
    await sleep(500);
    expect([a.received.length, b.received.length, other.received.length]).toEqual([1, 1, 0]);
    const nobody = await post(`${http()}/msg`, { user: unique("nobody"), msg: "x" }, auth);
    expect(nobody).toEqual({ status: 200, json: { code: 1, msg: "", data: { connections: 0, id: expect.any(String) } } });
  }, 30_000);

  it("a push to a connection reaches that connection alone", async () => {
    const uid = unique("user");
    const a = await join(1, uid);
    const b = await join(0, uid);
    const res = await post(`${http()}/msg`, { conn: a.connID, msg: "just this one" }, auth);
    expect(res).toEqual({ status: 200, json: { code: 1, msg: "", data: { connections: 1, id: expect.any(String) } } });
    const [m] = await a.waitForMessages(1);
    expect(m).toMatchObject({ roomID: `conn:${a.connID}`, text: "just this one" });
    await sleep(500);
    expect(b.received).toHaveLength(0);
  }, 30_000);

  it("a broadcast reaches every connection, with a room, without one, and seed-001 clients alike", async () => {
    const a = await join(0, unique("a"));
    const b = await join(1, unique("b"), unique("room"));
    const seed = track((await RoomClient.join(ws(1), local.sign(unique("seed")), unique("room"))).keepAlive(1000));
    const text = unique("everyone");
    const res = await post(`${http()}/msg`, { broadcast: true, msg: text }, auth);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ connections: expect.any(Number), id: expect.any(String) });
    for (const c of [a, b, seed]) {
      await c.waitForMessages((ms) => ms.some((m) => m.text === text));
      expect(c.received.filter((m) => m.text === text)).toEqual([expect.objectContaining({ roomID: "", msgLv: MsgLevel.IMPORTANT })]);
    }
  }, 30_000);

  it("typed messages reach members of both codecs with their type; a seed-001 member gets the bytes alone", async () => {
    const r = unique("typed");
    const a = await join(0, "alice", r);
    const other = track(await RoomClient.join(ws(1), local.sign("bob"), r, undefined, undefined, codec === "json" ? "proto" : "json"));
    const seed = track(await RoomClient.join(ws(1), local.sign("carol"), r));
    a.say(r, "hello", MsgLevel.NORMAL, "chat");
    a.say(r, "plain");
    expect((await post(`${http()}/msg`, { room_id: r, msg: '{"n":1}', type: "order" }, auth)).json).toEqual({
      code: 1,
      msg: "",
      data: { connections: expect.any(Number), id: expect.any(String) },
    });
    for (const c of [a, other, seed]) {
      const got = await c.waitForMessages(3);
      expect(got.map((m) => [m.text, m.type]).sort()).toEqual([
        ["hello", "chat"],
        ["plain", ""],
        ['{"n":1}', "order"],
      ]);
    }
  }, 30_000);

  it("binary messages reach JSON members as base64 and protobuf members as bytes", async () => {
    const r = unique("bin");
    const a = await join(0, "alice", r);
    const other = track(await RoomClient.join(ws(1), local.sign("bob"), r, undefined, undefined, codec === "json" ? "proto" : "json"));
    const bytes = new Uint8Array([0, 255, 0xc3, 0x28, 10]);
    a.say(r, bytes);
    for (const c of [a, other]) expect([...(await c.waitForMessages(1))[0]!.data]).toEqual([...bytes]);
  }, 30_000);

  it("107: another user's room, a connection's room, a room outside the token's rooms claim", async () => {
    const c = await join(0, "alice");
    expect((await c.subscribe("user:bob")).code).toBe(ErrCode.ROOM_NOT_ALLOWED);
    expect((await c.subscribe(`conn:${c.connID}`)).code).toBe(ErrCode.ROOM_NOT_ALLOWED);
    expect(await c.subscribe("user:alice")).toEqual({ code: 0, msg: "ok" });
    const limited = track(await RoomClient.connect(ws(), 5_000, undefined, undefined, codec));
    expect((await limited.signIn(local.sign("dave", undefined, undefined, ["game-*"]), "")).code).toBe(0);
    expect(await limited.subscribe(unique("game"))).toEqual({ code: 0, msg: "ok" });
    expect((await limited.subscribe(unique("chat"))).code).toBe(ErrCode.ROOM_NOT_ALLOWED);
    expect(await limited.subscribe("user:dave")).toEqual({ code: 0, msg: "ok" }); // its own, whatever the claim
    expect(await limited.heartbeat()).toBe("pong");
  }, 20_000);

  it("110: a connection holds at most 100 rooms; it keeps them and may leave one to join another", async () => {
    const c = await join(0, unique("many"));
    const rooms = Array.from({ length: 101 }, () => unique("cap"));
    const answers = await Promise.all(rooms.slice(0, 100).map((r, i) => c.subscribe(r, i + 1)));
    expect(answers.filter((a) => a.code !== 0)).toEqual([]);
    expect((await c.subscribe(rooms[100]!)).code).toBe(ErrCode.TOO_MANY_ROOMS);
    expect(await c.unsubscribe(rooms[0]!)).toEqual({ code: 0, msg: "ok" });
    // The 100 joins may have spent the join bucket (a burst of one room cap, then ws.messagesPerSec): a moment refills it.
    await sleep(200);
    expect(await c.subscribe(rooms[100]!)).toEqual({ code: 0, msg: "ok" });
    c.say(rooms[100]!, "still here");
    expect((await c.waitForMessages(1))[0]!.text).toBe("still here");
  }, 30_000);

  it("PRESENCE lists the uids in a room across the cluster with their total; a room the connection is not in gets 103", async () => {
    const r = unique("presence");
    const a = await join(0, "alice", r);
    await join(1, "alice", r); // the same uid on the other node counts once
    await join(1, "bob", r);
    const carol = await join(0, "carol");
    expect(await carol.subscribe(r)).toEqual({ code: 0, msg: "ok" });
    await join(0, "dave", unique("elsewhere"));
    const p = await a.presence(r, 5);
    expect([p.uids.sort(), p.total]).toEqual([["alice", "bob", "carol"], 3]);
    expect(a.replyIds.at(-1)).toEqual({ type: PackageType.PRESENCE, id: 5 });
    a.request(PackageType.PRESENCE, encodeRoom("not-mine"), { roomID: "not-mine" }, 6);
    expect((await a.nextErr()).code).toBe(ErrCode.NOT_YOUR_ROOM);
  }, 20_000);

  it("rooms configured for presence events (ws.presenceEvents) get $join and $leave with the uid; others get none", async () => {
    const r = unique("events"); // the targets run with ws.presenceEvents = "events-*"
    const quiet = unique("quiet");
    const a = await join(0, "alice", r);
    expect(await a.subscribe(quiet)).toEqual({ code: 0, msg: "ok" });
    const b = await join(1, "bob");
    expect(await b.subscribe(r)).toEqual({ code: 0, msg: "ok" });
    expect(await b.subscribe(quiet)).toEqual({ code: 0, msg: "ok" });
    expect(await b.unsubscribe(r)).toEqual({ code: 0, msg: "ok" });
    const events = (ms: Received[]) => ms.filter((m) => m.type.startsWith("$")).map((m) => `${m.roomID}|${m.type}|${m.text}`);
    await a.waitForMessages((ms) => events(ms).length >= 3);
    expect(events(a.received)).toEqual([`${r}|$join|alice`, `${r}|$join|bob`, `${r}|$leave|bob`]);
    // A client may not send a type starting with "$": those are the server's.
    a.say(r, "bob", MsgLevel.NORMAL, "$leave", 9);
    expect((await a.nextErr()).code).toBe(ErrCode.MALFORMED);
  }, 30_000);

  it("102: requests that are not what their type says, each answered while the connection lives on", async () => {
    const c = await join(0, "alice");
    const bad =
      codec === "json"
        ? [
            "not json",
            "[1,2]",
            '{"type":"NOPE"}',
            '{"type":"SUBSCRIBE","data":{"roomID":7}}',
            '{"type":"SUBSCRIBE","data":{"room":"x"}}',
            '{"type":"SUBSCRIBE","data":"x"}',
            '{"type":"MESSAGE","data":{"roomID":"r","data":"***"}}',
            '{"type":"MESSAGE","data":{"roomID":"r","msgLv":"LOUD","text":"x"}}',
            '{"type":"HEARTBEAT","id":-1}',
            '{"type":"HEARTBEAT","extra":1}',
            new Uint8Array([1, 2, 3]),
          ]
        : [
            encodeReq({ type: PackageType.SUBSCRIBE, data: new Uint8Array([0xff, 0xff]) }),
            encodeReq({ type: PackageType.SUBSCRIBE, data: new Uint8Array(0) }),
            encodeReq({ type: PackageType.UNSUBSCRIBE, data: new Uint8Array([10, 0]) }),
            "text is not protobuf",
          ];
    for (const frame of bad) {
      c.sendRaw(frame);
      expect((await c.nextErr()).code).toBe(ErrCode.MALFORMED);
      // Fewer in a row than close the connection (ws.maxBadFrames): a good request in between resets the count.
      expect(await c.heartbeat()).toBe("pong");
    }
    expect(await c.subscribe(unique("fine"))).toEqual({ code: 0, msg: "ok" });
  }, 30_000);
}
