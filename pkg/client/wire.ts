// The SDK's side of the two codecs (protocol 2): protobuf in binary frames (roomcast.proto, the default and the seed's)
// and JSON in text frames (roomcast.json, chosen with the WebSocket subprotocol). The client encodes requests and
// decodes answers with one of them; the rest of the SDK sees only Answer.
import {
  MsgLevel,
  PackageType,
  decodeDelivery,
  decodeErr,
  decodePresence,
  decodeReply,
  encodeBroadcast,
  encodeRefresh,
  encodeReq,
  encodeRoom,
  encodeSignIn,
  recoveryOf,
} from "../protocol/codec";
import {
  decodeHistoryPage,
  encodeAck,
  encodeHistoryQuery,
  encodeRecall,
  encodeSubscription,
  type HistoryPage,
  type HistoryQuery,
  type Position,
  type Recovery,
} from "../protocol/history_codec";
import { ErrCode } from "../protocol/codes";
import { unpackMessages } from "../protocol/framing";
import type { MsgLevel as Level } from "./message";
import { ProtocolError } from "./errors";

export type Codec = "proto" | "json";

/** A frame for the socket: bytes go out as a binary frame, a string as a text frame. */
export type Outgoing = Uint8Array | string;

// The types below say number and the SDK's MsgLevel, not the protocol's enums: they reach the SDK's published
// declarations (Connection's protected members), which must not pull in the generated protobuf types.
export interface Delivered {
  roomID: string;
  msgLv: Level;
  /** A room that keeps history: its epoch ("" otherwise); each message then has its offset. */
  epoch: string;
  /** An acked room: acknowledge these messages. */
  ack: boolean;
  messages: Array<{ data: Uint8Array; type: string; id: string; offset: number }>;
}

/** What an Err answer carries. */
export interface ErrAnswer {
  code: number;
  msg: string;
  connID?: string;
  messageID?: string;
  recovery?: Recovery;
}

/** One frame from the server, whichever codec carried it. */
export interface Answer {
  /** A PackageType. */
  type: number;
  /** The id of the request it answers; 0 on deliveries, notices, and from a server that echoes no ids. */
  id: number;
  /** UNKNOWN, SUBSCRIBE, UNSUBSCRIBE and REFRESH carry an Err. */
  err?: ErrAnswer;
  /** HISTORY's answer. */
  history?: HistoryPage;
  /** HEARTBEAT's "pong", MEMBERS's count. */
  text?: string;
  /** PRESENCE's answer. */
  presence?: Presence;
  delivery?: Delivered;
}

/** The uids in a room across the cluster (at most the server's cap) and how many there are. */
export interface Presence {
  uids: string[];
  total: number;
}

export interface ClientWire {
  /** The WebSocket subprotocol to offer; none for protobuf, so the upgrade is byte for byte the seed's. */
  readonly subprotocol?: string;
  /** `recover`: the sign-in room's position, to recover it from (a room only). */
  signIn(id: number, token: string, roomID: string, recover?: Position): Outgoing;
  heartbeat(id: number): Outgoing;
  refresh(id: number, token: string): Outgoing;
  /** SUBSCRIBE, UNSUBSCRIBE, PRESENCE or MEMBERS; MEMBERS without a room asks for the sign-in room; SUBSCRIBE may recover. */
  room(type: number, id: number, roomID: string | undefined, recover?: Position): Outgoing;
  history(id: number, q: HistoryQuery): Outgoing;
  recall(id: number, roomID: string, messageId: string): Outgoing;
  ack(ids: readonly string[]): Outgoing;
  message(id: number, roomID: string, data: Uint8Array | string, type: string): Outgoing;
  /** undefined: a frame of the other kind (ignored); throws on a frame that is not an answer. */
  decode(frame: unknown): Answer | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const empty = new Uint8Array(0);
const bytesOf = (d: Uint8Array | string) => (typeof d === "string" ? encoder.encode(d) : d);

export const protoWire: ClientWire = {
  signIn: (id, token, roomID, recover) =>
    encodeReq({ type: PackageType.SIGN_IN, id, data: encodeSignIn(recover ? { token, roomID, recover } : { token, roomID }) }),
  heartbeat: (id) => encodeReq({ type: PackageType.HEARTBEAT, id, data: empty }),
  refresh: (id, token) => encodeReq({ type: PackageType.REFRESH, id, data: encodeRefresh(token) }),
  room: (type, id, roomID, recover) =>
    encodeReq({
      type: type as PackageType,
      id,
      data: roomID === undefined ? empty : recover ? encodeSubscription({ roomID, recover }) : encodeRoom(roomID),
    }),
  history: (id, q) => encodeReq({ type: PackageType.HISTORY, id, data: encodeHistoryQuery(q) }),
  recall: (id, roomID, messageId) => encodeReq({ type: PackageType.RECALL, id, data: encodeRecall({ roomID, id: messageId }) }),
  ack: (ids) => encodeReq({ type: PackageType.ACK, data: encodeAck(ids) }),
  // A string goes as data (its UTF-8), not text, so a seed-001 server reads it as before.
  message: (id, roomID, data, type) =>
    encodeReq({
      type: PackageType.MESSAGE,
      id,
      data: encodeBroadcast({ roomID, msgLv: MsgLevel.NORMAL, data: bytesOf(data), ...(type ? { type } : {}) }),
    }),
  decode(frame) {
    if (!(frame instanceof ArrayBuffer)) return undefined;
    const reply = decodeReply(new Uint8Array(frame));
    const a = { type: reply.type, id: reply.id ?? 0 };
    switch (reply.type) {
      case PackageType.HEARTBEAT:
      case PackageType.MEMBERS:
        return { ...a, text: decoder.decode(reply.data) };
      case PackageType.PRESENCE:
        return { ...a, presence: decodePresence(reply.data) };
      case PackageType.HISTORY:
        return { ...a, history: decodeHistoryPage(reply.data) };
      case PackageType.MESSAGE: {
        const d = decodeDelivery(reply.data);
        const at = (i: number) => (d.epoch ? d.offset + i : 0);
        const messages = unpackMessages(d.data).map((data, i) => ({ data, type: d.types[i] ?? "", id: d.ids[i] ?? "", offset: at(i) }));
        return { ...a, delivery: { roomID: d.roomID, msgLv: d.msgLv, epoch: d.epoch, ack: d.ack, messages } };
      }
      default:
        return { ...a, err: decodeErr(reply.data) };
    }
  },
};

const typeNames = new Map<number, string>(Object.entries(PackageType).map(([name, n]) => [n as number, name]));
const typeNumbers = new Map<string, PackageType>(Object.entries(PackageType).map(([name, n]) => [name, n as PackageType]));

function malformed(what: string): ProtocolError {
  return new ProtocolError(ErrCode.MALFORMED, `undecodable frame from the server: ${what}`, false);
}

// atob and btoa, not Buffer: both exist in browsers and in Node 20.
function toBase64(b: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]!);
  return btoa(bin);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const json = (type: PackageType, id: number, data?: unknown) =>
  JSON.stringify({ type: typeNames.get(type), ...(id ? { id } : {}), ...(data === undefined ? {} : { data }) });

type JsonReply = { type?: unknown; id?: unknown; data?: unknown };
type JsonBody = { text?: string; data?: string };
type JsonDelivery = {
  roomID?: string;
  msgLv?: string | number;
  epoch?: string;
  ack?: boolean;
  messages?: Array<JsonBody & { type?: string; id?: string; offset?: number }>;
};
type JsonStored = JsonBody & { offset?: number; id?: string; type?: string; msgLv?: string | number; ts?: number; uid?: string };
type JsonHistory = { roomID?: string; epoch?: string; offset?: number; messages?: JsonStored[]; more?: boolean; reason?: string };

const levelOf = (v: unknown) => (v === "IMPORTANT" || v === MsgLevel.IMPORTANT ? MsgLevel.IMPORTANT : MsgLevel.NORMAL);
const bytesOfJson = (m: JsonBody) => (m.text !== undefined ? encoder.encode(m.text) : fromBase64(m.data ?? ""));

function historyOf(p: JsonHistory): HistoryPage {
  return {
    roomID: p.roomID ?? "",
    epoch: p.epoch ?? "",
    offset: Number(p.offset ?? 0),
    more: !!p.more,
    reason: (p.reason ?? "") as HistoryPage["reason"],
    messages: (p.messages ?? []).map((m) => ({
      offset: Number(m.offset ?? 0),
      id: m.id ?? "",
      type: m.type ?? "",
      msgLv: levelOf(m.msgLv),
      data: bytesOfJson(m),
      ts: Number(m.ts ?? 0),
      uid: m.uid ?? "",
    })),
  };
}

export const jsonWire: ClientWire = {
  subprotocol: "roomcast.json",
  signIn: (id, token, roomID, recover) => json(PackageType.SIGN_IN, id, recover ? { token, roomID, recover } : { token, roomID }),
  heartbeat: (id) => json(PackageType.HEARTBEAT, id),
  refresh: (id, token) => json(PackageType.REFRESH, id, { token }),
  room: (type, id, roomID, recover) => json(type, id, roomID === undefined ? undefined : recover ? { roomID, recover } : { roomID }),
  history: (id, q) => json(PackageType.HISTORY, id, q),
  recall: (id, roomID, messageId) => json(PackageType.RECALL, id, { roomID, id: messageId }),
  ack: (ids) => json(PackageType.ACK, 0, { ids }),
  message: (id, roomID, data, type) =>
    json(PackageType.MESSAGE, id, {
      roomID,
      ...(typeof data === "string" ? { text: data } : { data: toBase64(data) }),
      ...(type ? { type } : {}),
    }),
  decode(frame) {
    if (typeof frame !== "string") return undefined;
    let r: JsonReply;
    try {
      r = JSON.parse(frame) as JsonReply;
    } catch {
      throw malformed("not JSON");
    }
    const type = typeNumbers.get(String(r.type));
    if (type === undefined) throw malformed(`unknown type ${JSON.stringify(r.type)}`);
    const a = { type, id: typeof r.id === "number" ? r.id : 0 };
    switch (type) {
      case PackageType.HEARTBEAT:
      case PackageType.MEMBERS:
        return { ...a, text: String(r.data) };
      case PackageType.PRESENCE: {
        const p = (r.data ?? {}) as Partial<Presence>;
        return { ...a, presence: { uids: Array.isArray(p.uids) ? p.uids.map(String) : [], total: Number(p.total ?? 0) } };
      }
      case PackageType.HISTORY:
        return { ...a, history: historyOf((r.data ?? {}) as JsonHistory) };
      case PackageType.MESSAGE: {
        const d = (r.data ?? {}) as JsonDelivery;
        const messages = (d.messages ?? []).map((m) => ({
          data: bytesOfJson(m),
          type: m.type ?? "",
          id: m.id ?? "",
          offset: Number(m.offset ?? 0),
        }));
        return { ...a, delivery: { roomID: d.roomID ?? "", msgLv: levelOf(d.msgLv), epoch: d.epoch ?? "", ack: d.ack === true, messages } };
      }
      default: {
        const e = (r.data ?? {}) as { code?: number; msg?: string; connID?: string; messageID?: string; recovery?: Partial<Recovery> };
        const err: ErrAnswer = { code: e.code ?? 0, msg: e.msg ?? "" };
        if (e.connID) err.connID = e.connID;
        if (e.messageID) err.messageID = e.messageID;
        const recovery = recoveryOf(e.recovery);
        if (recovery) err.recovery = recovery;
        return { ...a, err };
      }
    }
  },
};
