// conn → conn over gRPC for PRESENCE: a client of every other conn node, kept in step with discovery.
import { connService, type ConnClient, type PresenceReply__Output } from "@roomcast/api";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import { PeerSet, call, channelCredentials, clientOptions, type RpcTls } from "@roomcast/pkg/rpc";
import type { PresencePeers, RoomPresence } from "./presence";

export class GrpcPresencePeers implements PresencePeers {
  private constructor(
    private readonly self: string,
    private readonly peers: PeerSet<ConnClient>,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  static async start(self: string, discovery: Discovery, timeoutMs: number, log: Logger, tls?: RpcTls): Promise<GrpcPresencePeers> {
    const Conn = connService();
    const credentials = channelCredentials(tls);
    const peers = await PeerSet.start(discovery, "conn", (addr) => new Conn(addr, credentials, clientOptions), log);
    return new GrpcPresencePeers(self, peers, timeoutMs, log);
  }

  async ask(room: string, limit: number): Promise<RoomPresence[]> {
    const others = this.peers.list().filter((p) => p.id !== this.self);
    const answers = await Promise.allSettled(
      others.map((p) => call<PresenceReply__Output>(this.timeoutMs, (o, cb) => p.client.Presence({ roomID: room, limit }, o, cb))),
    );
    const out: RoomPresence[] = [];
    answers.forEach((a, i) => {
      if (a.status === "fulfilled") out.push({ uids: a.value.uids ?? [], total: a.value.total ?? 0 });
      else this.log.warn({ err: a.reason, conn: others[i]!.id, roomID: room }, "conn.Presence failed; answered without that node");
    });
    return out;
  }

  close(): Promise<void> {
    return this.peers.close();
  }
}
