// The gRPC clients of one service's nodes, kept in step with discovery: new nodes get a client,
// departed nodes have theirs closed.
import type { Discovery, NodeInfo, Service, Watch } from "../discovery/discovery";
import type { Logger } from "../log/log";
import * as grpc from "@grpc/grpc-js";
import { StreamingPeer, type StreamAck } from "./acked_stream";
import { channelCredentials, clientOptions, type RpcTls } from "./rpc";

interface Closable {
  close(): void;
}

export interface Peer<C> {
  id: string;
  addr: string;
  client: C;
}

export class PeerSet<C extends Closable> {
  private peers = new Map<string, Peer<C>>();
  private sorted: Peer<C>[] = [];
  private watch?: Watch;

  private constructor(
    private readonly service: Service,
    private readonly connect: (addr: string) => C,
    private readonly log: Logger,
  ) {}

  /** Resolves once the first node list was read. */
  static async start<C extends Closable>(
    discovery: Discovery,
    service: Service,
    connect: (addr: string) => C,
    log: Logger,
  ): Promise<PeerSet<C>> {
    const set = new PeerSet(service, connect, log);
    set.watch = await discovery.watch(service, (nodes) => set.update(nodes));
    return set;
  }

  private update(nodes: NodeInfo[]): void {
    const next = new Map<string, Peer<C>>();
    for (const n of nodes) {
      const addr = n.addrs.grpc;
      if (!addr) continue;
      const old = this.peers.get(n.id);
      next.set(n.id, old && old.addr === addr ? old : { id: n.id, addr, client: this.connect(addr) });
    }
    for (const [id, p] of this.peers) if (next.get(id) !== p) p.client.close();
    const before = this.sorted.map((p) => p.id).join(",");
    this.peers = next;
    this.sorted = [...next.values()].sort((a, b) => a.id.localeCompare(b.id));
    const after = this.sorted.map((p) => p.id).join(",");
    if (before !== after) this.log.info({ [this.service]: after }, `${this.service} nodes changed`);
  }

  get(id: string): Peer<C> | undefined {
    return this.peers.get(id);
  }

  /** The peers ordered by node id (stable for key hashing). */
  list(): readonly Peer<C>[] {
    return this.sorted;
  }

  ids(): string[] {
    return this.sorted.map((p) => p.id);
  }

  async close(): Promise<void> {
    await this.watch?.close();
    for (const p of this.peers.values()) p.client.close();
    this.peers.clear();
    this.sorted = [];
  }
}

/**
 * The nodes of one service as streaming peers: a gRPC client each, with one AckedStream opened by `open` on first
 * use. Resolves once the first node list was read. With `tls`, every client checks the node's certificate and presents its own.
 */
export function streamingPeers<C extends grpc.Client, Req extends { id: number }, Ack extends StreamAck>(
  discovery: Discovery,
  service: Service,
  Client: new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ClientOptions) => C,
  open: (client: C) => grpc.ClientDuplexStream<Req, Ack>,
  method: string,
  timeoutMs: number,
  log: Logger,
  tls?: RpcTls,
): Promise<PeerSet<StreamingPeer<C, Req, Ack>>> {
  const credentials = channelCredentials(tls);
  return PeerSet.start(
    discovery,
    service,
    (addr) => new StreamingPeer(new Client(addr, credentials, clientOptions), open, timeoutMs, `${method}(${addr})`),
    log,
  );
}
