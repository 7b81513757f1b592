// One process of the recovery bench (test/bench/recovery.ts): holds a slice of the clients, each signed in to its room
// on the first conn node and keeping its position (epoch, offset) from the deliveries; when the connection drops it
// reconnects to the second node after 250-500 ms (the SDK's first back-off) and asks to recover from that position.
import WebSocket from "ws";
import {
  PackageType,
  decodeDelivery,
  decodeErr,
  decodeReply,
  encodeReq,
  encodeSignIn,
  unpackMessages,
  type Position,
} from "@roomcast/pkg/protocol";

export interface RecoveryJoin {
  type: "join";
  urls: [string, string];
  /** One per client, from client `from` on: each client signs in as a uid of its own. */
  tokens: string[];
  rooms: string[];
  from: number;
  to: number;
}
export type RecoveryCommand = RecoveryJoin | { type: "report" } | { type: "check"; final: Record<string, number> } | { type: "exit" };

export interface RecoveryReport {
  type: "report";
  joined: number;
  lost: number;
  /** Signed in again on the second node, with the recovery's outcome. */
  answered: number;
  recovered: number;
  reasons: Record<string, number>;
  /** ms since the epoch of the last recovery answer, and of the last loss. */
  lastAnsweredAt: number;
  lastLostAt: number;
  missedDelivered: number;
  retries: number;
  dups: number;
}

export interface CheckReport {
  type: "check";
  /** Clients that received every message of their room from their first sign-in on. */
  complete: number;
  /** Messages not received, over all clients; and those of clients whose recovery said "unavailable". */
  missing: number;
  missingUnavailable: number;
}

const HEARTBEAT = encodeReq({ type: PackageType.HEARTBEAT, data: new Uint8Array(0) });

class Client {
  epoch = "";
  /** The room's offset when the client first signed in: it must get every message after it. */
  start = -1;
  /** The highest offset received (the position it recovers from, as a raw client would keep it). */
  offset = 0;
  /** Every offset received, and how many came a second time (an SDK drops those by offset). */
  readonly seen = new Set<number>();
  dups = 0;
  lostAt = 0;
  answeredAt = 0;
  /** Sign-ins answered 500 (logic busy or away) and tried again, as the SDK does. */
  retries = 0;
  recovery?: { recovered: boolean; reason: string; count: number };
  private signedIn = false;
  private ws?: WebSocket;

  constructor(
    readonly room: string,
    private readonly token: string,
    private readonly urls: [string, string],
    private readonly onJoined: () => void,
  ) {}

  open(url: string, recover: Position): void {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 60_000 });
    this.ws = ws;
    ws.binaryType = "nodebuffer";
    ws.on("open", () =>
      ws.send(encodeReq({ type: PackageType.SIGN_IN, data: encodeSignIn({ token: this.token, roomID: this.room, recover }) })),
    );
    ws.on("message", (data: Buffer) => this.onFrame(data));
    // Heartbeats as the SDK sends them: conn closes a connection silent for 60 s.
    const beat = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(HEARTBEAT), 20_000);
    ws.on("close", () => clearInterval(beat));
    ws.on("error", () => undefined);
    ws.on("close", () => {
      if (this.ws !== ws || this.lostAt !== 0 || !this.signedIn) return;
      this.lostAt = Date.now();
      // The SDK's first reconnect: 500 ms, its top half random.
      setTimeout(() => this.open(this.urls[1], { epoch: this.epoch, offset: this.offset }), 250 + Math.random() * 250);
    });
  }

  private onFrame(data: Buffer): void {
    const reply = decodeReply(data);
    if (reply.type === PackageType.MESSAGE) {
      const d = decodeDelivery(reply.data);
      if (!d.epoch) return;
      const n = unpackMessages(d.data).length;
      for (let i = 0; i < n; i++) this.take(d.epoch, d.offset + i);
      return;
    }
    if (reply.type !== PackageType.UNKNOWN) return; // pongs and the rest
    const e = decodeErr(reply.data);
    if (e.code === 500) {
      // Logic busy or away: the SDK closes and signs in again after its back-off; so does this client.
      this.retries++;
      const url = this.lostAt ? this.urls[1] : this.urls[0];
      const ws = this.ws!;
      this.ws = undefined;
      ws.terminate();
      setTimeout(() => this.open(url, { epoch: this.epoch, offset: this.offset }), 500 + Math.random() * 500);
      return;
    }
    if (e.code !== 0) throw new Error(`sign-in refused: ${e.code} ${e.msg}`);
    const r = e.recovery;
    if (!this.signedIn) {
      this.signedIn = true;
      if (r?.epoch) [this.epoch, this.offset] = [r.epoch, Math.max(this.offset, r.offset)];
      this.start = r?.offset ?? 0;
      this.onJoined();
      return;
    }
    this.answeredAt = Date.now();
    this.recovery = r ? { recovered: r.recovered, reason: r.reason, count: r.count } : { recovered: false, reason: "no answer", count: 0 };
  }

  /** One delivered message at (epoch, offset). */
  private take(epoch: string, offset: number): void {
    if (epoch !== this.epoch) throw new Error(`epoch changed from ${this.epoch} to ${epoch}: the bench's Redis was not restarted`);
    if (this.seen.has(offset)) this.dups++;
    else this.seen.add(offset);
    this.offset = Math.max(this.offset, offset);
  }

  /** Offsets after the start, up to `final`, never received. */
  missing(final: number): number {
    let n = 0;
    for (let o = this.start + 1; o <= final; o++) if (!this.seen.has(o)) n++;
    return n;
  }
}

const clients: Client[] = [];
let joined = 0;

process.on("message", (cmd: RecoveryCommand) => {
  const send = (r: RecoveryReport | CheckReport | { type: "joined"; joined: number }) => process.send!(r);
  if (cmd.type === "join") {
    for (let i = cmd.from; i < cmd.to; i++) {
      const c = new Client(cmd.rooms[i % cmd.rooms.length]!, cmd.tokens[i - cmd.from]!, cmd.urls, () => {
        if (++joined === cmd.to - cmd.from) send({ type: "joined", joined });
      });
      clients.push(c);
      // Five sign-ins a millisecond from each worker, not all in one burst.
      setTimeout(() => c.open(cmd.urls[0], { epoch: "", offset: 0 }), Math.floor((i - cmd.from) / 5));
    }
  } else if (cmd.type === "report") {
    const reasons: Record<string, number> = {};
    for (const c of clients) if (c.recovery && !c.recovery.recovered) reasons[c.recovery.reason] = (reasons[c.recovery.reason] ?? 0) + 1;
    send({
      type: "report",
      joined,
      lost: clients.filter((c) => c.lostAt > 0).length,
      answered: clients.filter((c) => c.recovery).length,
      recovered: clients.filter((c) => c.recovery?.recovered).length,
      reasons,
      lastAnsweredAt: Math.max(0, ...clients.map((c) => c.answeredAt)),
      lastLostAt: Math.max(0, ...clients.map((c) => c.lostAt)),
      missedDelivered: clients.reduce((n, c) => n + (c.recovery?.count ?? 0), 0),
      retries: clients.reduce((n, c) => n + c.retries, 0),
      dups: clients.reduce((n, c) => n + c.dups, 0),
    });
  } else if (cmd.type === "check") {
    const missing = clients.map((c) => c.missing(cmd.final[c.room]!));
    send({
      type: "check",
      complete: missing.filter((m) => m === 0).length,
      missing: missing.reduce((a, b) => a + b, 0),
      missingUnavailable: clients.reduce((n, c, i) => n + (c.recovery?.reason === "unavailable" ? missing[i]! : 0), 0),
    });
  } else process.exit(0);
});
