// job → conn over gRPC: one client per conn node, the set kept current from discovery.
import { connService, type ConnClient, type PushReply } from "@roomcast/api";
import type { MsgLevel } from "@roomcast/pkg/protocol";
import { grpc, call, clientOptions } from "@roomcast/pkg/rpc";
import type { Discovery, NodeInfo, Watch } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import type { ConnLink } from "./conn_link";

interface Peer {
  addr: string;
  client: ConnClient;
}

export class GrpcConnLink implements ConnLink {
  private peers = new Map<string, Peer>();
  private watch?: Watch;
  private readonly Client = connService();

  private constructor(
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  static async start(discovery: Discovery, timeoutMs: number, log: Logger): Promise<GrpcConnLink> {
    const link = new GrpcConnLink(timeoutMs, log);
    link.watch = await discovery.watch("conn", (nodes) => link.setNodes(nodes));
    return link;
  }

  private setNodes(nodes: NodeInfo[]): void {
    const next = new Map<string, Peer>();
    for (const n of nodes) {
      const addr = n.addrs.grpc;
      if (!addr) continue;
      const old = this.peers.get(n.id);
      next.set(n.id, old && old.addr === addr ? old : { addr, client: new this.Client(addr, grpc.credentials.createInsecure(), clientOptions) });
    }
    for (const [id, p] of this.peers) if (next.get(id) !== p) p.client.close();
    const before = [...this.peers.keys()].sort().join(",");
    this.peers = next;
    const after = [...next.keys()].sort().join(",");
    if (before !== after) this.log.info({ conn: after }, "conn nodes changed");
  }

  nodeIds(): string[] {
    return [...this.peers.keys()];
  }

  async pushRoom(nodeId: string, roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number): Promise<void> {
    const p = this.peers.get(nodeId);
    if (!p) throw new Error(`conn node ${nodeId} is not registered`);
    const req = { roomID, msgLv, batch: Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength), count };
    await call<PushReply>(this.timeoutMs, (o, cb) => p.client.PushRoom(req, o, cb));
  }

  async close(): Promise<void> {
    await this.watch?.close();
    for (const p of this.peers.values()) p.client.close();
    this.peers.clear();
  }
}
