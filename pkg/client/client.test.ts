import { MsgLevel, PackageType, decodeBroadcast, decodeSignIn, deliveryFrame, encodeReply, errReply, packMessages } from "../protocol";
import { RoomcastClient, type ClientOptions } from "./client";
import { ConnectionError, ProtocolError, TimeoutError } from "./errors";
import { MsgLevel as SdkMsgLevel, type Message } from "./message";
import { drainReconnectDelay, reconnectDelay, defaultBackoff } from "./backoff";
import { FakeSocket } from "./testing";

const ok = () => errReply(0, "ok");
const pong = () => encodeReply({ type: PackageType.HEARTBEAT, data: new TextEncoder().encode("pong") });
const membersReply = (n: number) => encodeReply({ type: PackageType.MEMBERS, data: new TextEncoder().encode(String(n)) });
const bytes = (s: string) => new TextEncoder().encode(s);

function client(extra: Partial<ClientOptions> = {}) {
  const c = new RoomcastClient({ url: "ws://a/room", token: "tok", room: "lobby", WebSocket: FakeSocket, ...extra });
  const messages: Message[] = [];
  const errors: Error[] = [];
  c.on("message", (m) => messages.push(m));
  c.on("error", (e) => errors.push(e));
  return { c, messages, errors };
}

/** Opens the newest socket and accepts its sign-in. */
async function acceptSignIn(): Promise<FakeSocket> {
  const ws = FakeSocket.last();
  ws.open();
  await Promise.resolve();
  ws.reply(ok());
  return ws;
}

beforeEach(() => {
  FakeSocket.all = [];
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

describe("sign-in", () => {
  it("signs in with the token and room, sets binaryType arraybuffer, and resolves connect()", async () => {
    const { c } = client();
    const states: string[] = [];
    c.on("state", (s) => states.push(s));
    const connected = c.connect();
    const ws = await acceptSignIn();
    await connected;
    expect(ws.binaryType).toBe("arraybuffer");
    // protocol 2: the first sign-in asks where the room's history stands (an empty position), for a later recovery.
    expect(decodeSignIn(ws.sentOf(PackageType.SIGN_IN)[0]!.body as Uint8Array)).toEqual({
      token: "tok",
      roomID: "lobby",
      recover: { epoch: "", offset: 0 },
    });
    expect(states).toEqual(["connecting", "connected"]);
    c.close();
  });

  it("a refused fixed token closes the client with ProtocolError 101 and does not retry", async () => {
    const { c, errors } = client();
    const connected = c.connect();
    const ws = FakeSocket.last();
    ws.open();
    await Promise.resolve();
    ws.reply(errReply(101));
    await expect(connected).rejects.toMatchObject({ name: "ProtocolError", code: 101 });
    expect(c.state).toBe("closed");
    expect(errors[0]).toBeInstanceOf(ProtocolError);
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("a fixed token refused for its room (107) closes the client and does not retry", async () => {
    const { c } = client();
    const connected = c.connect();
    const ws = FakeSocket.last();
    ws.open();
    await Promise.resolve();
    ws.reply(errReply(107));
    await expect(connected).rejects.toMatchObject({ name: "ProtocolError", code: 107 });
    expect(c.state).toBe("closed");
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("a token function is asked again for each sign-in, and a refused token from it is retried", async () => {
    const tokens = ["old", "new"];
    const { c } = client({ token: async () => tokens.shift()!, reconnect: { jitter: 0 } });
    const connected = c.connect();
    const first = FakeSocket.last();
    first.open();
    await Promise.resolve();
    await Promise.resolve();
    first.reply(errReply(101));
    jest.advanceTimersByTime(500);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    second.open();
    await Promise.resolve();
    await Promise.resolve();
    expect(decodeSignIn(second.sentOf(PackageType.SIGN_IN)[0]!.body as Uint8Array).token).toBe("new");
    second.reply(ok());
    await connected;
    c.close();
  });

  it("a sign-in answered 500 (no logic node) is retried", async () => {
    const { c } = client({ reconnect: { jitter: 0 } });
    const connected = c.connect();
    const ws = FakeSocket.last();
    ws.open();
    await Promise.resolve();
    ws.reply(errReply(500));
    jest.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    await acceptSignIn();
    await connected;
    c.close();
  });

  it("a room id over 128 bytes is refused before connecting", () => {
    expect(() => client({ room: "r".repeat(129) })).toThrow(/roomID must be 1-128 bytes/);
  });
});

describe("heartbeat", () => {
  it("sends HEARTBEAT every 30 s once signed in", async () => {
    const { c } = client();
    void c.connect();
    const ws = await acceptSignIn();
    jest.advanceTimersByTime(29_999);
    expect(ws.sentOf(PackageType.HEARTBEAT)).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(ws.sentOf(PackageType.HEARTBEAT)).toHaveLength(1);
    ws.reply(pong());
    jest.advanceTimersByTime(30_000);
    ws.reply(pong());
    jest.advanceTimersByTime(30_000);
    expect(ws.sentOf(PackageType.HEARTBEAT)).toHaveLength(3);
    expect(c.state).toBe("connected");
    c.close();
  });

  it("a heartbeat without pong for 10 s drops the connection and reconnects", async () => {
    const { c } = client({ reconnect: { jitter: 0 } });
    const lost: Array<{ code: number; reason: string }> = [];
    c.on("disconnected", (d) => lost.push(d));
    void c.connect();
    const ws = await acceptSignIn();
    jest.advanceTimersByTime(30_000 + 9_999);
    expect(c.state).toBe("connected");
    jest.advanceTimersByTime(1);
    expect(lost).toEqual([{ url: "ws://a/room", code: 1006, reason: "no pong within 10000 ms" }]);
    expect(ws.closedWith).toBe(1000);
    expect(c.state).toBe("connecting");
    jest.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    await acceptSignIn();
    expect(c.state).toBe("connected");
    c.close();
  });

  it("the interval and pong timeout are options", async () => {
    const { c } = client({ heartbeatIntervalMs: 1_000, pongTimeoutMs: 200 });
    void c.connect();
    const ws = await acceptSignIn();
    jest.advanceTimersByTime(1_000);
    expect(ws.sentOf(PackageType.HEARTBEAT)).toHaveLength(1);
    jest.advanceTimersByTime(200);
    expect(c.state).toBe("connecting");
    c.close();
  });
});

describe("reconnect", () => {
  it("waits longer after each failed attempt, up to maxDelayMs, and signs in again", async () => {
    const { c } = client({ reconnect: { jitter: 0, minDelayMs: 100, maxDelayMs: 800 } });
    const delays: number[] = [];
    c.on("reconnecting", (r) => delays.push(r.delayMs));
    void c.connect();
    await acceptSignIn();
    for (let i = 0; i < 5; i++) {
      FakeSocket.last().serverClose(1006);
      jest.advanceTimersByTime(delays[delays.length - 1]);
    }
    expect(delays).toEqual([100, 200, 400, 800, 800]);
    const reconnects: number[] = [];
    c.on("connected", (i) => reconnects.push(i.reconnects));
    const ws = await acceptSignIn();
    expect(reconnects).toEqual([5]);
    expect(ws.sentOf(PackageType.SIGN_IN)).toHaveLength(1);
    // after a success the next loss starts from the shortest delay again
    ws.serverClose(1001);
    expect(delays[delays.length - 1]).toBe(100);
    c.close();
  });

  it("moves on to the next url on each attempt", async () => {
    const { c } = client({ url: ["ws://a/room", "ws://b/room"], reconnect: { jitter: 0 } });
    void c.connect();
    const first = await acceptSignIn();
    expect(first.url).toBe("ws://a/room");
    first.serverClose(1006);
    jest.advanceTimersByTime(500);
    expect(FakeSocket.last().url).toBe("ws://b/room");
    c.close();
  });

  it("close code 4004 (the node is draining): reconnects to the next url after a random delay within drainDelayMs", async () => {
    const random = jest.spyOn(Math, "random").mockReturnValue(0.75);
    try {
      const { c } = client({ url: ["ws://a/room", "ws://b/room"], reconnect: { drainDelayMs: 4_000 } });
      const reconnecting: Array<{ delayMs: number; url: string }> = [];
      c.on("reconnecting", (r) => reconnecting.push(r));
      void c.connect();
      (await acceptSignIn()).serverClose(4004, "server draining: reconnect to another node");
      expect(c.state).toBe("connecting");
      expect(reconnecting).toEqual([{ attempt: 1, delayMs: 3_000, url: "ws://b/room" }]);
      jest.advanceTimersByTime(2_999);
      expect(FakeSocket.all).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(FakeSocket.all).toHaveLength(2);
      expect(FakeSocket.last().url).toBe("ws://b/room");
      await acceptSignIn();
      expect(c.state).toBe("connected");
      c.close();
    } finally {
      random.mockRestore();
    }
  });

  it("the drain delay is uniform in [0, drainDelayMs], 3 s by default, whatever the failures before", () => {
    expect(drainReconnectDelay(defaultBackoff, () => 0)).toBe(0);
    expect(drainReconnectDelay(defaultBackoff, () => 1)).toBe(3_000);
    expect(drainReconnectDelay({ ...defaultBackoff, drainDelayMs: 10_000 }, () => 0.25)).toBe(2_500);
    expect(drainReconnectDelay({ minDelayMs: 1, maxDelayMs: 2, factor: 2, jitter: 0 }, () => 0.5)).toBe(1_500);
  });

  it("close code 4002 (too many malformed frames) ends the client", async () => {
    const { c } = client();
    const closed: unknown[] = [];
    c.on("closed", (i) => closed.push(i.error));
    void c.connect();
    const ws = await acceptSignIn();
    ws.serverClose(4002, "too many malformed frames");
    expect(c.state).toBe("closed");
    expect(closed[0]).toBeInstanceOf(ConnectionError);
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("with reconnect off, the first loss closes the client", async () => {
    const { c } = client({ reconnect: false });
    void c.connect();
    (await acceptSignIn()).serverClose(1001);
    expect(c.state).toBe("closed");
  });

  it("a socket that never opens is given up after connectTimeoutMs", () => {
    const { c } = client({ connectTimeoutMs: 2_000, reconnect: { jitter: 0 } });
    const connected = c.connect();
    jest.advanceTimersByTime(2_000 + 500);
    expect(FakeSocket.all).toHaveLength(2);
    c.close();
    return expect(connected).rejects.toBeInstanceOf(ConnectionError);
  });

  it("jittered delays stay within [delay·(1-jitter), delay]", () => {
    expect(reconnectDelay(0, defaultBackoff, () => 0)).toBe(250);
    expect(reconnectDelay(0, defaultBackoff, () => 1)).toBe(500);
    expect(reconnectDelay(3, defaultBackoff, () => 0.5)).toBe(3_000);
    expect(reconnectDelay(30, defaultBackoff, () => 1)).toBe(20_000);
  });
});

describe("messages", () => {
  async function connected() {
    const t = client();
    void t.c.connect();
    const ws = await acceptSignIn();
    return { ...t, ws };
  }

  it("one event per message of a batch, with room, level and text", async () => {
    const { c, ws, messages } = await connected();
    ws.reply(deliveryFrame("lobby", MsgLevel.NORMAL, packMessages([bytes("a"), bytes("bb")])));
    ws.reply(deliveryFrame("lobby", MsgLevel.IMPORTANT, packMessages([bytes('{"order":7}')])));
    expect(messages.map((m) => [m.room, m.level, m.text(), m.important])).toEqual([
      ["lobby", MsgLevel.NORMAL, "a", false],
      ["lobby", MsgLevel.NORMAL, "bb", false],
      ["lobby", MsgLevel.IMPORTANT, '{"order":7}', true],
    ]);
    expect(messages[2].json()).toEqual({ order: 7 });
    c.close();
  });

  it("an empty batch yields no message; a 0-length message yields one empty message", async () => {
    const { c, ws, messages } = await connected();
    ws.reply(deliveryFrame("lobby", MsgLevel.NORMAL, new Uint8Array(0)));
    expect(messages).toHaveLength(0);
    ws.reply(deliveryFrame("lobby", MsgLevel.NORMAL, packMessages([new Uint8Array(0)])));
    expect(messages).toHaveLength(1);
    expect(messages[0].data.byteLength).toBe(0);
    expect(messages[0].text()).toBe("");
    c.close();
  });

  it("lengths over 65,535 bytes are read in full, next to short ones", async () => {
    const { c, ws, messages } = await connected();
    const big = new Uint8Array(70_000).map((_, i) => i % 251);
    const exact = new Uint8Array(65_536).fill(7);
    ws.reply(deliveryFrame("lobby", MsgLevel.NORMAL, packMessages([new Uint8Array(0), big, bytes("x"), exact])));
    expect(messages.map((m) => m.data.byteLength)).toEqual([0, 70_000, 1, 65_536]);
    expect(Buffer.from(messages[1].data).equals(Buffer.from(big))).toBe(true);
    expect(messages[2].text()).toBe("x");
    c.close();
  });

  it("an undecodable frame is reported as ProtocolError 102 and the client stays connected", async () => {
    const { c, ws, messages, errors } = await connected();
    ws.reply(new Uint8Array([0xff, 0xff, 0xff]));
    const truncated = packMessages([bytes("hello")]).subarray(0, 6);
    ws.reply(deliveryFrame("lobby", MsgLevel.NORMAL, truncated));
    expect(errors.map((e) => (e as ProtocolError).code)).toEqual([102, 102]);
    expect(c.state).toBe("connected");
    ws.reply(deliveryFrame("lobby", MsgLevel.NORMAL, packMessages([bytes("after")])));
    expect(messages.map((m) => m.text())).toEqual(["after"]);
    c.close();
  });

  it("text frames are ignored", async () => {
    const { c, ws, messages, errors } = await connected();
    ws.onmessage?.({ data: "hello" });
    expect([messages.length, errors.length]).toEqual([0, 0]);
    c.close();
  });

  it("send() puts the message in the client's room at level NORMAL", async () => {
    const { c, ws } = await connected();
    c.send("hi");
    c.send(new Uint8Array([1, 2]));
    const sent = ws.sentOf(PackageType.MESSAGE).map((f) => decodeBroadcast(f.body as Uint8Array));
    expect(sent.map((b) => [b.roomID, b.msgLv, Array.from(b.data)])).toEqual([
      ["lobby", MsgLevel.NORMAL, Array.from(bytes("hi"))],
      ["lobby", MsgLevel.NORMAL, [1, 2]],
    ]);
    c.close();
  });

  it("send() refuses a message over maxMessageBytes with ProtocolError 105, and when not connected", async () => {
    const { c } = await connected();
    expect(() => c.send(new Uint8Array(65_537))).toThrow(expect.objectContaining({ code: 105, fromServer: false }));
    c.close();
    expect(() => c.send("late")).toThrow(ConnectionError);
  });

  it("Err replies after sign-in are emitted as ProtocolError and the client stays connected", async () => {
    const { c, ws, errors } = await connected();
    ws.reply(errReply(104));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: "ProtocolError", code: 104, message: "rate limited" });
    expect(c.state).toBe("connected");
    c.close();
  });
});

describe("members()", () => {
  it("resolves with the count the server answers", async () => {
    const { c } = client();
    void c.connect();
    const ws = await acceptSignIn();
    const n = c.members();
    expect(ws.sentOf(PackageType.MEMBERS)).toHaveLength(1);
    ws.reply(membersReply(42));
    await expect(n).resolves.toBe(42);
    c.close();
  });

  it("times out with TimeoutError, and the late answer is not given to the next request", async () => {
    const { c } = client();
    void c.connect();
    const ws = await acceptSignIn();
    const first = c.members(1_000);
    jest.advanceTimersByTime(1_000);
    await expect(first).rejects.toBeInstanceOf(TimeoutError);
    const second = c.members();
    ws.reply(membersReply(1)); // late answer to the first
    ws.reply(membersReply(2));
    await expect(second).resolves.toBe(2);
    c.close();
  });

  it("fails with ConnectionError when the connection is lost or the client closed", async () => {
    const { c } = client();
    void c.connect();
    const ws = await acceptSignIn();
    const pending = c.members();
    ws.serverClose(1001, "going away");
    await expect(pending).rejects.toMatchObject({ name: "ConnectionError", closeCode: 1001 });
    await expect(c.members()).rejects.toBeInstanceOf(ConnectionError);
    c.close();
  });
});

describe("close()", () => {
  it("stops reconnecting, closes the socket with 1000 and emits closed once", async () => {
    const { c } = client();
    const closed: unknown[] = [];
    c.on("closed", (i) => closed.push(i));
    void c.connect();
    const ws = await acceptSignIn();
    c.close();
    c.close();
    expect(ws.closedWith).toBe(1000);
    expect(c.state).toBe("closed");
    expect(closed).toEqual([{ error: undefined }]);
    jest.advanceTimersByTime(120_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(ws.sentOf(PackageType.HEARTBEAT)).toHaveLength(0);
  });

  it("connect() after close() starts over", async () => {
    const { c } = client();
    void c.connect();
    await acceptSignIn();
    c.close();
    const again = c.connect();
    await acceptSignIn();
    await again;
    expect(c.state).toBe("connected");
    c.close();
  });
});

describe("MsgLevel", () => {
  it("the SDK's plain-number levels are the protocol's MsgLevel values, name for name", () => {
    expect(SdkMsgLevel).toEqual({ NORMAL: MsgLevel.NORMAL, IMPORTANT: MsgLevel.IMPORTANT });
    expect(Object.keys(MsgLevel).filter((k) => Number.isNaN(Number(k)))).toEqual(Object.keys(SdkMsgLevel));
  });
});
