// job's link to the conn nodes: gRPC in a cluster (conn_grpc.ts), a direct call in standalone (conn_direct.ts).
import type { MsgLevel } from "@roomcast/pkg/protocol";

export interface ConnLink {
  /** conn nodes alive now (registered in discovery). */
  nodeIds(): string[];
  /** Delivers one packed batch to the room's members on one conn node; rejects if the node did not take it. */
  pushRoom(nodeId: string, roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number): Promise<void>;
  close(): Promise<void>;
}
