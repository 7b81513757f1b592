import {
  PackageType,
  MsgLevel,
  RoomcastError,
  ErrCode,
  encodeReq,
  encodeSignIn,
  encodeBroadcast,
  decodeReply,
  decodeReq,
  decodeErr,
  encodeRefresh,
  encodeReply,
} from "@roomcast/pkg/protocol";
import { Session } from "./session";

import { Admission } from "./admission";
import { FakeTransport, GOOD_EXP, fakeLogic, setup } from "./session_testing";

const flush = () => new Promise((r) => setImmediate(r));
const signIn = (token: string, roomID: string) => encodeReq({ type: PackageType.SIGN_IN, data: encodeSignIn({ token, roomID }) });
const say = (roomID: string, data: string, msgLv = MsgLevel.NORMAL) =>
  encodeReq({ type: PackageType.MESSAGE, data: encodeBroadcast({ roomID, msgLv, data: Buffer.from(data) }) });

const refreshFrame = (token: string) => encodeReq({ type: PackageType.REFRESH, data: encodeRefresh(token) });
const refreshAnswers = (t: FakeTransport) =>
  t.sent
    .map((f) => decodeReply(f))
    .filter((r) => r.type === PackageType.REFRESH)
    .map((r) => decodeErr(r.data).code);

describe("Session", () => {
  it("signs in, joins the room's topics and counts the member", async () => {
    const { s, t, rooms } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t.errs()).toEqual([0]);
    // The room, the connection's user:<uid> and the broadcast room "" (protocol 2), each a NORMAL and an IMPORTANT topic.
    expect([...t.topics].sort()).toEqual(["i:", "i:r1", "i:user:u1", "n:", "n:r1", "n:user:u1"]);
    expect(rooms.count("r1")).toBe(1);
  });

  it("every answer carries the id of the request it answers, errors included; a request without one gets none", async () => {
    const { s, t } = setup();
    const asRequest = (f: Uint8Array, id: number) => encodeReq({ ...decodeReq(f), id });
    const answers = () => t.sent.splice(0).map((f) => decodeReply(f));
    s.onFrame(asRequest(say("r1", "early"), 7), true);
    s.onFrame(asRequest(signIn("good", "r1"), 8), true);
    await flush();
    await flush();
    expect(answers().map((r) => [r.type, r.id, decodeErr(r.data).code])).toEqual([
      [PackageType.UNKNOWN, 7, ErrCode.SIGN_IN_FIRST],
      [PackageType.UNKNOWN, 8, ErrCode.OK],
    ]);
    s.onFrame(asRequest(encodeReq({ type: PackageType.HEARTBEAT, data: new Uint8Array(0) }), 9), true);
    s.onFrame(asRequest(encodeReq({ type: PackageType.MEMBERS, data: new Uint8Array(0) }), 4_294_967_295), true);
    s.onFrame(asRequest(say("elsewhere", "x"), 10), true);
    s.onFrame(asRequest(encodeReq({ type: 99 as PackageType, data: new Uint8Array(0) }), 11), true);
    s.onFrame(asRequest(signIn("good", "r1"), 12), true);
    expect(answers().map((r) => [r.type, r.id])).toEqual([
      [PackageType.HEARTBEAT, 9],
      [PackageType.MEMBERS, 4_294_967_295],
      [PackageType.UNKNOWN, 10],
      [PackageType.UNKNOWN, 11],
      [PackageType.UNKNOWN, 12],
    ]);
    // Seed 001: no id asked, none answered, and the bytes are exactly the ones a seed-001 server sent.
    s.onFrame(encodeReq({ type: PackageType.HEARTBEAT, data: new Uint8Array(0) }), true);
    const [pong] = t.sent.splice(0);
    expect(Buffer.from(pong!)).toEqual(Buffer.from(encodeReply({ type: PackageType.HEARTBEAT, data: Buffer.from("pong") })));
    expect(decodeReply(pong!).id).toBe(0);
  });

  it("MEMBERS adds the other nodes' counts from logic's answer to the live local count", async () => {
    const { s, t } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    s.onFrame(encodeReq({ type: PackageType.MEMBERS, data: new Uint8Array(0) }), true);
    const last = decodeReply(t.sent[t.sent.length - 1]!);
    expect(last.type).toBe(PackageType.MEMBERS);
    expect(Buffer.from(last.data).toString()).toBe("11");
  });

  it("a refused token gets 101 and the session may sign in again", async () => {
    const { s, t } = setup();
    s.onFrame(signIn("bad", "r1"), true);
    await flush();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t.errs()).toEqual([101, 0]);
  });

  it("logic unreachable at sign-in gets a temporary 500 that never counts towards the garbage limit", async () => {
    const { s, t } = setup();
    for (let i = 0; i < 4; i++) {
      s.onFrame(signIn("logic-down", "r1"), true);
      await flush();
    }
    expect(t.errs()).toEqual([500, 500, 500, 500]);
    expect(t.closedWith).toBeUndefined();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t.errs()).toEqual([500, 500, 500, 500, 0]);
  });

  it("a failed announce of a room new on this node fails the sign-in with a temporary 500 and keeps nobody in the room", async () => {
    const { s, t, rooms, deps } = setup();
    const report = deps.logic.reportOnline;
    deps.logic.reportOnline = async () => {
      throw new RoomcastError(ErrCode.INTERNAL, "logic unavailable, try again");
    };
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t.errs()).toEqual([500]);
    expect(s.state).toBe("new");
    expect([...t.topics]).toEqual([]);
    expect(rooms.count("r1")).toBe(0);
    expect(t.closedWith).toBeUndefined();
    // Logic back: the same socket signs in.
    deps.logic.reportOnline = report;
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t.errs()).toEqual([500, 0]);
    expect(rooms.count("r1")).toBe(1);
  });

  it("a sign-in refused for a failed announce gives its uid slot back", async () => {
    const { s, t, deps } = setup();
    deps.admission = new Admission({
      maxConnections: 10,
      maxConnectionsPerIp: 10,
      maxUnsignedPerIp: 10,
      maxConnectionsPerUid: 1,
      messagesPerSecPerUid: 10,
      messageBurstPerUid: 10,
    });
    deps.admission.opened(s);
    deps.logic.reportOnline = async () => {
      throw new RoomcastError(ErrCode.INTERNAL, "logic unavailable, try again");
    };
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t.errs()).toEqual([500]);
    // The uid holds no signed-in socket now: another connection of it signs in.
    const t2 = new FakeTransport();
    const s2 = new Session("k2", t2, deps);
    deps.admission.opened(s2);
    deps.logic.reportOnline = fakeLogic([]).reportOnline;
    s2.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(t2.errs()).toEqual([0]);
  });

  it("an announce that logic does not answer within announceTimeoutMs fails the sign-in with 500", async () => {
    const { s, t, rooms, deps } = setup();
    deps.announceTimeoutMs = 20;
    deps.logic.reportOnline = () => new Promise(() => {});
    s.onFrame(signIn("good", "r1"), true);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.errs()).toEqual([500]);
    expect(rooms.count("r1")).toBe(0);
    expect(s.state).toBe("new");
  });

  it("a member joining while the room's announce is under way waits for it and fails with it", async () => {
    const { s, t, rooms, deps } = setup();
    let fail: (e: Error) => void = () => {};
    deps.logic.reportOnline = () => new Promise((_resolve, reject) => (fail = reject));
    const t2 = new FakeTransport();
    const s2 = new Session("k2", t2, deps);
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    s2.onFrame(signIn("good", "r1"), true);
    await flush();
    expect(t.errs()).toEqual([]);
    expect(t2.errs()).toEqual([]);
    fail(new RoomcastError(ErrCode.INTERNAL, "logic unavailable, try again"));
    await flush();
    await flush();
    expect(t.errs()).toEqual([500]);
    expect(t2.errs()).toEqual([500]);
    expect(rooms.count("r1")).toBe(0);
  });

  it("logic's refusal of a message reaches the client with its code and text, and the session lives", async () => {
    const { s, t, deps } = setup();
    deps.logic.submit = async () => {
      throw new RoomcastError(ErrCode.INTERNAL, "queue unavailable");
    };
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    s.onFrame(say("r1", "hi"), true);
    await flush();
    const last = decodeErr(decodeReply(t.sent[t.sent.length - 1]!).data);
    expect(last).toEqual({ code: 500, msg: "queue unavailable" });
    expect(s.state).toBe("in");
  });

  it("publishes the client's message to logic with its uid", async () => {
    const { s, published } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    s.onFrame(say("r1", "hi"), true);
    await flush();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ uid: "u1", roomID: "r1", msgLv: MsgLevel.NORMAL });
    expect(Buffer.from(published[0]!.data).toString()).toBe("hi");
  });

  it("rate-limits messages with 104 once the burst is spent", async () => {
    const { s, t, published } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    const now = Date.now();
    for (let i = 0; i < 4; i++) s.onFrame(say("r1", `m${i}`), true, now);
    await flush();
    expect(published).toHaveLength(2);
    expect(t.errs().filter((c) => c === 104)).toHaveLength(2);
  });

  it("closes with 4002 after maxBadFrames malformed frames in a row", () => {
    const { s, t } = setup();
    for (let i = 0; i < 3; i++) s.onFrame(new Uint8Array([0xff, 0xff]), true);
    expect(t.errs()).toEqual([102, 102, 102]);
    expect(t.closedWith).toBe(4002);
  });

  it("a slow socket leaves the NORMAL topic only, and comes back when drained", async () => {
    const { s, t, rooms } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    s.setSlow(true);
    expect([...t.topics].sort()).toEqual(["i:", "i:r1", "i:user:u1"]);
    expect(rooms.deliver({ roomID: "r1", msgLv: MsgLevel.NORMAL, packed: new Uint8Array(4), count: 1 })).toBe(0);
    expect(rooms.stats.normalDropped).toBe(1);
    expect(rooms.deliver({ roomID: "r1", msgLv: MsgLevel.IMPORTANT, packed: new Uint8Array(4), count: 1 })).toBe(1);
    s.setSlow(false);
    // The room, the connection's user:<uid> and the broadcast room "" (protocol 2), each a NORMAL and an IMPORTANT topic.
    expect([...t.topics].sort()).toEqual(["i:", "i:r1", "i:user:u1", "n:", "n:r1", "n:user:u1"]);
  });

  it("on close the member leaves the room", async () => {
    const { s, rooms } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    s.onClose();
    expect(rooms.count("r1")).toBe(0);
  });

  it("a socket closed while sign-in waits on logic never joins the room", async () => {
    const { s, rooms } = setup();
    s.onFrame(signIn("good", "r1"), true);
    s.onClose();
    await flush();
    await flush();
    expect(rooms.count("r1")).toBe(0);
  });

  it("token expiry: the client is told 108 once at exp, and the sweep may close it once the grace is over", async () => {
    const { s, t } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    const exp = GOOD_EXP * 1000;
    expect(s.expiresAt).toBe(exp);
    expect(s.tokenExpired(exp - 1, 2_000)).toBe(false);
    expect(t.errs()).toEqual([0]);
    expect(s.tokenExpired(exp, 2_000)).toBe(false);
    expect(s.tokenExpired(exp + 1_000, 2_000)).toBe(false);
    expect(t.errs()).toEqual([0, ErrCode.TOKEN_EXPIRED]);
    expect(s.tokenExpired(exp + 2_000, 2_000)).toBe(true);
    expect(t.errs()).toEqual([0, ErrCode.TOKEN_EXPIRED]);
  });

  it("REFRESH with a fresh token of the same uid moves the expiry and is answered Reply{REFRESH, Err 0}", async () => {
    const { s, t } = setup();
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    expect(s.tokenExpired(GOOD_EXP * 1000, 2_000)).toBe(false);
    s.onFrame(refreshFrame(`fresh-${GOOD_EXP + 60}`), true);
    await flush();
    expect(refreshAnswers(t)).toEqual([0]);
    expect(s.expiresAt).toBe((GOOD_EXP + 60) * 1000);
    expect(s.tokenExpired(GOOD_EXP * 1000 + 5_000, 2_000)).toBe(false);
    // The next token's expiry is told again.
    expect(s.tokenExpired((GOOD_EXP + 60) * 1000, 2_000)).toBe(false);
    expect(t.errs()).toEqual([0, ErrCode.TOKEN_EXPIRED, ErrCode.TOKEN_EXPIRED]);
  });

  it("a refused REFRESH is answered with its code and leaves the expiry where it was; before sign-in it gets 100", async () => {
    const { s, t, deps } = setup();
    s.onFrame(refreshFrame(`fresh-${GOOD_EXP + 60}`), true);
    expect(t.errs()).toEqual([ErrCode.SIGN_IN_FIRST]);
    s.onFrame(signIn("good", "r1"), true);
    await flush();
    await flush();
    s.onFrame(refreshFrame("bad"), true);
    await flush();
    deps.logic.refresh = async () => {
      throw new RoomcastError(ErrCode.INVALID_TOKEN, "the fresh token is for another uid than the connection's");
    };
    s.onFrame(refreshFrame(`fresh-${GOOD_EXP + 60}`), true);
    await flush();
    expect(refreshAnswers(t)).toEqual([ErrCode.INVALID_TOKEN, ErrCode.INVALID_TOKEN]);
    expect(s.expiresAt).toBe(GOOD_EXP * 1000);
    expect(s.state).toBe("in");
  });
});
