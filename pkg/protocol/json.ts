// The JSON codec (subprotocol roomcast.json): the protocol's messages in protobuf's JSON mapping, one per text frame.
// Where the protobuf codec nests an encoded message in Req.data / Reply.data, JSON nests the object itself, and the
// text the protobuf codec carries as bytes (pong, a MEMBERS count) is a JSON string. A delivery lists its messages
// (Delivery) instead of length-prefixing them: text when a message is valid UTF-8, data (base64) otherwise.
// Browser-safe: no Node built-ins.
import { ErrCode, errText } from "./codes";
import { MsgLevel, PackageType, checkBroadcast, checkRoomID, checkSignIn, utf8Encode } from "./codec";
import { RoomcastError } from "./errors";
import { unpackMessages } from "./framing";
import { checkAck, checkMessageId, checkPosition, type HistoryPage, type Position } from "./history_codec";
import type { Request, Wire } from "./wire";

type Json = Record<string, unknown>;

const typeNames = new Map<number, string>(Object.entries(PackageType).map(([name, n]) => [n as number, name]));
const levelNames = new Map<number, string>(Object.entries(MsgLevel).map(([name, n]) => [n as number, name]));

function malformed(what: string): RoomcastError {
  return new RoomcastError(ErrCode.MALFORMED, `malformed frame: ${what}`);
}

/** A JSON object with only the given keys (a typo is refused, not ignored). */
function object(v: unknown, what: string, keys: readonly string[]): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw malformed(`${what} must be a JSON object`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw malformed(`${what} has no field "${k}" (it takes ${keys.join(", ")})`);
  return v as Json;
}

function string(o: Json, key: string, what: string): string {
  const v = o[key];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw malformed(`${what}.${key} must be a string`);
  return v;
}

/** A uint64 field: a number, or a decimal string as protobuf's JSON mapping writes it. */
function uint(o: Json, key: string, what: string): number {
  const v = o[key];
  if (v === undefined || v === null) return 0;
  const n = typeof v === "string" && /^\d{1,16}$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw malformed(`${what}.${key} must be a whole number from 0`);
  return n;
}

/** A Position field (absent: undefined). */
function position(v: unknown, what: string): Position | undefined {
  if (v === undefined || v === null) return undefined;
  const o = object(v, what, ["epoch", "offset"]);
  return checkPosition(string(o, "epoch", what), uint(o, "offset", what));
}

/** An enum field: its name or its number, as protobuf's JSON mapping allows. */
function enumValue(v: unknown, names: ReadonlyMap<number, string>, what: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === "string") for (const [n, name] of names) if (name === v) return n;
  throw malformed(`${what} ${JSON.stringify(v)} is not one of ${[...names.values()].join(", ")}`);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function fromBase64(s: string, what: string): Uint8Array {
  if (!BASE64.test(s) || s.replace(/=+$/, "").length % 4 === 1) throw malformed(`${what} must be base64`);
  const std = s.replace(/-/g, "+").replace(/_/g, "/");
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(std, "base64"));
  const bin = atob(std.padEnd(std.length + ((4 - (std.length % 4)) % 4), "="));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(b: Uint8Array): string {
  if (typeof Buffer !== "undefined") return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
  let bin = "";
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]!);
  return btoa(bin);
}

// ignoreBOM: a message that starts with a byte-order mark keeps it.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A message's bytes as JSON fields: text when they are UTF-8, data (base64) otherwise. */
function body(bytes: Uint8Array): Json {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { data: toBase64(bytes) };
  }
}

/** One delivered message: its bytes, and its type, id and offset when it has them. */
function delivered(bytes: Uint8Array, type: string | undefined, id: string | undefined, offset: number | undefined): Json {
  const m = body(bytes);
  if (type) m.type = type;
  if (id) m.id = id;
  if (offset) m.offset = offset;
  return m;
}

function historyJson(p: HistoryPage): Json {
  const messages = p.messages.map((m) => ({
    offset: m.offset,
    id: m.id,
    ...(m.type ? { type: m.type } : {}),
    msgLv: levelNames.get(m.msgLv),
    ...body(m.data),
    ts: m.ts,
    ...(m.uid ? { uid: m.uid } : {}),
  }));
  return { roomID: p.roomID, epoch: p.epoch, offset: p.offset, messages, more: p.more, ...(p.reason ? { reason: p.reason } : {}) };
}

const errTextOf = (code: number): string => errText[code as ErrCode] ?? "";

/** A Reply as one JSON text frame; id only when it answers a request that had one. */
function reply(type: number, id: number | undefined, data: unknown): string {
  return JSON.stringify(id ? { type: typeNames.get(type), id, data } : { type: typeNames.get(type), data });
}

export const jsonWire: Wire = {
  name: "json",
  request(frame, isBinary): Request {
    if (isBinary) throw malformed("binary frames are not JSON (this connection chose roomcast.json)");
    let v: unknown;
    try {
      v = JSON.parse(new TextDecoder().decode(frame));
    } catch {
      throw malformed("not JSON");
    }
    const o = object(v, "Req", ["type", "id", "data"]);
    const type = enumValue(o.type, typeNames, "Req.type") as PackageType;
    const id = o.id ?? 0;
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > 0xffffffff) throw malformed("Req.id must be a uint32");
    return { type, id, body: o.data };
  },
  signIn(body) {
    const o = object(body, "SignIn", ["token", "roomID", "recover"]);
    return checkSignIn(string(o, "token", "SignIn"), string(o, "roomID", "SignIn"), position(o.recover, "SignIn.recover"));
  },
  message(body) {
    const o = object(body, "BroadcastRoomReq", ["roomID", "msgLv", "data", "text", "type"]);
    const text = string(o, "text", "BroadcastRoomReq");
    const data = string(o, "data", "BroadcastRoomReq");
    if (text && data) throw malformed("a message has data or text, not both");
    const bytes = text ? utf8Encode(text) : fromBase64(data, "BroadcastRoomReq.data");
    const level = enumValue(o.msgLv, levelNames, "BroadcastRoomReq.msgLv");
    return checkBroadcast(string(o, "roomID", "BroadcastRoomReq"), level, bytes, string(o, "type", "BroadcastRoomReq"));
  },
  token(body) {
    const token = string(object(body, "Refresh", ["token"]), "token", "Refresh");
    if (!token) throw malformed("Refresh.token is empty");
    return token;
  },
  room(body, optional) {
    if (optional && (body === undefined || body === null)) return "";
    const roomID = string(object(body, "Room", ["roomID"]), "roomID", "Room");
    checkRoomID(roomID);
    return roomID;
  },
  subscription(body) {
    const o = object(body, "Room", ["roomID", "recover"]);
    const roomID = string(o, "roomID", "Room");
    checkRoomID(roomID);
    const recover = position(o.recover, "Room.recover");
    return recover ? { roomID, recover } : { roomID };
  },
  historyQuery(body) {
    const o = object(body, "HistoryReq", ["roomID", "since", "limit"]);
    const roomID = string(o, "roomID", "HistoryReq");
    checkRoomID(roomID);
    const limit = uint(o, "limit", "HistoryReq");
    const since = position(o.since, "HistoryReq.since");
    return since ? { roomID, since, limit } : { roomID, limit };
  },
  recall(body) {
    const o = object(body, "Recall", ["roomID", "id"]);
    const roomID = string(o, "roomID", "Recall");
    checkRoomID(roomID);
    return { roomID, id: checkMessageId(string(o, "id", "Recall"), "Recall.id") };
  },
  ack(body) {
    const ids = object(body, "Ack", ["ids"]).ids;
    if (!Array.isArray(ids) || ids.some((x) => typeof x !== "string")) throw malformed("Ack.ids must be a list of strings");
    return checkAck(ids as string[]);
  },
  answer: (type, code, msg, id, extra) => reply(type, id, { code, msg: msg ?? errTextOf(code), ...extra }),
  history: (page, id) => reply(PackageType.HISTORY, id, historyJson(page)),
  pong: (id) => reply(PackageType.HEARTBEAT, id, "pong"),
  count: (n, id) => reply(PackageType.MEMBERS, id, String(n)),
  presence: (uids, total, id) => reply(PackageType.PRESENCE, id, { uids, total }),
  delivery(roomID, msgLv, packed, meta = {}) {
    const { types, ids, epoch, first = 0, ack } = meta;
    const messages = unpackMessages(packed).map((m, i) => delivered(m, types?.[i], ids?.[i], epoch ? first + i : undefined));
    return reply(PackageType.MESSAGE, 0, {
      roomID,
      msgLv: levelNames.get(msgLv),
      ...(epoch ? { epoch } : {}),
      ...(ack ? { ack } : {}),
      messages,
    });
  },
};
