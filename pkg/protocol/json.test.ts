import { ErrCode, MsgLevel, PackageType, decodeDelivery, decodeReply, jsonWire, packMessages, protoWire, unpackMessages } from "./index";
import { thrownCode as codeOf } from "./testing";

const bytes = (s: string) => new TextEncoder().encode(s);
const req = (o: unknown) => jsonWire.request(bytes(typeof o === "string" ? o : JSON.stringify(o)), false);

describe("JSON codec (roomcast.json)", () => {
  it("reads a request's type by name or number, its id, and its data as the nested object", () => {
    expect(req({ type: "SIGN_IN", id: 4, data: { token: "t", roomID: "" } })).toEqual({
      type: PackageType.SIGN_IN,
      id: 4,
      body: { token: "t", roomID: "" },
    });
    expect(req({ type: 2 })).toEqual({ type: PackageType.HEARTBEAT, id: 0, body: undefined });
    expect(jsonWire.signIn({ token: "t" })).toEqual({ token: "t", roomID: "" });
    expect(jsonWire.room({ roomID: "lobby" })).toBe("lobby");
    expect(jsonWire.room(undefined, true)).toBe("");
  });

  it("takes a message as text or as base64 data, with a level and a type", () => {
    expect(jsonWire.message({ roomID: "r", text: "héllo", type: "chat" })).toEqual({
      roomID: "r",
      msgLv: MsgLevel.NORMAL,
      data: bytes("héllo"),
      type: "chat",
    });
    const m = jsonWire.message({ roomID: "r", msgLv: "IMPORTANT", data: "AP8=" });
    expect([m.msgLv, [...m.data]]).toEqual([MsgLevel.IMPORTANT, [0, 255]]);
    expect([...jsonWire.message({ roomID: "r", data: "_-8" }).data]).toEqual([255, 239]); // URL-safe, unpadded
  });

  it("refuses bad JSON and wrong shapes with 102", () => {
    const bad = [
      () => req("{"),
      () => req("[1]"),
      () => req("null"),
      () => req({ type: "NOPE" }),
      () => req({ type: -1 }),
      () => req({ type: "HEARTBEAT", id: 1.5 }),
      () => req({ type: "HEARTBEAT", id: 2 ** 32 }),
      () => req({ type: "HEARTBEAT", extra: true }),
      () => jsonWire.request(bytes('{"type":"HEARTBEAT"}'), true), // binary frame
      () => jsonWire.signIn({ roomID: "r" }), // no token
      () => jsonWire.signIn({ token: 1 }),
      () => jsonWire.signIn("token"),
      () => jsonWire.room({ roomID: "" }),
      () => jsonWire.room({ roomID: "x".repeat(129) }),
      () => jsonWire.room({ room: "x" }),
      () => jsonWire.message({ roomID: "r", text: "a", data: "YQ==" }),
      () => jsonWire.message({ roomID: "r", data: "not base64!" }),
      () => jsonWire.message({ roomID: "r", text: "a", msgLv: "LOUD" }),
      () => jsonWire.message({ roomID: "r", text: "a", type: "t".repeat(65) }),
      () => jsonWire.token({}),
    ];
    expect(bad.map(codeOf)).toEqual(bad.map(() => ErrCode.MALFORMED));
  });

  it("answers as JSON text: Err with code and msg, the id only when the request had one", () => {
    expect(JSON.parse(jsonWire.answer(PackageType.UNKNOWN, 0, "ok", 3, { connID: "conn-0.k1" }) as string)).toEqual({
      type: "UNKNOWN",
      id: 3,
      data: { code: 0, msg: "ok", connID: "conn-0.k1" },
    });
    expect(JSON.parse(jsonWire.answer(PackageType.SUBSCRIBE, 110, undefined, 0) as string)).toEqual({
      type: "SUBSCRIBE",
      data: { code: 110, msg: "too many rooms" },
    });
    expect(JSON.parse(jsonWire.pong(9) as string)).toEqual({ type: "HEARTBEAT", id: 9, data: "pong" });
    expect(JSON.parse(jsonWire.count(12, 0) as string)).toEqual({ type: "MEMBERS", data: "12" });
  });

  it("lists a delivery's messages: UTF-8 as text (a leading BOM kept), anything else as base64, types beside them", () => {
    const packed = packMessages([bytes("hi"), new Uint8Array([0xc3, 0x28]), bytes("\ufeffbom"), new Uint8Array(0)]);
    expect(JSON.parse(jsonWire.delivery("", MsgLevel.IMPORTANT, packed, { types: ["", "bin", "", ""] }) as string)).toEqual({
      type: "MESSAGE",
      data: {
        roomID: "",
        msgLv: "IMPORTANT",
        messages: [{ text: "hi" }, { data: "wyg=", type: "bin" }, { text: "\ufeffbom" }, { text: "" }],
      },
    });
  });
});

describe("protobuf codec, protocol 2", () => {
  it("leaves types off a delivery none of whose messages has one, so seed-001 frames do not change", () => {
    const packed = packMessages([bytes("a")]);
    expect(protoWire.delivery("r", MsgLevel.NORMAL, packed, { types: ["", ""] })).toEqual(protoWire.delivery("r", MsgLevel.NORMAL, packed));
    const typed = decodeDelivery(decodeReply(protoWire.delivery("r", MsgLevel.NORMAL, packed, { types: ["chat"] }) as Uint8Array).data);
    expect([typed.types, unpackMessages(typed.data).map((m) => new TextDecoder().decode(m))]).toEqual([["chat"], ["a"]]);
  });

  it("a request without an id is answered exactly as seed 001 answers; with one, the id comes last", () => {
    const plain = protoWire.answer(PackageType.UNKNOWN, 0, "ok", 0) as Uint8Array;
    expect(decodeReply(plain)).toEqual({ type: PackageType.UNKNOWN, data: expect.any(Uint8Array), id: 0 });
    expect(decodeReply(protoWire.answer(PackageType.SUBSCRIBE, 0, "ok", 77) as Uint8Array).id).toBe(77);
  });
});
