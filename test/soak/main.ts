// pnpm soak: runs the local cluster (2 conn, 2 logic, 2 job, three nsqd, nsqlookupd, etcd on loopback) under steady mixed
// load for a set time, samples every process's memory every minute, and reports memory at the start and the end,
// messages sent, delivered and lost, and errors, in Markdown beside the bench results.
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { Command } from "commander";
import { startCluster, type Cluster } from "../harness/cluster";
import { killAll } from "../harness/proc";
import { opsUrlOf } from "../harness/roomcast";
import { inspectPort } from "../bench/systems/inspector";
import { SoakLoad, type LoadParams } from "./load";
import { sample, snapshot, troubleCounters, watchLogs, type LogTally, type Sample, type Watched } from "./processes";
import { markdown, type SoakResult } from "./report";

export interface SoakOptions {
  minutes: number;
  warmupSec: number;
  sampleSec: number;
  out: string;
  /** More nsqd flags, after the harness's own (so they override them). */
  nsqdArgs: string[];
  load: LoadParams;
}

/** Deliveries are awaited this long at most after the load stops; they stop being awaited after DRAIN_IDLE_MS without progress. */
const DRAIN_MAX_MS = 60_000;
const DRAIN_IDLE_MS = 10_000;

const stopping = new AbortController();

/** Sleeps, or returns false at once when the run is being stopped. */
async function pause(ms: number): Promise<boolean> {
  if (stopping.signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal: stopping.signal });
    return true;
  } catch {
    return false;
  }
}

function describeCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return "unknown";
  }
}

/**
 * The inspector of a roomcast node is opened once the node runs (SIGUSR1, on the port --inspect-port names; 0: any
 * free one): started with --inspect, the nodes' cold start on a busy machine took longer than the harness's 30 s.
 */
const INSPECT_LATER = "--inspect-port=127.0.0.1:0";

/** Every process of the cluster, roomcast nodes first (by name), with their ops and inspector ports. */
async function watch(c: Cluster): Promise<Watched[]> {
  const nodes = [...c.procs].sort((a, b) => a.name.localeCompare(b.name));
  for (const p of nodes) p.child.kill("SIGUSR1");
  const watched: Watched[] = [];
  for (const p of nodes) watched.push({ name: p.name, proc: () => p, opsUrl: opsUrlOf(p), inspectPort: await inspectPort(p) });
  ["nsqd", "nsqlookupd", "etcd", "nsqd-second"].forEach((name, i) => watched.push({ name, proc: () => c.infra()[i]! }));
  return watched;
}

/** Waits until the steady members got everything they are owed, or nothing arrived for DRAIN_IDLE_MS; returns the seconds waited. */
async function drain(load: SoakLoad): Promise<number> {
  const start = Date.now();
  let owed = load.ledger.owed();
  let progress = Date.now();
  while (owed > 0 && Date.now() - start < DRAIN_MAX_MS && Date.now() - progress < DRAIN_IDLE_MS) {
    await sleep(500);
    const now = load.ledger.owed();
    if (now < owed) progress = Date.now();
    owed = now;
  }
  return Math.round((Date.now() - start) / 1000);
}

/** The load, the readings and the tally; undefined when the run was interrupted. */
async function measure(
  o: SoakOptions,
  c: Cluster,
  watched: Watched[],
  logs: Map<string, LogTally>,
  exits: string[],
): Promise<SoakResult | undefined> {
  const date = new Date().toISOString();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at the start`;
  const load = new SoakLoad(o.load, c.wsUrls, c.httpUrls);
  const samples: Sample[] = [];
  const latencies: SoakResult["latencies"] = [];
  // Memory of every process, and the delivery latencies of the period since the last reading.
  const reading = async (atSec: number) => {
    samples.push(await sample(watched, atSec));
    latencies.push({ normal: load.ledger.normalLatency.take(), important: load.ledger.importantLatency.take() });
    progress(samples, latencies, load);
  };
  const loadStart = Date.now();
  // Ctrl-C: the clients go at once (a join under way stops after its current batch).
  const onAbort = () => void load.stop();
  stopping.signal.addEventListener("abort", onAbort);
  try {
    await load.join();
    // Every node's online report names the new members before the first message.
    await pause(3_000);
    const sendStart = Date.now();
    load.startSending();
    console.log(`soak: ${o.load.clients} clients signed in; warm-up ${o.warmupSec} s`);
    if (await pause(o.warmupSec * 1000)) {
      const t0 = Date.now();
      await reading(0);
      for (let k = 1; ; k++) {
        const next = Math.min(k * o.sampleSec * 1000, o.minutes * 60_000);
        if (!(await pause(t0 + next - Date.now()))) break;
        await reading((Date.now() - t0) / 1000);
        if (next >= o.minutes * 60_000) break;
      }
    }
    const loadSec = (Date.now() - sendStart) / 1000;
    // Interrupted (Ctrl-C reaches the cluster's processes too): no report, only a clean stop.
    if (stopping.signal.aborted) return undefined;
    await load.stopSending();
    console.log("soak: load stopped; waiting for deliveries");
    const drainSec = await drain(load);
    const counters = await troubleCounters(watched);
    return {
      date,
      machine,
      commit: describeCommit(),
      minutes: o.minutes,
      warmupSec: o.warmupSec,
      nsqdArgs: o.nsqdArgs,
      loadSec,
      params: o.load,
      senders: load.senders,
      steadyMembers: load.ledger.steadyCount,
      excludedMembers: load.ledger.excludedCount,
      normal: load.ledger.normal(),
      important: load.ledger.important(),
      drainSec,
      stats: load.stats,
      errors: load.errors.counts,
      errorExamples: load.errors.examples,
      exits: [...exits],
      samples,
      latencies,
      logs: snapshot(logs),
      counters,
      strangers: load.ledger.strangers,
    };
  } finally {
    stopping.signal.removeEventListener("abort", onAbort);
    await load.stop();
    console.log(`soak: ${((Date.now() - loadStart) / 1000).toFixed(0)} s with clients`);
  }
}

function progress(samples: Sample[], latencies: SoakResult["latencies"], load: SoakLoad): void {
  const s = samples[samples.length - 1]!;
  const l = latencies[latencies.length - 1]!;
  const mem = s.procs.map((p) => `${p.name} ${(p.rss / 1048576).toFixed(0)}${p.heapUsed ? `/${(p.heapUsed / 1048576).toFixed(0)}` : ""}`);
  const n = load.ledger.normal();
  const i = load.ledger.important();
  const { all } = load.connected();
  console.log(
    `[${(s.atSec / 60).toFixed(1)} min] RSS/heap MB: ${mem.join(", ")} | NORMAL sent ${n.sent}, p50/p99 ${l.normal.p50}/${l.normal.p99} ms | ` +
      `IMPORTANT acked ${i.acknowledged}, p50/p99 ${l.important.p50}/${l.important.p99} ms | clients ${all} | errors ${load.errors.total}`,
  );
}

/**
 * The cluster, started again (up to 3 times) when a node is not ready within the harness's 30 s: on a busy machine a
 * cold start can take that long, and a scheduled soak should not be lost to it. startCluster leaves nothing behind.
 */
async function startSoakCluster(o: SoakOptions): Promise<Cluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCluster({
        conns: 2,
        logics: 2,
        jobs: 2,
        ttlSec: 10,
        // The production idle timeout (the harness shortens it to 4 s for the protocol tests); clients beat every 20 s.
        connEnv: { ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: "60" },
        nodeArgs: [INSPECT_LATER],
        nsqdArgs: o.nsqdArgs,
        // As pnpm cluster: IMPORTANT through two nsqd on disk, NORMAL through one in memory.
        normalNsqd: true,
        secondNsqd: true,
      });
    } catch (err) {
      const message = (err as Error).message;
      if (attempt >= 3 || stopping.signal.aborted || !/not seen within/.test(message)) throw err;
      console.error(`soak: the cluster did not start (${message.split("\n")[0]}); starting it again`);
    }
  }
}

export async function runSoak(o: SoakOptions): Promise<SoakResult | undefined> {
  console.log(`soak: starting the cluster (${o.minutes} min measured, ${o.warmupSec} s warm-up)`);
  const c = await startSoakCluster(o);
  try {
    if (stopping.signal.aborted) return undefined;
    const watched = await watch(c);
    const logs = new Map(watched.map((w) => [w.name, watchLogs(w.proc())]));
    const exits: string[] = [];
    const started = Date.now();
    let done = false;
    for (const w of watched) {
      void w
        .proc()
        .exited.then((code) =>
          stopping.signal.aborted || done
            ? undefined
            : exits.push(`${w.name} (${code ?? w.proc().child.signalCode}) after ${((Date.now() - started) / 60_000).toFixed(1)} min`),
        );
    }
    const r = await measure(o, c, watched, logs, exits);
    done = true;
    return r;
  } finally {
    console.log("soak: stopping the cluster");
    await c.stop();
  }
}

function onSignal(sig: NodeJS.Signals): void {
  if (!stopping.signal.aborted) {
    console.error(`soak: ${sig}: stopping the load and the cluster (again to kill at once)`);
    stopping.abort();
    return;
  }
  void killAll().then(() => process.exit(130));
}

if (require.main === module) {
  const program = new Command("soak")
    .description("the local cluster under steady mixed load for a set time: memory per process, messages, errors")
    .option("--minutes <n>", "measured minutes, after the warm-up", Number, 30)
    .option("--warmup-sec <n>", "load before the first memory reading", Number, 30)
    .option("--sample-sec <n>", "seconds between memory readings", Number, 60)
    .option(
      "--out <file>",
      "the Markdown report",
      path.join(__dirname, "../bench/results", `soak-${new Date().toISOString().slice(0, 10)}.md`),
    )
    .option("--clients <n>", "clients in all", Number, 300)
    .option("--rooms <n>", "rooms", Number, 20)
    .option("--normal-rate <n>", "NORMAL messages per second in all", Number, 200)
    .option("--important-rate <n>", "POST /msg per second", Number, 20)
    .option("--churn <n>", "clients leaving and signing in again per second", Number, 3)
    .option("--nsqd-args <flags>", "more nsqd flags, space-separated, overriding the harness's (e.g. its durability settings)", "")
    .parse();
  const opts = program.opts<{
    minutes: number;
    warmupSec: number;
    sampleSec: number;
    out: string;
    clients: number;
    rooms: number;
    normalRate: number;
    importantRate: number;
    churn: number;
    nsqdArgs: string;
  }>();
  const perRoom = Math.floor(opts.clients / opts.rooms);
  if (!(opts.minutes > 0) || perRoom < 4) {
    console.error("soak: --minutes must be above 0 and every room needs at least 4 clients");
    process.exit(2);
  }
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const churnersPerRoom = Math.max(1, Math.floor(perRoom / 5));
  runSoak({
    minutes: opts.minutes,
    warmupSec: opts.warmupSec,
    sampleSec: opts.sampleSec,
    out: opts.out,
    nsqdArgs: opts.nsqdArgs.split(/\s+/).filter(Boolean),
    load: {
      clients: perRoom * opts.rooms,
      rooms: opts.rooms,
      churnersPerRoom,
      sendersPerRoom: Math.min(2, perRoom - churnersPerRoom),
      normalPerSec: opts.normalRate,
      importantPerSec: opts.importantRate,
      churnPerSec: opts.churn,
      heartbeatMs: 20_000,
    },
  }).then(
    (r) => {
      if (!r) {
        console.error("soak: interrupted: every process stopped, no report written");
        return process.exit(130);
      }
      const md = markdown(r);
      console.log(`\n${md}`);
      mkdirSync(path.dirname(opts.out), { recursive: true });
      writeFileSync(opts.out, md);
      console.log(`written: ${opts.out}`);
      process.exit(r.important.lost > 0 || r.exits.length > 0 ? 1 : 0);
    },
    (err: unknown) => {
      console.error("soak failed:", err);
      process.exit(1);
    },
  );
}
