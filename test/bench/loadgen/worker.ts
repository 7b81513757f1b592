// One load-generator process (forked by loadgen/pool.ts): holds up to ~15k client connections, publishes
// open-loop at fixed rates, and records end-to-end latency, gaps and duplicates per publisher sequence.
import { setTimeout as sleep } from "node:timers/promises";
import * as hdr from "hdr-histogram-js";
import { connectors, type BenchConn, type Receiver } from "./client";
import { makeBody, nowUs, readStamp, readStampText, type Stamp } from "../payload";
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
  let retried = 0;
  let firstError = "";
  let next = 0;
  const connect = connectors[cmd.client];
  const one = async () => {
    while (next < cmd.rooms.length) {
      const i = next++;
      const s = new Seen();
      const record = (stamp: Stamp | undefined) => {
        messages++;
        if (!stamp) return void foreign++;
        histogram.recordValue(Math.max(1, nowUs() - stamp.intendedUs));
        s.mark(stamp.publisher, stamp.seq);
      };
      const rx: Receiver = {
        bytes: (buf, start, end) => record(readStamp(buf, start, end)),
        text: (body) => record(readStampText(body)),
        frame: () => frames++,
        lost: () => lost++,
      };
      for (let attempt = 0; ; attempt++) {
        try {
          const c = await connect(
            {
              url: cmd.urls[i % cmd.urls.length],
              token: cmd.tokens?.[i] ?? cmd.token,
              room: cmd.rooms[i],
              also: cmd.also?.[i],
              localAddress: cmd.localAddresses[i % cmd.localAddresses.length],
            },
            rx,
          );
          // By index: publishers are named by their client's place in the join list.
          conns[i] = c;
          seen[i] = s;
          break;
        } catch (err) {
          if (attempt < cmd.retries) {
            retried++;
            await sleep(200 * (attempt + 1));
            continue;
          }
          failed++;
          firstError ||= (err as Error).message;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: cmd.concurrency }, one));
  send({ type: "joined", joined: conns.filter(Boolean).length, failed, retried, firstError, ms: Date.now() - started });
}

/**
 * Open loop: message k of a publisher is due at start + k/rate, stamped with that time, and sent when the loop
 * gets to it; one loop serves every publisher of this worker (a thousand rooms need no thousand timers).
 */
function publish(cmd: Extract<WorkerCommand, { type: "publish" }>): void {
  const pubs = cmd.publishers.map((p) => ({
    ...p,
    conn: conns[p.conn],
    startUs: cmd.startUs + p.offsetUs,
    intervalUs: 1e6 / p.rate,
    seq: 0,
  }));
  const deadlineUs = Math.max(...pubs.map((p) => p.startUs + p.count * p.intervalUs)) + 60e6;
  const tick = () => {
    const now = nowUs();
    let pending = 0;
    for (const p of pubs) {
      while (p.seq < p.count && p.startUs + p.seq * p.intervalUs <= now) {
        const due = Math.round(p.startUs + p.seq * p.intervalUs);
        p.conn.publish(makeBody(p.id, p.seq, due, cmd.size));
        p.seq++;
      }
      if (p.seq < p.count) pending++;
    }
    // Bounded in count (each publisher's count) and in time (a minute past the last due message).
    if (pending > 0 && now < deadlineUs) return void setTimeout(tick, 1);
    send({ type: "published", counts: Object.fromEntries(pubs.map((p) => [p.id, p.seq])) });
  };
  setTimeout(tick, Math.max(0, (cmd.startUs - nowUs()) / 1000));
}

function report(): StepStats {
  let unique = 0;
  let dups = 0;
  for (const s of seen.filter(Boolean)) {
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

const beat = setInterval(() => conns.forEach((c) => c.heartbeat()), HEARTBEAT_MS); // forEach skips holes

process.on("message", (cmd: WorkerCommand) => {
  switch (cmd.type) {
    case "join":
      return void join(cmd);
    case "publish":
      return publish(cmd);
    case "report":
      return send({ type: "report", stats: report() });
    case "count":
      return send({ type: "count", unique: seen.reduce((n, s) => n + s.unique, 0) });
    case "close":
      clearInterval(beat);
      conns.forEach((c) => c.close());
      process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
