// The SDK's protocol 2: request ids, rooms joined with subscribe() and joined again on reconnect, typed messages, the
// JSON codec, and per-room handlers, against an in-memory socket that speaks the server's own encoders.
import { ErrCode, MsgLevel, PackageType, decodeBroadcast, packMessages } from "../protocol";
import { RoomcastClient, type ClientOptions } from "./client";
import { ConnectionError, ProtocolError, TimeoutError } from "./errors";
import type { Message } from "./message";
import { FakeSocket } from "./testing";

const { OK } = ErrCode;
const { SIGN_IN, SUBSCRIBE, UNSUBSCRIBE, MEMBERS, MESSAGE, HEARTBEAT, UNKNOWN } = PackageType;
const bytes = (s: string) => new TextEncoder().encode(s);

function client(extra: Partial<ClientOptions> = {}) {
  const c = new RoomcastClient({ url: "ws://a/room", token: "tok", WebSocket: FakeSocket, reconnect: { jitter: 0 }, ...extra });
  const messages: Message[] = [];
  const errors: Error[] = [];
  c.on("message", (m) => messages.push(m));
  c.on("error", (e) => errors.push(e));
  return { c, messages, errors };
}

/** Opens the newest socket and accepts its sign-in, answering with its id and a connection id. */
async function acceptSignIn(connID = "conn-0.k1"): Promise<FakeSocket> {
  const ws = FakeSocket.last();
  ws.open();
  await Promise.resolve();
  ws.answer(UNKNOWN, OK, ws.sentOf(SIGN_IN)[0]!.id, { connID });
  return ws;
}

async function connected(extra: Partial<ClientOptions> = {}) {
  const t = client(extra);
  void t.c.connect();
  return { ...t, ws: await acceptSignIn() };
}

/** Answers the newest request of `type` with Reply{type, Err{code}}. */
function answerLast(ws: FakeSocket, type: PackageType, code: number): void {
  const reqs = ws.sentOf(type);
  ws.answer(type, code, reqs[reqs.length - 1]!.id);
}

beforeEach(() => {
  FakeSocket.all = [];
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

describe("request ids", () => {
  it("every request carries its own id, and answers are matched by id, not by order", async () => {
    const { c, ws } = await connected({ room: "lobby", heartbeatIntervalMs: 1_000 });
    const a = c.members("lobby");
    const b = c.members();
    c.send("hi");
    jest.advanceTimersByTime(1_000);
    const ids = ws.sent.map((r) => r.id);
    expect(ws.sent.map((r) => r.type)).toEqual([SIGN_IN, MEMBERS, MEMBERS, MESSAGE, HEARTBEAT]);
    expect(ids.every((id) => id > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const [qa, qb] = ws.sentOf(MEMBERS);
    expect([ws.roomOf(qa!), ws.roomOf(qb!)]).toEqual(["lobby", ""]);
    // The second is answered first.
    ws.reply(ws.wire.count(7, qb!.id));
    ws.reply(ws.wire.count(3, qa!.id));
    await expect(Promise.all([a, b])).resolves.toEqual([3, 7]);
    c.close();
  });

  it("an Err answering a request's id rejects that request instead of being an error event", async () => {
    const { c, ws, errors } = await connected();
    const n = c.members("elsewhere");
    ws.answer(UNKNOWN, ErrCode.NOT_YOUR_ROOM, ws.sentOf(MEMBERS)[0]!.id);
    await expect(n).rejects.toMatchObject({ name: "ProtocolError", code: 103, room: "elsewhere" });
    // An Err for a message (no one waits for it) is still an event.
    c.send("x", { room: "elsewhere" });
    ws.answer(UNKNOWN, ErrCode.NOT_YOUR_ROOM, ws.sentOf(MESSAGE)[0]!.id);
    expect(errors).toEqual([expect.objectContaining({ code: 103 })]);
    c.close();
  });
});

describe("sign-in without a room", () => {
  it("signs in to no room, exposes the connection id, and send() without a room is refused locally", async () => {
    const { c, ws } = await connected();
    expect(ws.wire.signIn(ws.sentOf(SIGN_IN)[0]!.body)).toEqual({ token: "tok", roomID: "" });
    expect([c.room, c.rooms, c.connID]).toEqual([undefined, [], "conn-0.k1"]);
    expect(() => c.send("x")).toThrow(expect.objectContaining({ code: 103, fromServer: false }));
    c.close();
    expect(c.connID).toBeUndefined();
  });
});

describe("subscribe() and unsubscribe()", () => {
  it("subscribe resolves on the server's ok and the room is listed; a refusal rejects with its code and room", async () => {
    const { c, ws } = await connected({ room: "lobby" });
    const joined = c.subscribe("news");
    expect(ws.roomOf(ws.sentOf(SUBSCRIBE)[0]!)).toBe("news");
    answerLast(ws, SUBSCRIBE, OK);
    await joined;
    expect(c.rooms).toEqual(["lobby", "news"]);

    const refused = c.subscribe("room-101");
    answerLast(ws, SUBSCRIBE, ErrCode.TOO_MANY_ROOMS);
    const err = await refused.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 110, room: "room-101", fromServer: true });
    expect(c.rooms).toEqual(["lobby", "news"]);
    c.close();
  });

  it("subscribe times out with TimeoutError, and its late answer is not given to the next subscribe", async () => {
    const { c, ws } = await connected({ requestTimeoutMs: 1_000 });
    const first = c.subscribe("slow");
    jest.advanceTimersByTime(1_000);
    await expect(first).rejects.toBeInstanceOf(TimeoutError);
    const second = c.subscribe("fast");
    const [late, next] = ws.sentOf(SUBSCRIBE);
    ws.answer(SUBSCRIBE, ErrCode.ROOM_NOT_ALLOWED, late!.id);
    ws.answer(SUBSCRIBE, OK, next!.id);
    await expect(second).resolves.toBeUndefined();
    expect(c.rooms).toEqual(["fast"]);
    c.close();
  });

  it("subscribe when not connected rejects with ConnectionError; an invalid room is refused before sending", async () => {
    const { c } = client();
    await expect(c.subscribe("news")).rejects.toBeInstanceOf(ConnectionError);
    await expect(c.subscribe("r".repeat(129))).rejects.toMatchObject({ code: 102, fromServer: false });
  });

  it("unsubscribe resolves on ok and the room is gone; 103 rejects; not connected it resolves at once", async () => {
    const { c, ws } = await connected({ room: "lobby" });
    const joined = c.subscribe("news");
    answerLast(ws, SUBSCRIBE, OK);
    await joined;
    const left = c.unsubscribe("news");
    expect(ws.roomOf(ws.sentOf(UNSUBSCRIBE)[0]!)).toBe("news");
    answerLast(ws, UNSUBSCRIBE, OK);
    await left;
    expect(c.rooms).toEqual(["lobby"]);
    const never = c.unsubscribe("never-joined");
    answerLast(ws, UNSUBSCRIBE, ErrCode.NOT_YOUR_ROOM);
    await expect(never).rejects.toMatchObject({ code: 103, room: "never-joined" });
    c.close();
    await expect(c.unsubscribe("lobby")).resolves.toBeUndefined();
    expect(c.rooms).toEqual([]);
  });

  it("an unsubscribe sent while a subscribe is under way wins: the subscribe's ok does not put the room back", async () => {
    const { c, ws } = await connected();
    const joined = c.subscribe("news");
    const left = c.unsubscribe("news");
    answerLast(ws, SUBSCRIBE, OK);
    answerLast(ws, UNSUBSCRIBE, OK);
    await Promise.all([joined, left]);
    expect(c.rooms).toEqual([]);
    c.close();
  });
});

describe("reconnect", () => {
  it("signs in again and subscribes again to every room it was in; a room refused then is dropped and reported", async () => {
    const { c, ws, errors } = await connected({ room: "lobby" });
    for (const room of ["a", "b", "c"]) {
      const p = c.subscribe(room);
      answerLast(ws, SUBSCRIBE, OK);
      await p;
    }
    const left = c.unsubscribe("c");
    answerLast(ws, UNSUBSCRIBE, OK);
    await left;
    ws.serverClose(1006);
    jest.advanceTimersByTime(500);
    const again = await acceptSignIn("conn-1.k2");
    expect(again).not.toBe(ws);
    expect(again.wire.signIn(again.sentOf(SIGN_IN)[0]!.body).roomID).toBe("lobby");
    expect(c.connID).toBe("conn-1.k2");
    const resubs = again.sentOf(SUBSCRIBE);
    expect(resubs.map((r) => again.roomOf(r))).toEqual(["a", "b"]);
    again.answer(SUBSCRIBE, OK, resubs[0]!.id);
    again.answer(SUBSCRIBE, ErrCode.ROOM_NOT_ALLOWED, resubs[1]!.id);
    await jest.advanceTimersByTimeAsync(0);
    expect(c.rooms).toEqual(["lobby", "a"]);
    expect(errors).toEqual([expect.objectContaining({ name: "ProtocolError", code: 107, room: "b" })]);
    c.close();
  });

  it("a subscribe under way when the connection is lost rejects with ConnectionError and is not joined again", async () => {
    const { c, ws } = await connected();
    const pending = c.subscribe("news");
    ws.serverClose(1006);
    await expect(pending).rejects.toBeInstanceOf(ConnectionError);
    jest.advanceTimersByTime(500);
    const again = await acceptSignIn();
    expect(again.sentOf(SUBSCRIBE)).toEqual([]);
    c.close();
  });
});

describe("messages", () => {
  it("presence() asks PRESENCE for a room and resolves with its uids and total; 103 rejects with the room", async () => {
    const { c, ws } = await connected({ room: "lobby" });
    const p = c.presence("lobby");
    const q = c.presence("elsewhere");
    const [pa, qa] = ws.sentOf(PackageType.PRESENCE);
    ws.answer(UNKNOWN, ErrCode.NOT_YOUR_ROOM, qa!.id);
    ws.reply(ws.wire.presence(["alice", "bob"], 2, pa!.id));
    await expect(p).resolves.toEqual({ uids: ["alice", "bob"], total: 2 });
    await expect(q).rejects.toMatchObject({ code: ErrCode.NOT_YOUR_ROOM, room: "elsewhere" });
  });

  it("send() takes a room and a type; a type over 64 bytes is refused before sending", async () => {
    const { c, ws } = await connected({ room: "lobby" });
    c.send("hi", { room: "news", type: "chat" });
    c.send(new Uint8Array([1, 2]));
    const sent = ws.sentOf(MESSAGE).map((r) => decodeBroadcast(r.body as Uint8Array));
    expect(sent.map((b) => [b.roomID, b.msgLv, Array.from(b.data), b.type])).toEqual([
      ["news", MsgLevel.NORMAL, Array.from(bytes("hi")), "chat"],
      ["lobby", MsgLevel.NORMAL, [1, 2], ""],
    ]);
    expect(() => c.send("x", { type: "t".repeat(65) })).toThrow(expect.objectContaining({ code: 102, fromServer: false }));
    c.close();
  });

  it("a message carries its type and kind; onRoom handlers get their room only, and can be removed", async () => {
    const { c, ws, messages } = await connected({ room: "lobby" });
    const seen: Record<string, string[]> = { lobby: [], user: [], broadcast: [] };
    const off = c.onRoom("lobby", (m) => seen.lobby!.push(m.text()));
    c.onRoom("user:alice", (m) => seen.user!.push(m.text()));
    c.onRoom("", (m) => seen.broadcast!.push(m.text()));
    ws.reply(ws.wire.delivery("lobby", MsgLevel.NORMAL, packMessages([bytes("a"), bytes("b")]), { types: ["chat", ""] }));
    ws.reply(ws.wire.delivery("user:alice", MsgLevel.IMPORTANT, packMessages([bytes("private")])));
    ws.reply(ws.wire.delivery("conn:conn-0.k1", MsgLevel.IMPORTANT, packMessages([bytes("to this tab")])));
    ws.reply(ws.wire.delivery("", MsgLevel.IMPORTANT, packMessages([bytes("to all")])));
    off();
    ws.reply(ws.wire.delivery("lobby", MsgLevel.NORMAL, packMessages([bytes("after off")])));
    expect(messages.map((m) => [m.room, m.kind, m.type, m.text()])).toEqual([
      ["lobby", "room", "chat", "a"],
      ["lobby", "room", "", "b"],
      ["user:alice", "user", "", "private"],
      ["conn:conn-0.k1", "conn", "", "to this tab"],
      ["", "broadcast", "", "to all"],
      ["lobby", "room", "", "after off"],
    ]);
    expect(seen).toEqual({ lobby: ["a", "b"], user: ["private"], broadcast: ["to all"] });
    c.close();
  });
});

describe("codec json", () => {
  it("asks for roomcast.json and speaks JSON text frames: sign-in, subscribe, typed text and bytes, members, deliveries", async () => {
    const { c, ws, messages } = await connected({ codec: "json", room: "lobby" });
    expect(ws.protocols).toEqual(["roomcast.json"]);
    expect(ws.wire.name).toBe("json");
    expect(ws.wire.signIn(ws.sentOf(SIGN_IN)[0]!.body)).toEqual({ token: "tok", roomID: "lobby", recover: { epoch: "", offset: 0 } });
    expect(c.connID).toBe("conn-0.k1");

    const joined = c.subscribe("news");
    answerLast(ws, SUBSCRIBE, OK);
    await joined;
    c.send("héllo", { room: "news", type: "chat" });
    c.send(new Uint8Array([0xff, 0]));
    const sent = ws.sentOf(MESSAGE).map((r) => ws.wire.message(r.body));
    expect(sent.map((b) => [b.roomID, Array.from(b.data), b.type])).toEqual([
      ["news", Array.from(bytes("héllo")), "chat"],
      ["lobby", [0xff, 0], ""],
    ]);
    const n = c.members("news");
    ws.reply(ws.wire.count(2, ws.sentOf(MEMBERS)[0]!.id));
    await expect(n).resolves.toBe(2);

    ws.reply(
      ws.wire.delivery("news", MsgLevel.IMPORTANT, packMessages([bytes("héllo"), new Uint8Array([0xff, 0])]), { types: ["chat", ""] }),
    );
    expect(messages.map((m) => [m.room, m.level, m.type, Array.from(m.data)])).toEqual([
      ["news", MsgLevel.IMPORTANT, "chat", Array.from(bytes("héllo"))],
      ["news", MsgLevel.IMPORTANT, "", [0xff, 0]],
    ]);
    expect(messages[0]!.text()).toBe("héllo");
    // Binary frames are not JSON answers: ignored, as the protobuf codec ignores text frames.
    ws.onmessage?.({ data: new ArrayBuffer(3) });
    expect(messages).toHaveLength(2);
    c.close();
  });

  it("a JSON frame that is not an answer is reported as ProtocolError 102 and the client stays connected", async () => {
    const { c, ws, errors } = await connected({ codec: "json" });
    ws.reply("not json");
    ws.reply('{"type":"NO_SUCH_TYPE"}');
    expect(errors.map((e) => (e as ProtocolError).code)).toEqual([102, 102]);
    expect(c.state).toBe("connected");
    c.close();
  });
});
