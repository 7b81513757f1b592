// One fault round: members on both conn nodes, IMPORTANT and NORMAL traffic, the fault injected and healed while
// the traffic flows, then the round's assertions: no acknowledged IMPORTANT message lost for members on live nodes,
// NORMAL order kept (control rounds), views converged within lease TTL + one report interval of the heal, and no
// process restarted but the one the fault killed.
import type { FaultCluster } from "./cluster";
import { RoomTraffic } from "./traffic";
import { allDelivered, tally, type Tally } from "./tally";
import { watchConvergence, type Convergence } from "./converge";
import { sleep } from "../support/wait";

export const FAULTS = [
  "control",
  "kill conn",
  "kill logic",
  "kill job",
  "kill nsqd",
  "kill etcd",
  "partition conn",
  "partition job",
] as const;
export type FaultName = (typeof FAULTS)[number];

export interface RoundPlan {
  fault: FaultName;
  round: number;
  /** The process killed (conn-1, nsqd, nsqd-second, …) or the host cut off (conn0, job1); empty for control. */
  target: string;
}

export interface RoundResult extends RoundPlan {
  tally: Tally;
  convergence: Convergence;
  limitMs: number;
  failures: string[];
  notes: string[];
  durationMs: number;
}

export interface Timing {
  /** Traffic before the fault, and after the heal. */
  preMs: number;
  postMs: number;
  /** How long a killed process is down, round after round (within the lease TTL, then beyond it, …). */
  killDownMs: number[];
  /** How long a host is cut off. */
  partitionMs: number;
  /** After the traffic ends: the longest wait for the last acknowledged messages. */
  settleMs: number;
  membersPerNode: number;
}

/** Rounds per fault: CI-sized (test/faults.test.ts and pnpm faults, about 10 minutes in all) and pnpm faults --long. */
export const ROUNDS = { ci: 3, long: 8 };

export const CI_TIMING: Timing = {
  preMs: 2_500,
  postMs: 4_000,
  killDownMs: [1_500, 5_000],
  partitionMs: 5_000,
  settleMs: 25_000,
  membersPerNode: 3,
};

/** `rounds` rounds of every fault, a fault's rounds in a row, targets taking turns (conn-0, conn-1, …). */
export function plan(rounds: number, only?: FaultName[]): RoundPlan[] {
  const target = (f: FaultName, r: number): string => {
    const i = r % 2;
    if (f === "control") return "";
    if (f === "kill nsqd") return ["nsqd", "nsqd-second"][i]!;
    if (f === "kill etcd") return "etcd";
    const [verb, role] = f.split(" ");
    return verb === "kill" ? `${role}-${i}` : `${role}${i}`;
  };
  return FAULTS.filter((f) => !only || only.includes(f)).flatMap((fault) =>
    Array.from({ length: rounds }, (_, r) => ({ fault, round: r + 1, target: target(fault, r) })),
  );
}

/** Before a round: every link up and every process running (one left dead by an earlier round is started again). */
async function ensureHealthy(c: FaultCluster, failures: string[]): Promise<void> {
  for (const h of c.net.hosts.values()) c.net.heal(h);
  for (const [name, pid] of c.pids()) {
    if (pid !== undefined) continue;
    failures.push(`setup: ${name} was not running at the start of the round`);
    await c
      .get(name)
      .start()
      .catch((err: Error) => failures.push(`setup: ${name} did not start: ${err.message.split("\n")[0]}`));
  }
}

/** How long the round's fault lasts. */
export function outageMs(p: RoundPlan, timing: Timing): number {
  if (p.fault === "control") return 0;
  return p.fault.startsWith("kill") ? timing.killDownMs[(p.round - 1) % timing.killDownMs.length]! : timing.partitionMs;
}

/**
 * While a conn node is out for longer than lease TTL + one report interval: how soon the views drop it (a note for
 * the report; the assertion is on the views after the heal).
 */
async function watchOutage(c: FaultCluster, t: RoomTraffic, node: number, since: number, outage: number, notes: string[]): Promise<void> {
  const limitMs = c.ttlSec * 1000 + c.reportIntervalMs;
  if (outage <= limitMs) return;
  const seen = await watchConvergence(c, t, since, outage, [1 - node]);
  notes.push(
    seen.ms === undefined
      ? `conn-${node} not out of the views during its outage: ${seen.last}`
      : `conn-${node} out of the views after ${seen.ms} ms`,
  );
}

/** Injects the fault, waits while it lasts, heals it; resolves with the time of the heal. */
async function injectAndHeal(
  c: FaultCluster,
  t: RoomTraffic,
  p: RoundPlan,
  timing: Timing,
  failures: string[],
  notes: string[],
): Promise<number> {
  if (p.fault === "control") return Date.now();
  const connNode = p.target.startsWith("conn") ? Number(p.target.slice(-1)) : undefined;
  const outage = outageMs(p, timing);
  let moved: Promise<void> = Promise.resolve();
  let watched: Promise<void> = Promise.resolve();
  const faultAt = Date.now();
  if (p.fault.startsWith("kill")) {
    await c.kill9(p.target);
    if (connNode !== undefined) moved = t.moveMembersOff(connNode);
    if (connNode !== undefined) watched = moved.then(() => watchOutage(c, t, connNode, faultAt, outage, notes));
    await sleep(outage);
    await watched;
    await c
      .get(p.target)
      .start()
      .catch((err: Error) => failures.push(`restart of ${p.target} failed: ${err.message.split("\n")[0]}`));
  } else {
    c.net.partition(c.net.host(p.target));
    if (connNode !== undefined) moved = t.moveMembersOff(connNode);
    if (connNode !== undefined) watched = moved.then(() => watchOutage(c, t, connNode, faultAt, outage, notes));
    await sleep(outage);
    await watched;
    c.net.heal(c.net.host(p.target));
  }
  const healedAt = Date.now();
  await moved.catch((err: Error) => failures.push(`members of ${p.target} could not sign in again on the other node: ${err.message}`));
  return healedAt;
}

/** Every process but the target has the pid it had before the fault. */
function restartedOthers(before: Map<string, number | undefined>, after: Map<string, number | undefined>, target: string): string[] {
  const wrong: string[] = [];
  for (const [name, pid] of before) {
    if (name === target) continue;
    const now = after.get(name);
    if (now !== pid) wrong.push(`${name} (pid ${pid} → ${now ?? "not running"})`);
  }
  return wrong;
}

function judge(p: RoundPlan, s: Tally, conv: Convergence, limitMs: number, failures: string[]): void {
  if (s.acked === 0) failures.push(`IMPORTANT: none of ${s.sent} posts acknowledged`);
  if (s.lostMessages > 0)
    failures.push(
      `IMPORTANT lost: ${s.lost} of ${s.expected} acknowledged deliveries (${s.lostMessages} of ${s.acked} messages) to ${s.members} members on live nodes; e.g. ${s.lostSample.join(", ")}`,
    );
  if (p.fault === "control" && s.normal.outOfOrder > 0)
    failures.push(`NORMAL order: ${s.normal.outOfOrder} of ${s.normal.delivered} out of order; e.g. ${s.normal.sample.join("; ")}`);
  if (p.fault === "control" && s.normal.silent.length)
    failures.push(
      `NORMAL order unproven: ${s.normal.silent.length} member←sender pairs got nothing (${s.normal.delivered} of ${s.normal.expected} delivered); e.g. ${s.normal.silent.slice(0, 3).join(", ")}`,
    );
  if (conv.ms === undefined) failures.push(`MEMBERS and GET /nodes did not converge (limit ${limitMs} ms); last seen: ${conv.last}`);
  else if (conv.ms > limitMs)
    failures.push(`MEMBERS and GET /nodes converged after ${conv.ms} ms > ${limitMs} ms; before that: ${conv.last}`);
}

/** Members on both conn nodes (a NORMAL sender on each), and the views right before the traffic starts. */
async function setUp(c: FaultCluster, t: RoomTraffic, timing: Timing, failures: string[]): Promise<void> {
  await ensureHealthy(c, failures);
  const joins = [0, 1].flatMap((node) =>
    Array.from({ length: timing.membersPerNode }, (_, i) => t.join(node, { counted: true, sender: i === 0, timeoutMs: 30_000 })),
  );
  for (const r of await Promise.allSettled(joins)) if (r.status === "rejected") failures.push(`setup: ${(r.reason as Error).message}`);
  const ready = await watchConvergence(c, t, Date.now(), 20_000);
  if (ready.ms === undefined) failures.push(`setup: views not right before the traffic: ${ready.last}`);
}

export async function runRound(c: FaultCluster, p: RoundPlan, timing: Timing): Promise<RoundResult> {
  const started = Date.now();
  const room = `faults-${p.fault.replace(" ", "-")}-${p.round}-${Math.random().toString(36).slice(2, 6)}`;
  const t = new RoomTraffic({
    wsUrls: c.wsUrls,
    httpUrls: c.httpUrls,
    room,
    importantEveryMs: 20,
    normalEveryMs: 100,
    postTimeoutMs: 10_000,
    maxInFlight: 40,
  });
  const failures: string[] = [];
  const notes: string[] = [];
  const limitMs = c.ttlSec * 1000 + c.reportIntervalMs;
  try {
    await setUp(c, t, timing, failures);
    const before = c.pids();
    t.start();
    await sleep(timing.preMs);
    const healedAt = await injectAndHeal(c, t, p, timing, failures, notes);
    // A conn node back from a fault has no member of ours left: one signs in there, inside the measured time.
    const probe = p.target.startsWith("conn") ? t.join(Number(p.target.slice(-1)), { counted: false, timeoutMs: 20_000 }) : undefined;
    const watching = watchConvergence(c, t, healedAt, limitMs + 20_000);
    await sleep(timing.postMs);
    await t.stop();
    const settleStart = Date.now();
    while (!allDelivered(t, room) && Date.now() - settleStart < timing.settleMs) await sleep(200);
    notes.push(`settled in ${Date.now() - settleStart} ms`);
    await probe?.catch((err: Error) => failures.push(`probe member on healed ${p.target}: ${err.message}`));
    const convergence = await watching;
    const restarted = restartedOthers(before, c.pids(), p.target);
    if (restarted.length) failures.push(`processes other than the target restarted or exited: ${restarted.join(", ")}`);
    const s = tally(t, room);
    judge(p, s, convergence, limitMs, failures);
    if (s.closedCounted.length) notes.push(`counted members whose connection closed: ${s.closedCounted.join(", ")}`);
    if (t.postFailures.size) notes.push(`posts not acknowledged: ${[...t.postFailures].map(([k, v]) => `${v}× ${k}`).join(", ")}`);
    return { ...p, tally: s, convergence, limitMs, failures, notes, durationMs: Date.now() - started };
  } finally {
    t.close();
  }
}
