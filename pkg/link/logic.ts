// The link from conn to logic: what a conn node asks of the logic tier. logic implements LogicHandler; conn calls
// a LogicLink, which is gRPC in a cluster and a direct call in standalone. Failures are RoomcastErrors on both.
import type { MsgLevel, SignIn } from "../protocol/codec";

export type { SignIn };

/**
 * Which rooms a connection's token may join (protocol 2: conn checks SUBSCRIBE itself, without asking logic again):
 * the token's rooms claim when it has one, any room when `openRooms`, none otherwise; user:<uid> only its own uid's.
 */
export interface RoomAccess {
  rooms?: readonly string[];
  openRooms: boolean;
}

export interface SignedIn {
  uid: string;
  /** The token's expiry, unix seconds: conn tells the connection and closes it after a grace unless it refreshes. */
  exp: number;
  access: RoomAccess;
}

/** A fresh token for a signed-in connection: it must carry the connection's uid and allow its sign-in room (if any). */
export interface Refresh {
  uid: string;
  roomID: string;
  token: string;
}

export interface Refreshed {
  /** The fresh token's expiry, unix seconds. */
  exp: number;
  /** The fresh token's rooms: conn checks the connection's other rooms against them. */
  access: RoomAccess;
}

/** One message a client sent into a room (conn already checked that the sender may send it). */
export interface ClientMessage {
  uid: string;
  roomID: string;
  msgLv: MsgLevel;
  data: Uint8Array;
  /** protocol 2: the message's type, set by its sender (absent or "" = none). */
  type?: string;
}

/**
 * A conn node's per-room member counts: a whole snapshot (full) or the rooms that changed. Rooms are Maps, never
 * plain objects: a room may be called `__proto__` or `constructor`.
 */
export interface OnlineReport {
  connNode: string;
  rooms: ReadonlyMap<string, number>;
  full: boolean;
}

/** Members across the cluster of the rooms a report named. */
export interface OnlineTotals {
  /** Cluster totals of the reported rooms with members elsewhere too; a room missing has all its members on the reporter. */
  rooms: ReadonlyMap<string, number>;
}

/** A client's RECALL (protocol 2): message `id` of `roomID`, which `uid` must have sent. */
export interface ClientRecall {
  uid: string;
  roomID: string;
  id: string;
}

/** The logic tier's side of the link. Each call throws a RoomcastError for a refusal (bad token, too large, queue down). */
export interface LogicHandler {
  connect(a: SignIn): SignedIn | Promise<SignedIn>;
  /** Verifies a signed-in connection's fresh token as connect does, and that it carries the same uid. */
  refresh(r: Refresh): Refreshed | Promise<Refreshed>;
  /** Resolves with the message's id once it is queued. */
  submit(m: ClientMessage): Promise<string>;
  /** Takes the message out of history and tells the room (111 not held, 112 another uid's). */
  recallOwn(r: ClientRecall): Promise<void>;
  reportOnline(r: OnlineReport): OnlineTotals | Promise<OnlineTotals>;
}

/** The conn tier's side: the same calls, always async, rejecting with a RoomcastError (temporary when logic was unreachable). */
export interface LogicLink {
  connect(a: SignIn): Promise<SignedIn>;
  refresh(r: Refresh): Promise<Refreshed>;
  /** Resolves with the message's id. */
  submit(m: ClientMessage): Promise<string>;
  recallOwn(r: ClientRecall): Promise<void>;
  /** Reports to every logic node; resolves with the cluster totals one of them answered. */
  reportOnline(r: OnlineReport): Promise<OnlineTotals>;
  close(): Promise<void>;
}
