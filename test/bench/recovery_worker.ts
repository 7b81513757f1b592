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
  token: string;
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
  gaps: number;
  dups: number;
}

export interface CheckReport {
  type: "check";
  /** Clients whose room reached its final offset with no gap and nothing twice. */
  complete: number;
  incomplete: number;
}

class Client {
  epoch = "";
  offset = 0;
  gaps = 0;
  dups = 0;
  lostAt = 0;
  answeredAt = 0;
  recovery?: { recovered: boolean; reason: string; count: number };
  private signedIn = false;

  constructor(
    readonly room: string,
    private readonly token: string,
    private readonly urls: [string, string],
    private readonly onJoined: () => void,
  ) {}

  open(url: string, recover: Position): void {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 60_000 });
    ws.binaryType = "nodebuffer";
    ws.on("open", () =>
      ws.send(encodeReq({ type: PackageType.SIGN_IN, data: encodeSignIn({ token: this.token, roomID: this.room, recover }) })),
    );
    ws.on("message", (data: Buffer) => this.onFrame(data));
    ws.on("error", () => undefined);
    ws.on("close", () => {
      if (this.lostAt !== 0 || !this.signedIn) return;
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
    if (reply.type !== PackageType.UNKNOWN) return;
    const e = decodeErr(reply.data);
    if (e.code !== 0) throw new Error(`sign-in refused: ${e.code} ${e.msg}`);
    const r = e.recovery;
    if (!this.signedIn) {
      this.signedIn = true;
      if (r?.epoch) [this.epoch, this.offset] = [r.epoch, Math.max(this.offset, r.offset)];
      this.onJoined();
      return;
    }
    this.answeredAt = Date.now();
    this.recovery = r ? { recovered: r.recovered, reason: r.reason, count: r.count } : { recovered: false, reason: "no answer", count: 0 };
  }

  /** One delivered message at (epoch, offset): in order, a repeat, or past a gap. */
  private take(epoch: string, offset: number): void {
    if (epoch !== this.epoch) [this.epoch, this.offset] = [epoch, offset - 1];
    if (offset <= this.offset) this.dups++;
    else {
      this.gaps += offset - this.offset - 1;
      this.offset = offset;
    }
  }
}

const clients: Client[] = [];
let joined = 0;

process.on("message", (cmd: RecoveryCommand) => {
  const send = (r: RecoveryReport | CheckReport | { type: "joined"; joined: number }) => process.send!(r);
  if (cmd.type === "join") {
    for (let i = cmd.from; i < cmd.to; i++) {
      const c = new Client(cmd.rooms[i % cmd.rooms.length]!, cmd.token, cmd.urls, () => {
        if (++joined === cmd.to - cmd.from) send({ type: "joined", joined });
      });
      clients.push(c);
      // A few hundred sign-ins a millisecond apart, not all in one burst.
      setTimeout(() => c.open(cmd.urls[0], { epoch: "", offset: 0 }), Math.floor((i - cmd.from) / 50));
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
      gaps: clients.reduce((n, c) => n + c.gaps, 0),
      dups: clients.reduce((n, c) => n + c.dups, 0),
    });
  } else if (cmd.type === "check") {
    const ok = clients.filter((c) => c.gaps === 0 && c.dups === 0 && c.offset === cmd.final[c.room]).length;
    send({ type: "check", complete: ok, incomplete: clients.length - ok });
  } else process.exit(0);
});
