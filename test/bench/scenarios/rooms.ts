// Rooms under load: R rooms × M members, P members of each room publishing open-loop, the total offered rate
// stepped up until the delivered rate stops growing. One room × 5,000 is the fan-out scenario; 1,000 × 10 is
// many rooms. Every delivery is checked against the publishers' sequences.
import { setTimeout as sleep } from "node:timers/promises";
import { nowUs } from "../payload";
import { changeSince, cpuSeconds, totalCpuSeconds, wakeups } from "../procfs";
import { LoadPool } from "../loadgen/pool";
import type { PublisherSpec } from "../loadgen/messages";
import type { SystemUnderTest } from "../systems/system";
import { latencyOf, type Latency } from "./latency";

export interface RoomsParams {
  rooms: number;
  /** Members per room (with roomsPerMember > 1: whose own room it is; each room then has members × roomsPerMember). */
  members: number;
  /**
   * Rooms each member is in (protocol 2, default 1): its own, where it publishes, and roomsPerMember − 1 more spread
   * evenly over the others, joined with SUBSCRIBE.
   */
  roomsPerMember?: number;
  /** Publishing members per room. */
  publishers: number;
  /** Offered rates, messages per second into all rooms together, tried in order. */
  rates: number[];
  stepSec: number;
  /** Seconds of publishing at the first rate before the first step, not counted (JIT, connection pools, caches). */
  warmupSec: number;
  /** Message body bytes. */
  size: number;
  /** Stop stepping once a step delivers less than (1 + minGrowth) × the one before. */
  minGrowth: number;
  /** Load-generator processes. */
  workers: number;
  /** Source addresses in 127.0.0.0/8 the clients spread over. */
  localAddresses: number;
}

export interface StepResult {
  offeredPerSec: number;
  published: number;
  expected: number;
  delivered: number;
  missing: number;
  dups: number;
  /** Member connections the server had closed by the end of the step. */
  lost: number;
  deliveredPerSec: number;
  /** How long after the step's end the last delivery came. */
  behindSec: number;
  serverCpuSec: number;
  /** Server CPU-seconds of the step per process, where the system names them (which tier spends what). */
  cpuSecByProcess?: Record<string, number>;
  /** Wake-ups (voluntary context switches, every thread) of the step per process, where the system names them. */
  wakeupsByProcess?: Record<string, number>;
  msgsPerCpuSec: number;
  msgsPerFrame: number;
  latencyMs: Latency;
}

export interface RoomsResult {
  joinMs: number;
  steps: StepResult[];
}

/** Pauses for things to settle (online reports, last batches): short steps (quick mode) get short pauses. */
export const settleMs = (stepSec: number) => Math.min(1_000, stepSec * 300);
let nextSource = 0;
/**
 * n fresh source addresses (127.1.x.y) for one load: the ports an earlier load left in TIME_WAIT are never needed
 * again, and clients never take an ephemeral port on 127.0.0.1, where the servers pick their ports.
 */
export function localAddresses(n: number): string[] {
  return Array.from({ length: n }, () => {
    const k = nextSource++ % 60_000;
    return `127.1.${Math.floor(k / 250)}.${(k % 250) + 1}`;
  });
}

/** The other rooms of a member whose own room is `home`: n − 1 rooms at even strides, so every room gets as many members. */
export function alsoRooms(tag: string, home: number, rooms: number, n: number): string[] {
  const stride = Math.floor(rooms / n);
  return Array.from({ length: n - 1 }, (_, j) => `${tag}-${(home + (j + 1) * stride) % rooms}`);
}

export async function rooms(sut: SystemUnderTest, p: RoomsParams): Promise<RoomsResult> {
  const tag = `r${Date.now().toString(36)}`;
  const total = p.rooms * p.members;
  const perMember = p.roomsPerMember ?? 1;
  if (perMember > p.rooms) throw new Error(`roomsPerMember ${perMember} is more than the ${p.rooms} rooms`);
  const pool = LoadPool.start(p.workers);
  try {
    const joinStarted = Date.now();
    const joined = await pool.join({
      client: sut.client,
      urls: sut.wsUrls,
      token: sut.token,
      rooms: Array.from({ length: total }, (_, i) => `${tag}-${Math.floor(i / p.members)}`),
      ...(perMember > 1
        ? { also: Array.from({ length: total }, (_, i) => alsoRooms(tag, Math.floor(i / p.members), p.rooms, perMember)) }
        : {}),
      localAddresses: localAddresses(p.localAddresses),
      timeoutMs: 180_000,
    });
    const joinMs = Date.now() - joinStarted;
    await sleep(settleMs(p.stepSec)); // online reports settle before the first step
    // Publisher k of room r is the member r·M + ⌊k·M/P⌋, in whichever worker holds that client.
    const publisherClients: number[] = [];
    for (let r = 0; r < p.rooms; r++)
      for (let k = 0; k < p.publishers; k++) publisherClients.push(r * p.members + Math.floor((k * p.members) / p.publishers));
    const plan = (rate: number, seconds: number) => {
      const perPublisher = rate / publisherClients.length;
      const count = Math.max(1, Math.round(perPublisher * seconds));
      const byWorker = new Map<number, PublisherSpec[]>();
      publisherClients.forEach((client, id) => {
        const w = Math.floor(client / joined.perWorker);
        const list = byWorker.get(w) ?? [];
        const offsetUs = Math.round(((id / publisherClients.length) * 1e6) / perPublisher);
        list.push({ id, conn: client - w * joined.perWorker, rate: perPublisher, count, offsetUs });
        byWorker.set(w, list);
      });
      return byWorker;
    };
    if (p.warmupSec > 0) {
      const warm = await pool.publish(nowUs() + 100_000, p.size, plan(p.rates[0], p.warmupSec), (p.warmupSec + 90) * 1000);
      // Every warm-up message is in (or the count stays still) before the first step, so none of them is
      // taken for a duplicate of that step's messages, which reuse the same publisher sequences.
      await pool.drain(Object.values(warm).reduce((a, b) => a + b, 0) * p.members * perMember, settleMs(p.stepSec), 60_000);
    }
    const steps: StepResult[] = [];
    for (const rate of p.rates) {
      const byWorker = plan(rate, p.stepSec);
      await pool.report(); // drop anything left over
      const named = sut.processes?.() ?? [];
      const cpuOf = changeSince(named, cpuSeconds);
      const wokenOf = changeSince(named, wakeups);
      const cpu0 = totalCpuSeconds(sut.pids());
      const stepStarted = Date.now();
      const published = await pool.publish(nowUs() + 100_000, p.size, byWorker, (p.stepSec + 90) * 1000);
      const sent = Object.values(published).reduce((a, b) => a + b, 0);
      const expected = sent * p.members * perMember;
      // A system that falls behind delivers after the step's end: its rate counts that time too (beyond 100 ms,
      // which the batch window and the path take).
      const lastDelivery = await pool.drain(expected, settleMs(p.stepSec), 30_000);
      const behindSec = Math.max(0, (lastDelivery - stepStarted) / 1000 - 0.1 - p.stepSec);
      const seconds = p.stepSec + Math.max(0, behindSec - 0.1);
      const cpu = totalCpuSeconds(sut.pids()) - cpu0;
      const byProcess = cpuOf((s) => Math.round(s * 100) / 100);
      const wokenBy = wokenOf();
      const t = await pool.report();
      steps.push({
        offeredPerSec: rate,
        published: sent,
        expected,
        delivered: t.unique,
        missing: expected - t.unique,
        dups: t.dups,
        lost: t.lost,
        deliveredPerSec: Math.round(t.unique / seconds),
        behindSec: Math.round(behindSec * 100) / 100,
        serverCpuSec: Math.round(cpu * 100) / 100,
        ...(named.length ? { cpuSecByProcess: byProcess, wakeupsByProcess: wokenBy } : {}),
        msgsPerCpuSec: cpu > 0 ? Math.round(t.unique / cpu) : 0,
        msgsPerFrame: t.frames ? Math.round((t.messages / t.frames) * 10) / 10 : 0,
        latencyMs: latencyOf(t.histogram),
      });
      t.histogram.destroy();
      const last = steps[steps.length - 1];
      const prev = steps[steps.length - 2];
      console.log(
        `  ${sut.name}: offered ${rate}/s delivered ${last.deliveredPerSec}/s, ${last.msgsPerCpuSec}/CPU-s, p99 ${last.latencyMs.p99} ms, missing ${last.missing}` +
          (named.length
            ? ` (CPU-s: ${Object.entries(byProcess)
                .map(([n, c]) => `${n} ${c}`)
                .join(", ")})`
            : ""),
      );
      if (prev && last.deliveredPerSec < prev.deliveredPerSec * (1 + p.minGrowth)) break;
    }
    return { joinMs, steps };
  } finally {
    await pool.close();
  }
}
