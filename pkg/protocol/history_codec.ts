// protocol 2's history messages (seed 000): positions, recovery outcomes, HISTORY pages, RECALL and ACK, in protobuf.
// The JSON codec (json.ts) writes the same shapes as protobuf's JSON mapping. Browser-safe: no Node built-ins.
import { protocol } from "@roomcast/api/messages";
import { ErrCode } from "./codes";
import { checkRoomID, longToNumber } from "./codec";
import { RoomcastError } from "./errors";
import type { NotRecovered, Position } from "./recovery";

export type { AnswerExtra, NotRecovered, Position, Recovery } from "./recovery";

/** SUBSCRIBE's data: the room, and where to recover it from. */
export interface Subscription {
  roomID: string;
  recover?: Position;
}

/** HISTORY's data: the room, the position to page from (none: the newest), and at most how many (0: the server's max). */
export interface HistoryQuery {
  roomID: string;
  since?: Position;
  limit: number;
}

export interface PageMessage {
  offset: number;
  id: string;
  type: string;
  /** MsgLevel's value (a plain number: these types reach the SDK's declarations, which must not pull in protobufjs's). */
  msgLv: number;
  data: Uint8Array;
  /** When it was stored, unix ms. */
  ts: number;
  /** The sender's uid; "" for a business service. */
  uid: string;
}

/** HISTORY's answer: messages oldest first, or why there are none (`reason`). */
export interface HistoryPage {
  roomID: string;
  epoch: string;
  /** The room's newest offset. */
  offset: number;
  messages: PageMessage[];
  more: boolean;
  reason: "" | NotRecovered;
}

/** RECALL's data. */
export interface RecallReq {
  roomID: string;
  id: string;
}

/** The type of the event a room gets when a message is recalled; its text is the message's id. */
export const RECALL_EVENT = "$recall";

/** Most ids one ACK may carry. */
export const MAX_ACK_IDS = 1_000;
/** Message ids are at most this long (logic's are far shorter). */
export const MAX_MESSAGE_ID_BYTES = 128;

function malformed(what: string, cause?: unknown): RoomcastError {
  return new RoomcastError(ErrCode.MALFORMED, `malformed frame: ${what}`, { cause });
}

/** A position as a client sent it: an offset past 2^53 is refused (no room gets there). */
export function checkPosition(epoch: string, offset: number): Position {
  if (!Number.isSafeInteger(offset) || offset < 0) throw malformed(`offset must be a whole number from 0, got ${offset}`);
  if (epoch.length > 64) throw malformed("epoch is over 64 characters");
  return { epoch, offset };
}

function positionOf(
  p: { epoch?: string | null; offset?: number | { toNumber(): number } | null } | null | undefined,
): Position | undefined {
  return p ? checkPosition(p.epoch ?? "", longToNumber(p.offset)) : undefined;
}

/** A message id named by RECALL or ACK: 1-128 characters. */
export function checkMessageId(id: string, what: string): string {
  if (typeof id !== "string" || id.length < 1 || id.length > MAX_MESSAGE_ID_BYTES)
    throw malformed(`${what} must be 1-${MAX_MESSAGE_ID_BYTES} characters`);
  return id;
}

export function checkAck(ids: readonly string[]): string[] {
  if (ids.length === 0 || ids.length > MAX_ACK_IDS) throw malformed(`Ack.ids must hold 1-${MAX_ACK_IDS} ids, got ${ids.length}`);
  return ids.map((id) => checkMessageId(id, "an acknowledged id"));
}

export function decodeSubscription(bytes: Uint8Array): Subscription {
  let r;
  try {
    r = protocol.Room.decode(bytes);
  } catch (err) {
    throw malformed("not a Room", err);
  }
  checkRoomID(r.roomID);
  const recover = positionOf(r.recover);
  return recover ? { roomID: r.roomID, recover } : { roomID: r.roomID };
}

export function encodeSubscription(s: Subscription): Uint8Array {
  return protocol.Room.encode(s).finish();
}

/** The sign-in room's recovery position, when the SignIn asks for one. */
export function signInRecovery(bytes: Uint8Array): Position | undefined {
  return positionOf(protocol.SignIn.decode(bytes).recover);
}

export function decodeHistoryQuery(bytes: Uint8Array): HistoryQuery {
  let q;
  try {
    q = protocol.HistoryReq.decode(bytes);
  } catch (err) {
    throw malformed("not a HistoryReq", err);
  }
  checkRoomID(q.roomID);
  const since = positionOf(q.since);
  return { roomID: q.roomID, limit: q.limit ?? 0, ...(since ? { since } : {}) };
}

export function encodeHistoryQuery(q: HistoryQuery): Uint8Array {
  return protocol.HistoryReq.encode(q).finish();
}

export function encodeHistoryPage(p: HistoryPage): Uint8Array {
  return protocol.HistoryReply.encode(p).finish();
}

export function decodeHistoryPage(bytes: Uint8Array): HistoryPage {
  let p;
  try {
    p = protocol.HistoryReply.decode(bytes);
  } catch (err) {
    throw malformed("not a HistoryReply", err);
  }
  return {
    roomID: p.roomID ?? "",
    epoch: p.epoch ?? "",
    offset: longToNumber(p.offset),
    more: !!p.more,
    reason: (p.reason ?? "") as HistoryPage["reason"],
    messages: (p.messages ?? []).map((m) => ({
      offset: longToNumber(m.offset),
      id: m.id ?? "",
      type: m.type ?? "",
      msgLv: m.msgLv ?? 0,
      data: m.data ?? new Uint8Array(0),
      ts: longToNumber(m.ts),
      uid: m.uid ?? "",
    })),
  };
}

export function decodeRecall(bytes: Uint8Array): RecallReq {
  let r;
  try {
    r = protocol.Recall.decode(bytes);
  } catch (err) {
    throw malformed("not a Recall", err);
  }
  checkRoomID(r.roomID);
  return { roomID: r.roomID, id: checkMessageId(r.id, "Recall.id") };
}

export function encodeRecall(r: RecallReq): Uint8Array {
  return protocol.Recall.encode(r).finish();
}

export function decodeAck(bytes: Uint8Array): string[] {
  let a;
  try {
    a = protocol.Ack.decode(bytes);
  } catch (err) {
    throw malformed("not an Ack", err);
  }
  return checkAck(a.ids ?? []);
}

export function encodeAck(ids: readonly string[]): Uint8Array {
  return protocol.Ack.encode({ ids: [...ids] }).finish();
}
