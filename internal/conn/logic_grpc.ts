// conn → logic over gRPC. Logic nodes come from discovery; calls spread over them by the caller's key,
// online reports go to every one of them so each logic knows the whole cluster.
import {
  logicService,
  type LogicClient,
  type ConnectReply,
  type PublishBatchReq,
  type PublishBatchReply__Output,
  type OnlineReply,
} from "@roomcast/api";
import { TurnBatcher } from "@roomcast/pkg/batch";
import { ErrCode, RoomcastError } from "@roomcast/pkg/protocol";
import { grpc, call, clientOptions, PeerSet, StreamingPeer, batchRequestLimits } from "@roomcast/pkg/rpc";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";
import type { LogicLink, ConnectArgs, SessionArgs, PublishArgs, PublishResult, OnlineArgs, OnlineResult } from "./logic_link";

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** One logic node as conn sees it: its gRPC client and the publish stream on it. */
type LogicPeer = StreamingPeer<LogicClient, PublishBatchReq, PublishBatchReply__Output>;

export class GrpcLogicLink implements LogicLink {
  private constructor(
    private readonly peers: PeerSet<LogicPeer>,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** Resolves once the first list of logic nodes was read. */
  static async start(discovery: Discovery, timeoutMs: number, log: Logger): Promise<GrpcLogicLink> {
    const Client = logicService();
    const peers = await PeerSet.start(
      discovery,
      "logic",
      (addr): LogicPeer =>
        new StreamingPeer(
          new Client(addr, grpc.credentials.createInsecure(), clientOptions),
          (c) => c.PublishStream(),
          timeoutMs,
          `PublishStream(${addr})`,
        ),
      log,
    );
    return new GrpcLogicLink(peers, timeoutMs, log);
  }

  /**
   * Calls one logic node chosen by key, and the next one if that node is unreachable (or, for idempotent
   * calls, too slow; a publish that timed out may have gone through, and NORMAL messages are at most once).
   */
  private one<Res>(key: string, fn: (c: LogicPeer) => Promise<Res>, idempotent = true): Promise<Res> {
    return this.oneFrom(hash(key), fn, idempotent);
  }

  /** As one(), starting at node `start` modulo the nodes alive now. */
  private async oneFrom<Res>(start: number, fn: (c: LogicPeer) => Promise<Res>, idempotent: boolean): Promise<Res> {
    const peers = this.peers.list();
    if (peers.length === 0) throw new RoomcastError(ErrCode.INTERNAL, "no logic node available");
    const first = start % peers.length;
    let lastErr: unknown;
    for (let i = 0; i < Math.min(2, peers.length); i++) {
      const p = peers[(first + i) % peers.length]!;
      try {
        return await fn(p.client);
      } catch (err) {
        lastErr = err;
        const code = (err as { code?: grpc.status }).code;
        if (code !== grpc.status.UNAVAILABLE && !(idempotent && code === grpc.status.DEADLINE_EXCEEDED)) break;
        this.log.warn({ err, logic: p.id }, "logic call failed, trying the next node");
      }
    }
    throw new RoomcastError(ErrCode.INTERNAL, "logic unavailable", { cause: lastErr });
  }

  connect(a: ConnectArgs) {
    return this.one(a.key, (c) => call<Required<ConnectReply>>(this.timeoutMs, (o, cb) => c.rpc.Connect(a, o, cb)));
  }

  async disconnect(a: SessionArgs) {
    await this.one(a.key, (c) => call(this.timeoutMs, (o, cb) => c.rpc.Disconnect(a, o, cb)));
  }

  async heartbeat(a: SessionArgs) {
    await this.one(a.key, (c) => call(this.timeoutMs, (o, cb) => c.rpc.Heartbeat(a, o, cb)));
  }

  /**
   * Messages go out in batches of 2 ms, one request per logic node on its publish stream. The node is chosen by sender, so one client's
   * messages keep their order through one logic node.
   */
  publish(a: PublishArgs): Promise<PublishResult> {
    return this.publishes.add(hash(`${a.server}/${a.uid}`), {
      ...a,
      data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
    });
  }

  private readonly publishes = new TurnBatcher<number, PublishArgs & { data: Buffer }, PublishResult>(
    async (start, items) => {
      const reply = await this.oneFrom(start, (c) => c.stream.send({ items }), false);
      return reply.results.map((r) => ({ code: r.code, msg: r.msg }));
    },
    // 2 ms of messages per call: a busy node sends a few calls per window instead of one per message, and a
    // NORMAL message waits for its batch window (20 ms) anyway. A call stays under the gRPC message cap.
    { delayMs: 2, ...batchRequestLimits((m: PublishArgs) => m.data.byteLength + m.roomID.length + m.uid.length + m.server.length + 16) },
  );

  async reportOnline(a: OnlineArgs): Promise<OnlineResult> {
    const peers = this.peers.list();
    if (peers.length === 0) throw new RoomcastError(ErrCode.INTERNAL, "no logic node available");
    const results = await Promise.allSettled(
      peers.map((p) => call<OnlineReply>(this.timeoutMs, (o, cb) => p.client.rpc.ReportOnline(a, o, cb))),
    );
    let answer: OnlineResult | undefined;
    results.forEach((r, i) => {
      if (r.status === "fulfilled") {
        if (!answer) answer = { rooms: Object.fromEntries(Object.entries(r.value.rooms ?? {}).map(([k, v]) => [k, Number(v)])) };
      } else this.log.warn({ err: r.reason, logic: peers[i]!.id }, "ReportOnline failed");
    });
    if (!answer) throw new RoomcastError(ErrCode.INTERNAL, "no logic node took the online report");
    return answer;
  }

  close() {
    return this.peers.close();
  }
}
