// Encoding and decoding of the client protocol (api/protocol/protocol.proto) with the generated protobufjs code.
// Browser-safe: the client SDK bundles this file, so no Node built-ins here.
import { protocol } from "@roomcast/api/messages";
import { ErrCode, errText } from "./codes";
import { RoomcastError } from "./errors";
import type { AnswerExtra, Position, Recovery } from "./recovery";

export const PackageType = protocol.PackageType;
export type PackageType = (typeof protocol.PackageType)[keyof typeof protocol.PackageType];
export const MsgLevel = protocol.MsgLevel;
export type MsgLevel = (typeof protocol.MsgLevel)[keyof typeof protocol.MsgLevel];

export const MAX_ROOM_ID_BYTES = 128;

export interface Frame {
  type: PackageType;
  data: Uint8Array;
  /** Req.id / Reply.id (protocol 2): a request's id comes back on its answers; 0 or absent = none, not on the wire. */
  id?: number;
}

export interface SignIn {
  token: string;
  roomID: string;
  /** protocol 2: recover the sign-in room from this position. */
  recover?: Position;
}

export interface Broadcast {
  roomID: string;
  msgLv: MsgLevel;
  data: Uint8Array;
  /** protocol 2: the message's type, set by its sender; "" = none. */
  type?: string;
}

/** A message type (protocol 2) is at most this many bytes of UTF-8. */
export const MAX_TYPE_BYTES = 64;

const empty = new Uint8Array(0);

function malformed(what: string, cause?: unknown): RoomcastError {
  return new RoomcastError(ErrCode.MALFORMED, `malformed frame: ${what}`, { cause });
}

function decodeFrame(bytes: Uint8Array, kind: "Req" | "Reply"): Frame {
  let m: { type: number; data: Uint8Array; id: number };
  try {
    m = kind === "Req" ? protocol.Req.decode(bytes) : protocol.Reply.decode(bytes);
  } catch (err) {
    throw malformed(`not a ${kind}`, err);
  }
  return { type: m.type as PackageType, data: m.data ?? empty, id: m.id ?? 0 };
}

// An id of 0 is left off the wire, so a seed-001 frame encodes exactly as before.
export const encodeReq = (f: Frame): Uint8Array =>
  protocol.Req.encode({ type: f.type, data: f.data, ...(f.id ? { id: f.id } : {}) }).finish();
export const encodeReply = (f: Frame): Uint8Array =>
  protocol.Reply.encode({ type: f.type, data: f.data, ...(f.id ? { id: f.id } : {}) }).finish();

/**
 * An encoded Reply made the answer to request `id`: Reply.id appended (a protobuf field may come last), so answers
 * encoded once (pong, ok) need no second encoding. Unchanged when id is 0.
 */
export function withId(reply: Uint8Array, id: number | undefined): Uint8Array {
  if (!id) return reply;
  const tail = protocol.Reply.encode({ id }).finish();
  const out = new Uint8Array(reply.length + tail.length);
  out.set(reply);
  out.set(tail, reply.length);
  return out;
}
/** Throws RoomcastError(102) on bytes that are not a Req. */
export const decodeReq = (bytes: Uint8Array): Frame => decodeFrame(bytes, "Req");
export const decodeReply = (bytes: Uint8Array): Frame => decodeFrame(bytes, "Reply");

/** An Err; the extras (protocol 2) only where they apply: connID, messageID, recovery. */
export function encodeErr(code: number, msg?: string, extra?: AnswerExtra): Uint8Array {
  return protocol.Err.encode({ code, msg: msg ?? errText[code as ErrCode] ?? "", ...extra }).finish();
}

export function decodeErr(bytes: Uint8Array): { code: number; msg: string } & AnswerExtra {
  let e;
  try {
    e = protocol.Err.decode(bytes);
  } catch (err) {
    throw malformed("not an Err", err);
  }
  const out: { code: number; msg: string } & AnswerExtra = { code: e.code, msg: e.msg };
  if (e.connID) out.connID = e.connID;
  if (e.messageID) out.messageID = e.messageID;
  const recovery = recoveryOf(e.recovery);
  if (recovery) out.recovery = recovery;
  return out;
}

/** protobufjs hands uint64 fields over as a number or a Long. */
export function longToNumber(v: number | { toNumber(): number } | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === "number" ? v : v.toNumber();
}

type RecoveryFields = {
  recovered?: boolean | null;
  epoch?: string | null;
  offset?: number | { toNumber(): number } | null;
  reason?: string | null;
  count?: number | null;
};

/** An Err's recovery, as a client reads it. */
export function recoveryOf(r: RecoveryFields | null | undefined): Recovery | undefined {
  if (!r) return undefined;
  return {
    recovered: !!r.recovered,
    epoch: r.epoch ?? "",
    offset: longToNumber(r.offset),
    reason: (r.reason ?? "") as Recovery["reason"],
    count: r.count ?? 0,
  };
}

/** The Reply{UNKNOWN, Err} frame that answers sign-in and reports errors. */
export function errReply(code: number, msg?: string): Uint8Array {
  return encodeReply({ type: PackageType.UNKNOWN, data: encodeErr(code, msg) });
}

export function encodeSignIn(s: SignIn): Uint8Array {
  return protocol.SignIn.encode(s).finish();
}

export function decodeSignIn(bytes: Uint8Array): SignIn {
  let s;
  try {
    s = protocol.SignIn.decode(bytes);
  } catch (err) {
    throw malformed("not a SignIn", err);
  }
  const recover = s.recover ? { epoch: s.recover.epoch ?? "", offset: longToNumber(s.recover.offset) } : undefined;
  return checkSignIn(s.token, s.roomID ?? "", recover);
}

/** A sign-in needs a token; its room is empty (protocol 2: no room) or a valid room id; it recovers only a room. */
export function checkSignIn(token: string, roomID: string, recover?: Position): SignIn {
  if (roomID !== "") checkRoomID(roomID);
  if (!token) throw malformed("SignIn.token is empty");
  if (!recover) return { token, roomID };
  if (!roomID) throw malformed("SignIn.recover needs a roomID");
  if (!Number.isSafeInteger(recover.offset) || recover.offset < 0)
    throw malformed(`offset must be a whole number from 0, got ${recover.offset}`);
  return { token, roomID, recover };
}

/** Req{SUBSCRIBE}, Req{UNSUBSCRIBE} and Req{MEMBERS}'s data (protocol 2). */
export function encodeRoom(roomID: string): Uint8Array {
  return protocol.Room.encode({ roomID }).finish();
}

/** A Room's room id, checked; "" when `optional` and the data is empty. Throws RoomcastError(102). */
export function decodeRoom(bytes: Uint8Array, optional = false): string {
  if (optional && bytes.byteLength === 0) return "";
  let r: { roomID: string };
  try {
    r = protocol.Room.decode(bytes);
  } catch (err) {
    throw malformed("not a Room", err);
  }
  checkRoomID(r.roomID);
  return r.roomID;
}

/** Req{REFRESH}'s data: a fresh token for the signed-in connection. */
export function encodeRefresh(token: string): Uint8Array {
  return protocol.Refresh.encode({ token }).finish();
}

/** Throws RoomcastError(102) on bytes that are not a Refresh or carry no token. */
export function decodeRefresh(bytes: Uint8Array): string {
  let r: { token: string };
  try {
    r = protocol.Refresh.decode(bytes);
  } catch (err) {
    throw malformed("not a Refresh", err);
  }
  if (!r.token) throw malformed("Refresh.token is empty");
  return r.token;
}

/** The Reply{REFRESH, Err} frame that answers a refresh (0 = the fresh token is the connection's now). */
export function refreshReply(code: number, msg?: string): Uint8Array {
  return encodeReply({ type: PackageType.REFRESH, data: encodeErr(code, msg) });
}

export function encodeBroadcast(b: Broadcast & DeliveryMeta & { text?: string; offset?: number }): Uint8Array {
  return protocol.BroadcastRoomReq.encode(b as Parameters<typeof protocol.BroadcastRoomReq.encode>[0]).finish();
}

/** A client's MESSAGE (or a delivery's header): room, level, bytes (data, or text as UTF-8) and type, checked. */
export function decodeBroadcast(bytes: Uint8Array): Broadcast {
  let b: { roomID: string; msgLv: number; data: Uint8Array; type: string; text: string };
  try {
    b = protocol.BroadcastRoomReq.decode(bytes);
  } catch (err) {
    throw malformed("not a BroadcastRoomReq", err);
  }
  const data = b.data ?? empty;
  if (b.text && data.byteLength > 0) throw malformed("a message has data or text, not both");
  return checkBroadcast(b.roomID, b.msgLv, b.text ? utf8Encode(b.text) : data, b.type ?? "");
}

/** Checks a MESSAGE's fields (both codecs). */
export function checkBroadcast(roomID: string, msgLv: number, data: Uint8Array, type: string): Broadcast {
  checkRoomID(roomID);
  if (msgLv !== MsgLevel.NORMAL && msgLv !== MsgLevel.IMPORTANT) throw malformed(`unknown msgLv ${msgLv}`);
  checkType(type);
  return { roomID, msgLv: msgLv as MsgLevel, data, type };
}

/** A message type is 0-64 bytes of UTF-8; types starting with "$" are the server's (presence events). */
export function checkType(type: string): void {
  const n = utf8Length(type);
  if (n > MAX_TYPE_BYTES) throw malformed(`type must be 0-${MAX_TYPE_BYTES} bytes, got ${n}`);
  if (type.startsWith("$")) throw malformed(`type "${type}": types starting with "$" are reserved for the server`);
}

/** The types of the presence events a room configured for them gets (ws.presenceEvents): the data is the uid. */
export const PresenceEvent = { JOIN: "$join", LEAVE: "$leave" } as const;

/** Reply{PRESENCE}'s data, as a client reads it. */
export function decodePresence(bytes: Uint8Array): { uids: string[]; total: number } {
  try {
    const p = protocol.Presence.decode(bytes);
    return { uids: p.uids ?? [], total: p.total ?? 0 };
  } catch (err) {
    throw malformed("not a Presence", err);
  }
}

const encoder = new TextEncoder();
export const utf8Encode = (s: string): Uint8Array => encoder.encode(s);

/** UTF-8 length of a string without encoding it (works in browsers, where Buffer does not exist). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A room id is 1–128 bytes of UTF-8. */
export function checkRoomID(roomID: string): void {
  const n = utf8Length(roomID ?? "");
  if (n < 1 || n > MAX_ROOM_ID_BYTES) throw malformed(`roomID must be 1-${MAX_ROOM_ID_BYTES} bytes, got ${n}`);
}

/** What a delivery carries besides its messages (protocol 2), each list in the messages' order. */
export interface DeliveryMeta {
  /** Each message's type; left off unless some message has one. */
  types?: readonly string[];
  /** Each message's id: IMPORTANT messages, and every message of a room that keeps history. */
  ids?: readonly string[];
  /** A room that keeps history: the epoch, and the first message's offset (the others follow it by one). */
  epoch?: string;
  first?: number;
  /** A room configured as acked: the client must acknowledge these messages (ACK). */
  ack?: boolean;
}

/**
 * The delivery frame Reply{MESSAGE, BroadcastRoomReq{roomID, msgLv, batch, ...}}: encoded once per room batch. What
 * protocol 2 adds is left off when empty, so a seed-001 room's frames do not change.
 */
export function deliveryFrame(roomID: string, msgLv: MsgLevel, batch: Uint8Array, meta: DeliveryMeta = {}): Uint8Array {
  const b: Parameters<typeof encodeBroadcast>[0] = { roomID, msgLv, data: batch };
  const { types, ids, epoch, first, ack } = meta;
  if (types && types.some((t) => t !== "")) b.types = types;
  if (ids && ids.length > 0) b.ids = ids;
  if (ack) b.ack = true;
  if (epoch) {
    b.epoch = epoch;
    b.offset = first ?? 0;
  }
  return encodeReply({ type: PackageType.MESSAGE, data: encodeBroadcast(b) });
}

export interface Delivery {
  /** "user:<uid>", "conn:<connID>", a room, or "" for a broadcast. */
  roomID: string;
  msgLv: MsgLevel;
  /** The packed messages, |uint32 LE length|bytes| each. */
  data: Uint8Array;
  /** protocol 2: each message's type, in order; empty when none has one. */
  types: string[];
  /** protocol 2: each message's id, in order; empty when the messages have none. */
  ids: string[];
  /** protocol 2, a room that keeps history: its epoch ("" otherwise) and the first message's offset. */
  epoch: string;
  offset: number;
  /** protocol 2: acknowledge these (ACK). */
  ack: boolean;
}

/** A delivery frame's BroadcastRoomReq, as a client reads it (the room is not checked: a broadcast has none). */
export function decodeDelivery(bytes: Uint8Array): Delivery {
  try {
    const b = protocol.BroadcastRoomReq.decode(bytes);
    return {
      roomID: b.roomID ?? "",
      msgLv: b.msgLv as MsgLevel,
      data: b.data ?? empty,
      types: b.types ?? [],
      ids: b.ids ?? [],
      epoch: b.epoch ?? "",
      offset: longToNumber(b.offset),
      ack: !!b.ack,
    };
  } catch (err) {
    throw malformed("not a BroadcastRoomReq", err);
  }
}
