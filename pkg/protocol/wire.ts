// The two codecs a connection may speak (protocol 2): protobuf in binary frames (roomcast.proto, the seed's) and
// JSON in text frames (roomcast.json). A session reads requests and writes answers through one of them, chosen at
// the WebSocket upgrade; a delivery is encoded once per batch per codec, never per member.
import { ErrCode } from "./codes";
import {
  PackageType,
  decodeBroadcast,
  decodeRefresh,
  decodeReq,
  decodeRoom,
  decodeSignIn,
  deliveryFrame,
  encodeErr,
  encodeReply,
  utf8Encode,
  withId,
  type Broadcast,
  type DeliveryMeta,
  type MsgLevel,
  type SignIn,
} from "./codec";
import {
  decodeAck,
  decodeHistoryQuery,
  decodeRecall,
  decodeSubscription,
  encodeHistoryPage,
  type AnswerExtra,
  type HistoryPage,
  type HistoryQuery,
  type RecallReq,
  type Subscription,
} from "./history_codec";
import { RoomcastError } from "./errors";
import { protocol } from "@roomcast/api/messages";

/** A frame for the socket: bytes go out as a binary frame, a string as a text frame. */
export type Outgoing = Uint8Array | string;

/** A request as its codec read it: `body` is what Req.data holds, still to be read by type (bytes, or a JSON value). */
export interface Request {
  type: PackageType;
  id: number;
  body: unknown;
}

export type WireName = "proto" | "json";

/** WebSocket subprotocols (Sec-WebSocket-Protocol) and the codec each selects; none offered = protobuf. */
export const SUBPROTOCOLS: Readonly<Record<string, WireName>> = { "roomcast.proto": "proto", "roomcast.json": "json" };

export interface Wire {
  readonly name: WireName;
  /** Throws RoomcastError(102) on a frame that is not a request of this codec. */
  request(frame: Uint8Array, isBinary: boolean): Request;
  signIn(body: unknown): SignIn;
  message(body: unknown): Broadcast;
  /** REFRESH's token. */
  token(body: unknown): string;
  /** UNSUBSCRIBE / PRESENCE / MEMBERS's room; "" when `optional` and none was given. */
  room(body: unknown, optional?: boolean): string;
  /** SUBSCRIBE's room, and the position to recover it from. */
  subscription(body: unknown): Subscription;
  historyQuery(body: unknown): HistoryQuery;
  recall(body: unknown): RecallReq;
  /** ACK's message ids. */
  ack(body: unknown): string[];
  /** Reply{type, Err{code, msg, ...extra}}, answering request `id` (0 = none). */
  answer(type: PackageType, code: number, msg?: string, id?: number, extra?: AnswerExtra): Outgoing;
  pong(id: number): Outgoing;
  /** Reply{MEMBERS, "<count>"}. */
  count(n: number, id: number): Outgoing;
  /** Reply{PRESENCE, Presence{uids, total}}. */
  presence(uids: readonly string[], total: number, id: number): Outgoing;
  /** Reply{HISTORY, HistoryReply}. */
  history(page: HistoryPage, id: number): Outgoing;
  /** A delivery frame for the packed messages of one room and level. */
  delivery(roomID: string, msgLv: MsgLevel, packed: Uint8Array, meta?: DeliveryMeta): Outgoing;
}

const PONG = encodeReply({ type: PackageType.HEARTBEAT, data: utf8Encode("pong") });
const bytesOf = (body: unknown): Uint8Array => body as Uint8Array;

/** The seed's codec: protobuf Req/Reply in binary frames. A request without an id is answered exactly as in seed 001. */
export const protoWire: Wire = {
  name: "proto",
  request(frame, isBinary) {
    if (!isBinary) throw new RoomcastError(ErrCode.MALFORMED, "malformed frame: text frames are not part of the protocol");
    const f = decodeReq(frame);
    return { type: f.type, id: f.id ?? 0, body: f.data };
  },
  signIn: (body) => decodeSignIn(bytesOf(body)),
  message: (body) => decodeBroadcast(bytesOf(body)),
  token: (body) => decodeRefresh(bytesOf(body)),
  room: (body, optional) => decodeRoom(bytesOf(body), optional),
  subscription: (body) => decodeSubscription(bytesOf(body)),
  historyQuery: (body) => decodeHistoryQuery(bytesOf(body)),
  recall: (body) => decodeRecall(bytesOf(body)),
  ack: (body) => decodeAck(bytesOf(body)),
  answer: (type, code, msg, id, extra) => withId(encodeReply({ type, data: encodeErr(code, msg, extra) }), id),
  history: (page, id) => withId(encodeReply({ type: PackageType.HISTORY, data: encodeHistoryPage(page) }), id),
  pong: (id) => withId(PONG, id),
  count: (n, id) => withId(encodeReply({ type: PackageType.MEMBERS, data: utf8Encode(String(n)) }), id),
  presence: (uids, total, id) =>
    withId(encodeReply({ type: PackageType.PRESENCE, data: protocol.Presence.encode({ uids: [...uids], total }).finish() }), id),
  delivery: deliveryFrame,
};
