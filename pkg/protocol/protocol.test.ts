import {
  PackageType,
  MsgLevel,
  encodeReq,
  decodeReq,
  errReply,
  decodeReply,
  decodeErr,
  encodeSignIn,
  decodeSignIn,
  encodeBroadcast,
  decodeBroadcast,
  deliveryFrame,
  packMessages,
  unpackMessages,
} from "./index";
import { thrownCode as codeOf } from "./testing";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("framing", () => {
  it("packs with 32-bit little-endian lengths as the seed shows", () => {
    const b = packMessages([bytes("pack1")]);
    expect([...b]).toEqual([5, 0, 0, 0, 112, 97, 99, 107, 49]);
  });

  it("round-trips several messages, an empty one and one over 65,535 bytes", () => {
    const big = new Uint8Array(70_000).fill(7);
    const msgs = [bytes("a"), new Uint8Array(0), big, bytes("héllo")];
    const out = unpackMessages(packMessages(msgs));
    expect(out.map((m) => m.byteLength)).toEqual([1, 0, 70_000, 6]);
    expect(text(out[3]!)).toBe("héllo");
    expect(out[2]!.every((x) => x === 7)).toBe(true);
  });

  it("an empty batch holds no messages", () => {
    expect(unpackMessages(new Uint8Array(0))).toEqual([]);
  });

  it("a truncated batch throws instead of returning garbage", () => {
    const b = packMessages([bytes("hello")]);
    expect(() => unpackMessages(b.subarray(0, 6))).toThrow(RangeError);
    expect(() => unpackMessages(b.subarray(0, 2))).toThrow(RangeError);
  });
});

describe("codec", () => {
  it("round-trips a Req", () => {
    const f = decodeReq(encodeReq({ type: PackageType.HEARTBEAT, data: new Uint8Array(0) }));
    expect(f.type).toBe(PackageType.HEARTBEAT);
    expect(f.data.byteLength).toBe(0);
  });

  it("an Err reply carries code and message", () => {
    const r = decodeReply(errReply(101));
    expect(r.type).toBe(PackageType.UNKNOWN);
    expect(decodeErr(r.data)).toEqual({ code: 101, msg: "invalid or expired token" });
  });

  it("garbage bytes are a malformed frame (102)", () => {
    expect(codeOf(() => decodeReq(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])))).toBe(102);
    expect(codeOf(() => decodeReq(new Uint8Array([0x12, 0x10, 0x01])))).toBe(102); // data length runs past the end
  });

  it("SignIn with a 129-byte room id is malformed (102); an empty one signs in to no room (protocol 2)", () => {
    expect(decodeSignIn(encodeSignIn({ token: "t", roomID: "" })).roomID).toBe("");
    expect(codeOf(() => decodeSignIn(encodeSignIn({ token: "t", roomID: "r".repeat(129) })))).toBe(102);
    expect(decodeSignIn(encodeSignIn({ token: "t", roomID: "r".repeat(128) })).roomID).toHaveLength(128);
  });

  it("a room id is measured in UTF-8 bytes", () => {
    expect(codeOf(() => decodeSignIn(encodeSignIn({ token: "t", roomID: "é".repeat(65) })))).toBe(102);
  });

  it("SignIn without a token is malformed", () => {
    expect(codeOf(() => decodeSignIn(encodeSignIn({ token: "", roomID: "r" })))).toBe(102);
  });

  it("a BroadcastRoomReq with an unknown level is malformed", () => {
    const b = encodeBroadcast({ roomID: "r", msgLv: 7 as MsgLevel, data: bytes("x") });
    expect(codeOf(() => decodeBroadcast(b))).toBe(102);
  });

  it("the delivery frame decodes to the room, level and batch", () => {
    const frame = decodeReply(deliveryFrame("room1", MsgLevel.IMPORTANT, packMessages([bytes("x"), bytes("yy")])));
    expect(frame.type).toBe(PackageType.MESSAGE);
    const b = decodeBroadcast(frame.data);
    expect(b.roomID).toBe("room1");
    expect(b.msgLv).toBe(MsgLevel.IMPORTANT);
    expect(unpackMessages(b.data).map(text)).toEqual(["x", "yy"]);
  });
});
