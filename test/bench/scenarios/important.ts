// IMPORTANT via POST /msg: a business service posts to one room open-loop at a fixed rate; every member must
// get every message (checked by sequence) and the latency is taken from the intended post time.
import { setTimeout as sleep } from "node:timers/promises";
import { makeBody, nowUs } from "../payload";
import { totalCpuSeconds } from "../procfs";
import { LoadPool } from "../loadgen/pool";
import type { SystemUnderTest } from "../systems/system";
import { latencyOf, type Latency } from "./latency";
import { localAddresses, settleMs } from "./rooms";

export interface ImportantParams {
  members: number;
  /** Posts per second. */
  rate: number;
  seconds: number;
  /** Posts at the same rate before the measured ones, not counted: connections, JIT and heaps reach their working size. */
  warmupSec: number;
  size: number;
  workers: number;
}

export interface ImportantResult {
  posted: number;
  failedPosts: number;
  firstPostError: string;
  expected: number;
  delivered: number;
  missing: number;
  dups: number;
  lost: number;
  serverCpuSec: number;
  latencyMs: Latency;
}

export async function important(sut: SystemUnderTest, p: ImportantParams): Promise<ImportantResult> {
  const post = sut.postMessage;
  if (!post) throw new Error(`${sut.name} has no HTTP publish`);
  const room = `important-${Date.now().toString(36)}`;
  const pool = LoadPool.start(p.workers);
  try {
    await pool.join({
      client: sut.client,
      urls: sut.wsUrls,
      token: sut.token,
      rooms: Array(p.members).fill(room),
      localAddresses: localAddresses(1),
      timeoutMs: 120_000,
    });
    // Warm-up at the same rate, not counted: the kept-alive HTTP connections, the JIT and the heaps of every
    // process on the way reach their working state (in the first second of a cold run the tail is several times longer).
    const send = (seq: number, dueUs: number) => post(room, makeBody(0, seq, dueUs, p.size));
    const warm = await postOpenLoop(send, p.rate, p.warmupSec);
    await pool.drain((warm.posted - warm.failedPosts) * p.members, settleMs(p.seconds), 30_000);
    await sleep(settleMs(p.seconds));
    await pool.report(); // forgets the warm-up's deliveries and sequence numbers
    const cpu0 = totalCpuSeconds(sut.pids());
    const { posted, failedPosts, firstPostError } = await postOpenLoop(send, p.rate, p.seconds);
    const expected = (posted - failedPosts) * p.members;
    await pool.drain(expected, settleMs(p.seconds), 30_000);
    const cpu = totalCpuSeconds(sut.pids()) - cpu0;
    const t = await pool.report();
    const r: ImportantResult = {
      posted,
      failedPosts,
      firstPostError,
      expected,
      delivered: t.unique,
      missing: expected - t.unique,
      dups: t.dups,
      lost: t.lost,
      serverCpuSec: Math.round(cpu * 100) / 100,
      latencyMs: latencyOf(t.histogram),
    };
    t.histogram.destroy();
    console.log(
      `  ${sut.name}: ${posted} posts at ${p.rate}/s, p99 ${r.latencyMs.p99} ms, missing ${r.missing}, failed posts ${failedPosts}`,
    );
    return r;
  } finally {
    await pool.close();
  }
}

/**
 * Posts rate × seconds messages open-loop: each leaves when it is due, whether or not the ones before were answered.
 * Resolves once every post was answered, with how many were sent and how many of those failed.
 */
async function postOpenLoop(
  post: (seq: number, dueUs: number) => Promise<void>,
  rate: number,
  seconds: number,
): Promise<{ posted: number; failedPosts: number; firstPostError: string }> {
  const count = Math.round(rate * seconds);
  const intervalUs = 1e6 / rate;
  const startUs = nowUs() + 100_000;
  const posts: Array<Promise<void>> = [];
  let failedPosts = 0;
  let firstPostError = "";
  await new Promise<void>((resolve) => {
    let seq = 0;
    const tick = () => {
      const now = nowUs();
      while (seq < count && startUs + seq * intervalUs <= now) {
        const due = Math.round(startUs + seq * intervalUs);
        posts.push(
          post(seq, due).catch((err: unknown) => {
            failedPosts++;
            firstPostError ||= (err as Error).message;
          }),
        );
        seq++;
      }
      if (seq < count) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 100);
  });
  await Promise.all(posts);
  return { posted: count, failedPosts, firstPostError };
}
