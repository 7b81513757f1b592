// Standalone: job hands batches to the conn node in the same process.
import type { MsgLevel } from "@roomcast/pkg/protocol";
import type { PushTarget } from "../conn/push_grpc";
import type { ConnLink } from "./conn_link";

export class DirectConnLink implements ConnLink {
  constructor(
    private readonly nodeId: string,
    private readonly conn: PushTarget,
  ) {}
  nodeIds() {
    return [this.nodeId];
  }
  async pushRoom(nodeId: string, roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number) {
    if (nodeId !== this.nodeId) throw new Error(`unknown conn node ${nodeId}`);
    this.conn.pushRoom(roomID, msgLv, batch, count);
  }
  async close() {}
}
