// The link from job to conn: job pushes packed room batches to the conn nodes that hold the room. A conn node is a
// Deliverer; job calls a ConnLink, which is gRPC in a cluster and a direct call in standalone.
import type { MsgLevel } from "../protocol/codec";

/** The messages of one room and one level, packed as |uint32 LE length|bytes| each. */
export interface RoomBatch {
  roomID: string;
  msgLv: MsgLevel;
  packed: Uint8Array;
  /** Messages in `packed`. */
  count: number;
  /**
   * Each message's id, in order: IMPORTANT messages, and every message of a room that keeps history. A conn node
   * delivers an IMPORTANT batch whose every id it delivered lately only once (a message kept in two queues, or pushed
   * again after a lost acknowledgement). job sends one IMPORTANT per batch.
   */
  ids?: readonly string[];
  /** protocol 2: each message's type, in order; absent or empty when none has one. */
  types?: readonly string[];
  /** protocol 2, a room that keeps history: the messages' epoch ("" or absent: not stored) and the first one's offset. */
  epoch?: string;
  first?: number;
}

/** A conn node's side: hands a batch to the room's members on the node; returns how many it reached. */
export interface Deliverer {
  deliver(b: RoomBatch): number;
}

/** job's side. push() rejects with a RoomcastError (temporary) when the node did not take the batches. */
export interface ConnLink {
  /** The conn nodes alive now (registered in discovery). */
  nodeIds(): string[];
  /** Delivers the batches of many rooms to one conn node in one call. */
  push(connNode: string, batches: readonly RoomBatch[]): Promise<void>;
  close(): Promise<void>;
}
