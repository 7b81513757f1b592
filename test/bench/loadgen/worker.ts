// One load-generator process (forked by loadgen/pool.ts): holds up to ~15k client connections, publishes
// open-loop at fixed rates, and records end-to-end latency, gaps and duplicates per publisher sequence.
import * as hdr from "hdr-histogram-js";
import { connectRoomcast, type BenchConn } from "./roomcast_client";
import { makeBody, nowUs, readStamp } from "../payload";
import { newLatencyHistogram, type WorkerCommand, type WorkerReply, type StepStats } from "./messages";

const HEARTBEAT_MS = 20_000;

/** What one client has seen of each publisher: a bitmap of sequence numbers. */
class Seen {
  private readonly bits = new Map<number, Uint8Array>();
  unique = 0;
  dups = 0;
  mark(publisher: number, seq: number): void {
    let b = this.bits.get(publisher);
    const byte = seq >> 3;
    if (!b || byte >= b.length) {
      const grown = new Uint8Array(Math.max(64, (byte + 1) * 2));
      if (b) grown.set(b);
      this.bits.set(publisher, (b = grown));
    }
    const mask = 1 << (seq & 7);
    if (b[byte] & mask) this.dups++;
    else {
      b[byte] |= mask;
      this.unique++;
    }
  }
  reset(): void {
    this.bits.clear();
    this.unique = this.dups = 0;
  }
}

const conns: BenchConn[] = [];
const seen: Seen[] = [];
let histogram = newLatencyHistogram();
let frames = 0;
let messages = 0;
let foreign = 0;
/** Connections the server closed after sign-in (counted, never reopened: a bench must see them). */
let lost = 0;

const send = (r: WorkerReply) => process.send!(r);

async function join(cmd: Extract<WorkerCommand, { type: "join" }>): Promise<void> {
  const started = Date.now();
  let failed = 0;
  let firstError = "";
  let next = 0;
  const one = async () => {
    while (next < cmd.rooms.length) {
      const i = next++;
      const s = new Seen();
      try {
        const c = await connectRoomcast(
          cmd.urls[i % cmd.urls.length],
          cmd.token,
          cmd.rooms[i],
          cmd.localAddresses[i % cmd.localAddresses.length],
          (buf, start, end) => {
            messages++;
            const stamp = readStamp(buf, start, end);
            if (!stamp) return void foreign++;
            histogram.recordValue(Math.max(1, nowUs() - stamp.intendedUs));
            s.mark(stamp.publisher, stamp.seq);
          },
          () => frames++,
          () => lost++,
        );
        conns.push(c);
        seen.push(s);
      } catch (err) {
        failed++;
        firstError ||= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: cmd.concurrency }, one));
  send({ type: "joined", joined: conns.length, failed, firstError, ms: Date.now() - started });
}

/** Open loop: message k of a publisher is due at start + k/rate, stamped with that time, sent when the loop gets to it. */
async function publish(cmd: Extract<WorkerCommand, { type: "publish" }>): Promise<void> {
  const counts: Record<number, number> = {};
  await Promise.all(
    cmd.publishers.map(
      (p) =>
        new Promise<void>((resolve) => {
          const conn = conns[p.conn];
          const intervalUs = 1e6 / p.rate;
          let seq = 0;
          const tick = () => {
            const now = nowUs();
            while (seq < p.count && cmd.startUs + seq * intervalUs <= now) {
              conn.publish(makeBody(p.id, seq, Math.round(cmd.startUs + seq * intervalUs), cmd.size));
              seq++;
            }
            if (seq >= p.count) {
              counts[p.id] = seq;
              return resolve();
            }
            setTimeout(tick, 1);
          };
          setTimeout(tick, Math.max(0, (cmd.startUs - nowUs()) / 1000));
        }),
    ),
  );
  send({ type: "published", counts });
}

function report(): StepStats {
  let unique = 0;
  let dups = 0;
  for (const s of seen) {
    unique += s.unique;
    dups += s.dups;
    s.reset();
  }
  const stats: StepStats = { messages, frames, unique, dups, foreign, lost, histogram: hdr.encodeIntoCompressedBase64(histogram) };
  histogram.destroy();
  histogram = newLatencyHistogram();
  messages = frames = foreign = 0;
  return stats;
}

const beat = setInterval(() => conns.forEach((c) => c.heartbeat()), HEARTBEAT_MS);

process.on("message", (cmd: WorkerCommand) => {
  switch (cmd.type) {
    case "join":
      return void join(cmd);
    case "publish":
      return void publish(cmd);
    case "report":
      return send({ type: "report", stats: report() });
    case "close":
      clearInterval(beat);
      for (const c of conns) c.close();
      process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
