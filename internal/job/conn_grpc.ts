// job → conn over gRPC: one client per conn node, the set kept current from discovery.
import { connService, type ConnClient, type PushRoomsReply } from "@roomcast/api";
import { grpc, call, clientOptions, PeerSet } from "@roomcast/pkg/rpc";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import type { ConnLink, RoomBatch } from "./conn_link";

export class GrpcConnLink implements ConnLink {
  private constructor(
    private readonly peers: PeerSet<ConnClient>,
    private readonly timeoutMs: number,
  ) {}

  static async start(discovery: Discovery, timeoutMs: number, log: Logger): Promise<GrpcConnLink> {
    const Client = connService();
    const peers = await PeerSet.start(discovery, "conn", (addr) => new Client(addr, grpc.credentials.createInsecure(), clientOptions), log);
    return new GrpcConnLink(peers, timeoutMs);
  }

  nodeIds(): string[] {
    return this.peers.ids();
  }

  async pushRooms(nodeId: string, batches: readonly RoomBatch[]): Promise<void> {
    const p = this.peers.get(nodeId);
    if (!p) throw new Error(`conn node ${nodeId} is not registered`);
    const rooms = batches.map((b) => ({ ...b, batch: Buffer.from(b.batch.buffer, b.batch.byteOffset, b.batch.byteLength) }));
    await call<PushRoomsReply>(this.timeoutMs, (o, cb) => p.client.PushRooms({ rooms }, o, cb));
  }

  close(): Promise<void> {
    return this.peers.close();
  }
}
