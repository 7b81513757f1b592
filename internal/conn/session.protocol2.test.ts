import {
  ErrCode,
  MsgLevel,
  PackageType,
  decodeErr,
  decodeReply,
  encodeReq,
  encodeRoom,
  encodeSignIn,
  jsonWire,
  packMessages,
} from "@roomcast/pkg/protocol";
import { Session } from "./session";
import { FakeTransport, GOOD_EXP, setup } from "./session_testing";

const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};
const frame = (type: PackageType, data: Uint8Array, id = 0) => encodeReq({ type, data, ...(id ? { id } : {}) });
const signIn = (roomID = "", id = 0) => frame(PackageType.SIGN_IN, encodeSignIn({ token: "good", roomID }), id);
const sub = (room: string, id = 0) => frame(PackageType.SUBSCRIBE, encodeRoom(room), id);
const unsub = (room: string, id = 0) => frame(PackageType.UNSUBSCRIBE, encodeRoom(room), id);
/** Every answer so far as [type, id, code], and forgets them. */
const answers = (t: FakeTransport) =>
  t.sent.splice(0).map((f) => {
    const r = decodeReply(f);
    return [r.type, r.id, decodeErr(r.data).code];
  });

describe("Session, protocol 2", () => {
  it("signs in to no room, answers the connection id, and joins and leaves rooms, each answered with its id", async () => {
    const { s, t, rooms } = setup();
    s.onFrame(signIn("", 1), true);
    await flush();
    const ok = decodeErr(decodeReply(t.sent[0]!).data);
    expect(ok).toEqual({ code: 0, msg: "ok", connID: "conn-test.k1" });
    t.sent.length = 0;
    s.onFrame(sub("a", 2), true);
    s.onFrame(sub("a", 3), true);
    await flush();
    expect(rooms.count("a")).toBe(1);
    expect(s.roomList().sort()).toEqual(["a", "user:u1"]);
    s.onFrame(unsub("a", 4), true);
    s.onFrame(unsub("a", 5), true);
    await flush();
    expect(answers(t)).toEqual([
      [PackageType.SUBSCRIBE, 2, 0],
      [PackageType.SUBSCRIBE, 3, 0],
      [PackageType.UNSUBSCRIBE, 4, 0],
      [PackageType.UNSUBSCRIBE, 5, ErrCode.NOT_YOUR_ROOM],
    ]);
    expect([rooms.count("a"), [...t.topics].sort()]).toEqual([0, ["i:", "i:user:u1", "n:", "n:user:u1"]]);
  });

  it("caps the rooms of a connection (its user room not counted) with 110", async () => {
    const { s, t } = setup(); // maxRooms 3
    s.onFrame(signIn("r0"), true);
    await flush();
    t.sent.length = 0;
    ["r1", "r2", "r3", "user:u1"].forEach((r, i) => s.onFrame(sub(r, i + 1), true));
    await flush();
    // Answers come as each is settled (a new room waits for logic), each with its request's id.
    expect(answers(t).sort((x, y) => x[1]! - y[1]!)).toEqual([
      [PackageType.SUBSCRIBE, 1, 0],
      [PackageType.SUBSCRIBE, 2, 0],
      [PackageType.SUBSCRIBE, 3, ErrCode.TOO_MANY_ROOMS],
      [PackageType.SUBSCRIBE, 4, 0],
    ]);
  });

  it("refuses another user's room and a connection's room with 107, and joins nothing", async () => {
    const { s, t, rooms } = setup();
    s.onFrame(signIn(), true);
    await flush();
    t.sent.length = 0;
    s.onFrame(sub("user:u2"), true);
    s.onFrame(sub("conn:conn-test.k1"), true);
    await flush();
    expect(answers(t).map((a) => a[2])).toEqual([ErrCode.ROOM_NOT_ALLOWED, ErrCode.ROOM_NOT_ALLOWED]);
    expect(rooms.count("user:u2")).toBe(0);
  });

  it("a room logic could not be told about is left again and answered 500", async () => {
    const { s, t, rooms, deps } = setup();
    s.onFrame(signIn(), true);
    await flush();
    t.sent.length = 0;
    deps.logic.reportOnline = async () => {
      throw new Error("logic away");
    };
    s.onFrame(sub("a", 9), true);
    await flush();
    expect(answers(t)).toEqual([[PackageType.SUBSCRIBE, 9, ErrCode.INTERNAL]]);
    expect([rooms.count("a"), t.topics.has("n:a")]).toEqual([0, false]);
  });

  it("on close leaves every room and can no longer be reached by its connection id", async () => {
    const { s, rooms } = setup();
    s.onFrame(signIn("a"), true);
    await flush();
    s.onFrame(sub("b"), true);
    await flush();
    const conn = { roomID: `conn:${s.connID}`, msgLv: MsgLevel.IMPORTANT, packed: packMessages([new Uint8Array(1)]), count: 1 };
    expect(rooms.deliver(conn)).toBe(1);
    s.onClose();
    expect([rooms.count("a"), rooms.count("b"), rooms.count("user:u1"), rooms.count("")]).toEqual([0, 0, 0, 0]);
    expect(rooms.deliver({ ...conn, msgLv: MsgLevel.NORMAL })).toBe(0);
  });

  it("a slow socket leaves the NORMAL topic of every room it is in, and comes back to all of them", async () => {
    const { s, t } = setup();
    s.onFrame(signIn("a"), true);
    await flush();
    s.onFrame(sub("b"), true);
    await flush();
    s.setSlow(true);
    expect([...t.topics].filter((x) => x.startsWith("n:"))).toEqual([]);
    s.setSlow(false);
    expect([...t.topics].filter((x) => x.startsWith("n:")).sort()).toEqual(["n:", "n:a", "n:b", "n:user:u1"]);
  });

  it("a fresh token must allow every room the connection is in", async () => {
    const { s, t, deps } = setup();
    s.onFrame(signIn("game-1"), true);
    await flush();
    s.onFrame(sub("chat"), true);
    await flush();
    t.sent.length = 0;
    // The connection's own user:u1 needs no claim; "chat" does.
    deps.logic.refresh = async () => ({ exp: GOOD_EXP + 60, access: { rooms: ["game-*", "chat"], openRooms: false } });
    s.onFrame(frame(PackageType.REFRESH, new Uint8Array([10, 1, 120]), 4), true);
    await flush();
    deps.logic.refresh = async () => ({ exp: GOOD_EXP + 60, access: { rooms: ["game-*"], openRooms: true } });
    s.onFrame(frame(PackageType.REFRESH, new Uint8Array([10, 1, 120]), 5), true); // Refresh{token: "x"}
    await flush();
    expect(answers(t)).toEqual([
      [PackageType.REFRESH, 4, 0],
      [PackageType.REFRESH, 5, ErrCode.ROOM_NOT_ALLOWED],
    ]);
    expect(s.expiresAt).toBe((GOOD_EXP + 60) * 1000);
  });

  it("a JSON connection is answered in JSON text frames, and a room encodes each batch once per codec", async () => {
    const { t, rooms, deps, frames } = setup();
    const proto = new Session("k1", t, deps);
    const jt = [new FakeTransport(), new FakeTransport()].map((x) => {
      x.send = (f: Uint8Array | string) => void x.sent.push(f as unknown as Uint8Array);
      return x;
    });
    const json = jt.map((x, i) => new Session(`j${i}`, x, deps, Date.now(), jsonWire));
    proto.onFrame(signIn("r"), true);
    for (const j of json) j.onFrame(new TextEncoder().encode('{"type":"SIGN_IN","id":3,"data":{"token":"good","roomID":"r"}}'), false);
    await flush();
    expect(JSON.parse(jt[0]!.sent[0] as unknown as string)).toEqual({
      type: "UNKNOWN",
      id: 3,
      data: { code: 0, msg: "ok", connID: "conn-test.j0" },
    });
    frames.length = 0;
    expect(rooms.deliver({ roomID: "r", msgLv: MsgLevel.NORMAL, packed: packMessages([new TextEncoder().encode("hi")]), count: 1 })).toBe(
      3,
    );
    expect(frames.map(([topic, f]) => [topic, typeof f])).toEqual([
      ["n:r", "object"],
      ["jn:r", "string"],
    ]);
  });
});
