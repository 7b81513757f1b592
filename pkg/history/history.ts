// Room history (protocol 2, seed 000): each room keeps its recent messages under an epoch and consecutive offsets,
// so a client that reconnects asks for what came after its last offset. Two implementations behind one interface:
// memory (standalone, unit tests) and Redis (a cluster); test/contract/history.ts is the contract both pass.

/** A message as it goes into history; the store gives it its offset. */
export interface NewMessage {
  /** Unique: recall names a message by it. */
  id: string;
  data: Uint8Array;
  /** protocol 2's message type ("" = none). */
  type: string;
  /** MsgLevel: 0 NORMAL, 1 IMPORTANT. */
  level: number;
  /** The sender's uid ("" for a business service): only the sender (or a service) may recall it. */
  uid: string;
}

export interface StoredMessage extends NewMessage {
  /** 1, 2, 3 … within the room's epoch, in the order the messages were appended. */
  offset: number;
  /** When it was appended, ms since the epoch (1970). */
  ts: number;
}

/** Where a room's history stands: its epoch, and the offset of its newest message (0: none yet). */
export interface Position {
  epoch: string;
  offset: number;
}

/** One room's messages to append, in order. */
export interface RoomAppend {
  room: string;
  messages: readonly NewMessage[];
}

/** Where an append put a room's messages: offsets first, first + 1, … in the room's epoch. */
export interface Appended {
  room: string;
  epoch: string;
  first: number;
}

/**
 * What came after a position: the messages (at most the limit, `more` when there are others after them), or why
 * that cannot be told: the epoch is another (the history was lost or expired and began again), the messages right
 * after the offset were trimmed (by count or age), or the offset is ahead of the room's newest message.
 */
export type Since =
  | { ok: true; epoch: string; messages: StoredMessage[]; more: boolean; offset: number }
  | { ok: false; reason: "epoch" | "trimmed" | "future"; epoch: string; offset: number };

/** How much history a room keeps; maxMessages 0 keeps none. */
export interface Retention {
  maxMessages: number;
  maxAgeSec: number;
}

export interface History {
  /** Whether the room's retention keeps anything (the broadcast room and conn:<id> rooms are for callers to leave out). */
  keeps(room: string): boolean;
  /**
   * Appends each room's messages, in order, with consecutive offsets after the room's newest (several rooms in one
   * round trip; a room may come more than once, answers go by position). Rooms whose retention keeps nothing are
   * answered with an empty epoch and store nothing. An append of one IMPORTANT message (level 1) whose id the room
   * holds already stores nothing and answers that message's offset: a queue may hand a message over twice.
   */
  append(rooms: readonly RoomAppend[]): Promise<Appended[]>;
  /** The messages after `offset` in `epoch`, oldest first, at most `limit` of them. */
  since(room: string, epoch: string, offset: number, limit: number): Promise<Since>;
  /**
   * Where the room stands: its epoch and newest offset. A room that keeps history but has none yet gets its epoch
   * now, so a member who joins before the first message can recover from offset 0 of it later.
   */
  position(room: string): Promise<Position>;
  /** The room's newest `limit` messages, oldest first, and its position. */
  latest(room: string, limit: number): Promise<{ epoch: string; offset: number; messages: StoredMessage[] }>;
  /**
   * Takes a message out of the room's history (recall) and answers it. With `sender`, only a message that uid sent
   * is taken out. "missing": the room holds no such message (never, or trimmed); "not-yours": another uid sent it.
   */
  remove(room: string, id: string, sender?: string): Promise<StoredMessage | "missing" | "not-yours">;
  /**
   * Acknowledgements (protocol 2, rooms configured as acked): `uid` has IMPORTANT messages `ids` of the room. Kept as
   * long as the room's history.
   */
  ack(room: string, uid: string, ids: readonly string[]): Promise<void>;
  /** The room's IMPORTANT messages `uid` has not acknowledged, oldest first, at most `limit`: its inbox. */
  unacked(room: string, uid: string, limit: number): Promise<StoredMessage[]>;
  close(): Promise<void>;
}

/** The store cannot be reached (Redis down): history, recovery and recall answer "unavailable" meanwhile. */
export class HistoryUnavailable extends Error {
  override readonly name = "HistoryUnavailable";
}
