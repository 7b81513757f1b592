// job → conn over gRPC: one client per conn node, the set kept current from discovery, and on each client one
// long-lived PushStream that carries every push to that node.
import { connService, type ConnClient, type PushAck__Output, type PushRoomsReq } from "@roomcast/api";
import { grpc, clientOptions, PeerSet, StreamingPeer } from "@roomcast/pkg/rpc";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import type { ConnLink, RoomBatch } from "./conn_link";

/** One conn node as job sees it: its gRPC client and the push stream on it. */
type ConnPeer = StreamingPeer<ConnClient, PushRoomsReq, PushAck__Output>;

export class GrpcConnLink implements ConnLink {
  private constructor(private readonly peers: PeerSet<ConnPeer>) {}

  static async start(discovery: Discovery, timeoutMs: number, log: Logger): Promise<GrpcConnLink> {
    const Client = connService();
    const peers = await PeerSet.start(
      discovery,
      "conn",
      (addr): ConnPeer =>
        new StreamingPeer(
          new Client(addr, grpc.credentials.createInsecure(), clientOptions),
          (c) => c.PushStream(),
          timeoutMs,
          `PushStream(${addr})`,
        ),
      log,
    );
    return new GrpcConnLink(peers);
  }

  nodeIds(): string[] {
    return this.peers.ids();
  }

  async pushRooms(nodeId: string, batches: readonly RoomBatch[]): Promise<void> {
    const p = this.peers.get(nodeId);
    if (!p) throw new Error(`conn node ${nodeId} is not registered`);
    const rooms = batches.map((b) => ({ ...b, batch: Buffer.from(b.batch.buffer, b.batch.byteOffset, b.batch.byteLength) }));
    await p.client.stream.send({ rooms });
  }

  close(): Promise<void> {
    return this.peers.close();
  }
}
