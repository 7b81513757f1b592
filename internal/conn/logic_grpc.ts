// conn → logic over gRPC. Logic nodes come from discovery; calls spread over them by the caller's key,
// online reports go to every one of them so each logic knows the whole cluster.
import {
  logicService,
  type LogicClient,
  type ConnectReply__Output,
  type ConnectAcks__Output,
  type RefreshReply__Output,
  type SubmitReq,
  type SubmitAck__Output,
} from "@roomcast/api";
import { TurnBatcher } from "@roomcast/pkg/batch";
import { fnv1a } from "@roomcast/pkg/hash";
import { ErrCode, RoomcastError } from "@roomcast/pkg/protocol";
import type {
  ClientMessage,
  ClientRecall,
  LogicLink,
  OnlineReport,
  OnlineTotals,
  Refresh,
  Refreshed,
  RoomAccess,
  SignIn,
  SignedIn,
} from "@roomcast/pkg/link";
import {
  grpc,
  call,
  streamingPeers,
  batchRequestLimits,
  fromWire,
  statusOf,
  unreachable,
  type PeerSet,
  type RpcTls,
  type StreamingPeer,
} from "@roomcast/pkg/rpc";
import type { Discovery } from "@roomcast/pkg/discovery";
import type { Logger } from "@roomcast/pkg/log";

/** Sign-ins a conn node has waiting on logic at once (see connect). */
const MAX_SIGN_INS_IN_FLIGHT = 500;

/** One logic node as conn sees it: its gRPC client and the submit stream on it. */
type LogicPeer = StreamingPeer<LogicClient, SubmitReq, SubmitAck__Output>;

type WireMessage = Omit<ClientMessage, "data" | "type"> & { data: Buffer; type: string };

export class GrpcLogicLink implements LogicLink {
  private constructor(
    private readonly peers: PeerSet<LogicPeer>,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** Resolves once the first list of logic nodes was read. With `tls`, logic's certificates are checked and conn presents its own. */
  static async start(discovery: Discovery, timeoutMs: number, log: Logger, tls?: RpcTls): Promise<GrpcLogicLink> {
    const peers = await streamingPeers(discovery, "logic", logicService(), (c) => c.SubmitStream(), "SubmitStream", timeoutMs, log, tls);
    return new GrpcLogicLink(peers, timeoutMs, log);
  }

  /**
   * Calls one logic node, starting at node `start` modulo the nodes alive now, and the next one if that node is
   * unreachable (or, for idempotent calls, too slow; a submit that timed out may have gone through, and NORMAL
   * messages are at most once). A transport failure becomes a temporary RoomcastError.
   */
  private async one<Res>(start: number, fn: (c: LogicPeer) => Promise<Res>, idempotent: boolean): Promise<Res> {
    const peers = this.peers.list();
    if (peers.length === 0) throw unreachable("logic", new Error("no logic node registered"));
    const first = start % peers.length;
    let lastErr: unknown;
    for (let i = 0; i < Math.min(2, peers.length); i++) {
      const p = peers[(first + i) % peers.length]!;
      try {
        return await fn(p.client);
      } catch (err) {
        lastErr = err;
        const code = statusOf(err);
        if (code !== grpc.status.UNAVAILABLE && !(idempotent && code === grpc.status.DEADLINE_EXCEEDED)) break;
        this.log.warn({ err, logic: p.id }, "logic call failed, trying the next node");
      }
    }
    throw unreachable("logic", lastErr);
  }

  /**
   * Sign-ins go out in batches of one event-loop turn, one request per logic node on its ConnectStream (a storm of
   * reconnecting clients costs a few stream messages, not a unary call each). The node is chosen by token.
   */
  async connect(a: SignIn): Promise<SignedIn> {
    // At most MAX_SIGN_INS_IN_FLIGHT wait on logic; the rest queue here, before their deadline starts: in a reconnect
    // storm this node, not logic, is the bottleneck, and acks it had no time to read failed sign-ins that the clients
    // then sent again.
    if (this.signInsInFlight < MAX_SIGN_INS_IN_FLIGHT) this.signInsInFlight++;
    else await new Promise<void>((resolve) => this.signInsWaiting.push(resolve));
    try {
      const reply = await this.signIns.add(this.nodeOf(a.token), { token: a.token, roomID: a.roomID });
      const refused = fromWire(reply);
      if (refused) throw refused;
      return { uid: reply.uid, exp: Number(reply.exp), access: accessOf(reply) };
    } finally {
      // The slot goes to the next waiting sign-in, or back.
      const next = this.signInsWaiting.shift();
      if (next) next();
      else this.signInsInFlight--;
    }
  }

  private signInsInFlight = 0;
  private readonly signInsWaiting: Array<() => void> = [];

  private readonly signIns = new TurnBatcher<number, SignIn, ConnectReply__Output>(
    // Idempotent: a batch whose node is away or too slow goes to the next one.
    async (start, items) =>
      (
        await this.one(
          start,
          (c) =>
            c.streamOf<{ id: number; items: SignIn[] }, ConnectAcks__Output>("ConnectStream", (rpc) => rpc.ConnectStream()).send({ items }),
          true,
        )
      ).results,
    batchRequestLimits((a: SignIn) => a.token.length + a.roomID.length + 8),
  );

  /** A key's place among the logic nodes alive now: calls with one key go to one node, and batch together with its other calls. */
  private nodeOf(key: string): number {
    return fnv1a(key) % Math.max(1, this.peers.list().length);
  }

  async refresh(r: Refresh): Promise<Refreshed> {
    const reply = await this.one(
      fnv1a(r.token),
      (c) => call<RefreshReply__Output>(this.timeoutMs, (o, cb) => c.rpc.Refresh(r, o, cb)),
      true,
    );
    const refused = fromWire(reply);
    if (refused) throw refused;
    return { exp: Number(reply.exp), access: accessOf(reply) };
  }

  /**
   * Messages go out in batches of 2 ms, one request per logic node on its submit stream. The node is chosen by
   * sender, so one client's messages keep their order through one logic node.
   */
  async submit(m: ClientMessage): Promise<string> {
    const result = await this.submits.add(this.nodeOf(m.uid), {
      ...m,
      data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength),
      type: m.type ?? "",
    });
    const refused = fromWire(result);
    if (refused) throw refused;
    return result.id ?? "";
  }

  /** Not idempotent (a second try would announce the recall twice): one logic node, by the sender. */
  async recallOwn(r: ClientRecall): Promise<void> {
    const reply = await this.one(
      fnv1a(r.uid),
      (c) => call<{ code: number; msg: string }>(this.timeoutMs, (o, cb) => c.rpc.Recall(r, o, cb)),
      false,
    );
    const refused = fromWire(reply);
    if (refused) throw refused;
  }

  private readonly submits = new TurnBatcher<number, WireMessage, { code: number; msg: string; id?: string }>(
    async (start, items) => (await this.one(start, (c) => c.stream.send({ items }), false)).results,
    // 5 ms of messages per request: a busy node sends a few per window instead of one per message (each stream
    // message costs both ends a system call and a wake-up), and a NORMAL message waits for job's batch window (20 ms)
    // anyway. A request stays under the gRPC message cap.
    { delayMs: 5, ...batchRequestLimits((m: WireMessage) => m.data.byteLength + m.roomID.length + m.uid.length + 16) },
  );

  async reportOnline(r: OnlineReport): Promise<OnlineTotals> {
    const peers = this.peers.list();
    if (peers.length === 0) throw unreachable("logic", new Error("no logic node registered"));
    const results = await Promise.allSettled(
      // Object.fromEntries defines own keys, so a room named `__proto__` travels like any other.
      peers.map((p) =>
        call<{ rooms?: Record<string, string | number> }>(this.timeoutMs, (o, cb) =>
          p.client.rpc.ReportOnline({ connNode: r.connNode, rooms: Object.fromEntries(r.rooms), full: r.full }, o, cb),
        ),
      ),
    );
    let answer: OnlineTotals | undefined;
    results.forEach((res, i) => {
      if (res.status === "fulfilled") {
        answer ??= { rooms: new Map(Object.entries(res.value.rooms ?? {}).map(([k, v]) => [k, Number(v)])) };
      } else this.log.warn({ err: res.reason, logic: peers[i]!.id }, "ReportOnline failed");
    });
    if (!answer) throw new RoomcastError(ErrCode.INTERNAL, "no logic node took the online report");
    return answer;
  }

  close() {
    return this.peers.close();
  }
}

/** The rooms a token may join, as logic answered them. */
function accessOf(r: { rooms: string[]; hasRooms: boolean; openRooms: boolean }): RoomAccess {
  return r.hasRooms ? { rooms: r.rooms, openRooms: r.openRooms } : { openRooms: r.openRooms };
}
