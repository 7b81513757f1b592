// job → conn over gRPC: one client per conn node, the set kept current from discovery.
import { connService, type ConnClient, type PushReply } from "@roomcast/api";
import type { MsgLevel } from "@roomcast/pkg/protocol";
import { grpc, call, clientOptions, PeerSet } from "@roomcast/pkg/rpc";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import type { ConnLink } from "./conn_link";

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

  async pushRoom(nodeId: string, roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number): Promise<void> {
    const p = this.peers.get(nodeId);
    if (!p) throw new Error(`conn node ${nodeId} is not registered`);
    const req = { roomID, msgLv, batch: Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength), count };
    await call<PushReply>(this.timeoutMs, (o, cb) => p.client.PushRoom(req, o, cb));
  }

  close(): Promise<void> {
    return this.peers.close();
  }
}
