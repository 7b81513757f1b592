// conn → logic over gRPC. Logic nodes come from discovery; calls spread over them by the caller's key,
// online reports go to every one of them so each logic knows the whole cluster.
import { logicService, type LogicClient, type ConnectReply, type PublishReply, type OnlineReply } from "@roomcast/api";
import { ErrCode, RoomcastError } from "@roomcast/pkg/protocol";
import { grpc, call, clientOptions } from "@roomcast/pkg/rpc";
import type { Discovery, NodeInfo, Watch } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import type { LogicLink, ConnectArgs, SessionArgs, PublishArgs, OnlineArgs, OnlineResult } from "./logic_link";

interface Peer {
  id: string;
  addr: string;
  client: LogicClient;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class GrpcLogicLink implements LogicLink {
  private peers: Peer[] = [];
  private watch?: Watch;
  private readonly Client = logicService();

  private constructor(
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** Resolves once the first list of logic nodes was read. */
  static async start(discovery: Discovery, timeoutMs: number, log: Logger): Promise<GrpcLogicLink> {
    const link = new GrpcLogicLink(timeoutMs, log);
    link.watch = await discovery.watch("logic", (nodes) => link.setNodes(nodes));
    return link;
  }

  private setNodes(nodes: NodeInfo[]): void {
    const next: Peer[] = [];
    for (const n of nodes) {
      const addr = n.addrs.grpc;
      if (!addr) continue;
      const old = this.peers.find((p) => p.id === n.id && p.addr === addr);
      next.push(old ?? { id: n.id, addr, client: new this.Client(addr, grpc.credentials.createInsecure(), clientOptions) });
    }
    for (const p of this.peers) if (!next.includes(p)) p.client.close();
    const before = this.peers.map((p) => p.id).join(",");
    this.peers = next.sort((a, b) => a.id.localeCompare(b.id));
    const after = this.peers.map((p) => p.id).join(",");
    if (before !== after) this.log.info({ logic: after }, "logic nodes changed");
  }

  /** Calls one logic node chosen by key, and the next one if that node is unreachable. */
  private async one<Res>(key: string, fn: (c: LogicClient) => Promise<Res>): Promise<Res> {
    const peers = this.peers;
    if (peers.length === 0) throw new RoomcastError(ErrCode.INTERNAL, "no logic node available");
    const first = hash(key) % peers.length;
    let lastErr: unknown;
    for (let i = 0; i < Math.min(2, peers.length); i++) {
      const p = peers[(first + i) % peers.length]!;
      try {
        return await fn(p.client);
      } catch (err) {
        lastErr = err;
        const code = (err as grpc.ServiceError).code;
        if (code !== grpc.status.UNAVAILABLE && code !== grpc.status.DEADLINE_EXCEEDED) break;
        this.log.warn({ err, logic: p.id }, "logic call failed, trying the next node");
      }
    }
    throw new RoomcastError(ErrCode.INTERNAL, "logic unavailable", { cause: lastErr });
  }

  connect(a: ConnectArgs) {
    return this.one(a.key, (c) => call<Required<ConnectReply>>(this.timeoutMs, (o, cb) => c.Connect(a, o, cb)));
  }

  async disconnect(a: SessionArgs) {
    await this.one(a.key, (c) => call(this.timeoutMs, (o, cb) => c.Disconnect(a, o, cb)));
  }

  async heartbeat(a: SessionArgs) {
    await this.one(a.key, (c) => call(this.timeoutMs, (o, cb) => c.Heartbeat(a, o, cb)));
  }

  publish(a: PublishArgs) {
    // Keyed by sender so one client's messages keep their order through one logic node.
    const req = { ...a, data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength) };
    return this.one(`${a.server}/${a.uid}`, (c) => call<Required<PublishReply>>(this.timeoutMs, (o, cb) => c.Publish(req, o, cb)));
  }

  async reportOnline(a: OnlineArgs): Promise<OnlineResult> {
    const peers = this.peers;
    if (peers.length === 0) throw new RoomcastError(ErrCode.INTERNAL, "no logic node available");
    const results = await Promise.allSettled(peers.map((p) => call<OnlineReply>(this.timeoutMs, (o, cb) => p.client.ReportOnline(a, o, cb))));
    let answer: OnlineResult | undefined;
    results.forEach((r, i) => {
      if (r.status === "fulfilled") {
        if (!answer) answer = { rooms: Object.fromEntries(Object.entries(r.value.rooms ?? {}).map(([k, v]) => [k, Number(v)])) };
      } else this.log.warn({ err: r.reason, logic: peers[i]!.id }, "ReportOnline failed");
    });
    if (!answer) throw new RoomcastError(ErrCode.INTERNAL, "no logic node took the online report");
    return answer;
  }

  async close() {
    await this.watch?.close();
    for (const p of this.peers) p.client.close();
    this.peers = [];
  }
}
