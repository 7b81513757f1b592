// job's link to the conn nodes: gRPC in a cluster (conn_grpc.ts), a direct call in standalone (conn_direct.ts).
import type { MsgLevel } from "@roomcast/pkg/protocol";

/** One packed batch of one room. */
export interface RoomBatch {
  roomID: string;
  msgLv: MsgLevel;
  batch: Uint8Array;
  /** Messages in the batch. */
  count: number;
}

export interface ConnLink {
  /** conn nodes alive now (registered in discovery). */
  nodeIds(): string[];
  /** Delivers the batches of many rooms to one conn node in one call; rejects if the node did not take them. */
  pushRooms(nodeId: string, batches: readonly RoomBatch[]): Promise<void>;
  close(): Promise<void>;
}
