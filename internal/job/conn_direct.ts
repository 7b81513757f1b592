// Standalone: job hands batches to the conn node in the same process.
import type { PushTarget } from "../conn/push_grpc";
import type { ConnLink, RoomBatch } from "./conn_link";

export class DirectConnLink implements ConnLink {
  constructor(
    private readonly nodeId: string,
    private readonly conn: PushTarget,
  ) {}
  nodeIds() {
    return [this.nodeId];
  }
  async pushRooms(nodeId: string, batches: readonly RoomBatch[]) {
    if (nodeId !== this.nodeId) throw new Error(`unknown conn node ${nodeId}`);
    for (const b of batches) this.conn.pushRoom(b.roomID, b.msgLv, b.batch, b.count);
  }
  async close() {}
}
