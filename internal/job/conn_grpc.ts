// job → conn over gRPC: one client per conn node, the set kept current from discovery, and on each client one
// long-lived PushStream that carries every push to that node.
import { connService, type ConnClient, type PushAck__Output, type PushReq } from "@roomcast/api";
import type { ConnLink, RoomBatch } from "@roomcast/pkg/link";
import { ErrCode, RoomcastError } from "@roomcast/pkg/protocol";
import { streamingPeers, unreachable, type PeerSet, type RpcTls, type StreamingPeer } from "@roomcast/pkg/rpc";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";

const noIds: readonly string[] = [];

/** One conn node as job sees it: its gRPC client and the push stream on it. */
type ConnPeer = StreamingPeer<ConnClient, PushReq, PushAck__Output>;

export class GrpcConnLink implements ConnLink {
  private constructor(private readonly peers: PeerSet<ConnPeer>) {}

  /** With `tls`, each conn node's certificate is checked and job presents its own (conn nodes with TLS refuse any other). */
  static async start(discovery: Discovery, timeoutMs: number, log: Logger, tls?: RpcTls): Promise<GrpcConnLink> {
    return new GrpcConnLink(
      await streamingPeers(discovery, "conn", connService(), (c) => c.PushStream(), "PushStream", timeoutMs, log, tls),
    );
  }

  nodeIds(): string[] {
    return this.peers.ids();
  }

  async push(connNode: string, batches: readonly RoomBatch[]): Promise<void> {
    const p = this.peers.get(connNode);
    if (!p) throw new RoomcastError(ErrCode.INTERNAL, `conn node ${connNode} is not registered`, { temporary: true });
    const rooms = batches.map((b) => ({
      ...b,
      packed: Buffer.from(b.packed.buffer, b.packed.byteOffset, b.packed.byteLength),
      ids: (b.ids ?? noIds) as string[],
      types: (b.types ?? noIds) as string[],
      epoch: b.epoch ?? "",
      first: String(b.first ?? 0),
    }));
    try {
      await p.client.stream.send({ rooms });
    } catch (err) {
      throw unreachable(`conn node ${connNode}`, err);
    }
  }

  close(): Promise<void> {
    return this.peers.close();
  }
}
