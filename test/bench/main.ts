// pnpm bench: starts each system in turn, drives it through every scenario with the same load generator,
// and writes the results (Markdown, JSON, latency plot) under test/bench/results/.
import * as os from "node:os";
import * as path from "node:path";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { rooms, type RoomsParams } from "./scenarios/rooms";
import { important, type ImportantParams } from "./scenarios/important";
import { idle, type IdleParams } from "./scenarios/idle";
import { signIns, type SignInsParams } from "./scenarios/signins";
import { reconnectStorm, type StormParams } from "./scenarios/reconnect_storm";
import { roomcastCluster, roomcastStandalone } from "./systems/roomcast";
import { socketIoRedis, socketIoSingle } from "./systems/socketio";
import { centrifugoRedis, centrifugoSingle } from "./systems/centrifugo";
import { ceiling } from "./systems/ceiling";
import { PeerUnavailable, type SystemUnderTest } from "./systems/system";
import type { BenchParams, BenchResults, Outcome } from "./results";
import { markdown } from "./report";
import { latencySvg } from "./plot";
import { waitForQuiet } from "./procfs";
import { profileTable, topOfProfile } from "./profile";

/** The scenarios of a run, in the order they run. */
export const SCENARIOS = [
  "idle",
  "signIns",
  "fanout",
  "manySenders",
  "manyRooms",
  "multiRoom",
  "important",
  "idleLarge",
  "reconnectStorm",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** A subset of SCENARIOS (default all). */
  scenarios?: Scenario[];
  out: string;
  /** Keys of SYSTEMS to run (default all). */
  systems?: string[];
  /** Writes V8 CPU profiles of the roomcast and ceiling server processes here and prints their tops. */
  cpuProfDir?: string;
}

interface SystemEntry {
  key: string;
  name: string;
  start(nodeArgs: string[]): Promise<SystemUnderTest>;
}

/** Column order of the results. */
export const SYSTEMS: SystemEntry[] = [
  { key: "standalone", name: "roomcast standalone", start: (nodeArgs) => roomcastStandalone({ nodeArgs }) },
  {
    key: "standalone-json",
    name: "roomcast standalone, JSON",
    start: (nodeArgs) => roomcastStandalone({ nodeArgs, json: true }),
  },
  {
    key: "standalone-nohistory",
    name: "roomcast standalone, no history",
    start: (nodeArgs) => roomcastStandalone({ nodeArgs, history: false }),
  },
  { key: "cluster", name: "roomcast cluster", start: (nodeArgs) => roomcastCluster({ conns: 2, sharedWsPort: true, nodeArgs }) },
  {
    key: "cluster-nohistory",
    name: "roomcast cluster, no history",
    start: (nodeArgs) => roomcastCluster({ conns: 2, sharedWsPort: true, nodeArgs, history: false }),
  },
  {
    key: "cluster-json",
    name: "roomcast cluster, JSON",
    start: (nodeArgs) => roomcastCluster({ conns: 2, sharedWsPort: true, nodeArgs, json: true }),
  },
  {
    key: "cluster-tls",
    name: "roomcast cluster + TLS",
    start: (nodeArgs) => roomcastCluster({ conns: 2, sharedWsPort: true, tls: true, nodeArgs }),
  },
  { key: "socketio", name: "socket.io", start: () => socketIoSingle() },
  { key: "socketio-redis", name: "socket.io + redis", start: () => socketIoRedis() },
  { key: "centrifugo", name: "Centrifugo", start: () => centrifugoSingle() },
  { key: "centrifugo-redis", name: "Centrifugo + redis", start: () => centrifugoRedis() },
  { key: "ceiling", name: "ceiling (bare uWS)", start: (nodeArgs) => ceiling(nodeArgs) },
];

export function benchParams(quick: boolean): BenchParams {
  const fanout: RoomsParams = quick
    ? {
        rooms: 1,
        members: 200,
        publishers: 2,
        rates: [50, 200],
        stepSec: 1,
        warmupSec: 0.25,
        size: 64,
        minGrowth: -1,
        workers: 1,
        localAddresses: 1,
      }
    : {
        rooms: 1,
        members: 5_000,
        publishers: 4,
        rates: [20, 50, 100, 200, 400, 800],
        stepSec: 5,
        warmupSec: 2,
        size: 64,
        minGrowth: 0.05,
        workers: 2,
        localAddresses: 1,
      };
  const manyRooms: RoomsParams = quick
    ? {
        rooms: 50,
        members: 4,
        publishers: 1,
        rates: [50, 200],
        stepSec: 1,
        warmupSec: 0.25,
        size: 64,
        minGrowth: -1,
        workers: 1,
        localAddresses: 1,
      }
    : {
        rooms: 1_000,
        members: 10,
        publishers: 1,
        rates: [500, 1_000, 2_000, 4_000],
        // 10 s: at 500 msg/s a step costs a server well under one CPU-second, where 5 s left one stray burst
        // (GC, heartbeats of 10,000 clients) moving the per-CPU-second figure by half.
        stepSec: 10,
        warmupSec: 2,
        size: 64,
        minGrowth: 0.05,
        workers: 2,
        localAddresses: 1,
      };
  // protocol 2: 1,000 members, each in 10 of 100 rooms (its own, where it publishes, and 9 more): 100 members a room.
  // Quick: 100 in 4 of 25 (rates that divide by the 25 publishers, so each sends a whole number of messages).
  const multiRoom: RoomsParams = quick
    ? { ...manyRooms, rooms: 25, members: 4, roomsPerMember: 4 }
    : {
        rooms: 100,
        members: 10,
        roomsPerMember: 10,
        publishers: 1,
        rates: [200, 500, 1_000, 2_000, 4_000],
        stepSec: 10,
        warmupSec: 2,
        size: 64,
        minGrowth: 0.05,
        workers: 2,
        localAddresses: 1,
      };
  const importantP: ImportantParams = quick
    ? { members: 20, rate: 200, seconds: 0.5, warmupSec: 0.25, size: 64, workers: 1 }
    : { members: 10, rate: 1_000, seconds: 10, warmupSec: 2, size: 64, workers: 1 };
  const idleP: IdleParams = quick
    ? { connections: 500, roomSize: 100, holdSec: 0.5, localAddresses: 1 }
    : { connections: 15_000, roomSize: 100, holdSec: 5, localAddresses: 1 };
  // Quick mode leaves these out: the cluster column's idle scenario already runs conn processes on one port.
  const idleLarge = quick
    ? []
    : [
        { connections: 50_000, roomSize: 100, holdSec: 5, localAddresses: 4, connProcesses: 4 },
        { connections: 100_000, roomSize: 100, holdSec: 5, localAddresses: 8, connProcesses: 7 },
      ];
  // Many senders into one room (issue 16): 1 room × 200 members, 2,000 msg/s in all for 10 s, from 10, 50 and 150
  // of its members (spread over the conn nodes as every client is); quick: 20 members, 2 and 10 senders.
  const manySenders: RoomsParams[] = (quick ? [2, 10] : [10, 50, 150]).map((publishers) =>
    quick
      ? { ...fanout, members: 20, publishers, rates: [200] }
      : {
          rooms: 1,
          members: 200,
          publishers,
          rates: [2_000],
          stepSec: 10,
          warmupSec: 2,
          size: 64,
          minGrowth: 0,
          workers: 2,
          localAddresses: 1,
        },
  );
  // 10,000 sign-ins into rooms of 100, 100 at a time from each of 2 load processes.
  const signInsP: SignInsParams = quick
    ? { connections: 400, roomSize: 100, concurrency: 20, workers: 1, localAddresses: 1 }
    : { connections: 10_000, roomSize: 100, concurrency: 100, workers: 2, localAddresses: 1 };
  // kill -9 of the conn processes holding 20,000 clients (two: one process holds under 20,000 sockets here), which
  // reconnect to two others and recover from history while a service pushes 200 IMPORTANT msg/s over their 100 rooms.
  const reconnectStormP: StormParams = quick
    ? { clients: 1_000, rooms: 20, rate: 50, killed: 1 }
    : { clients: 20_000, rooms: 100, rate: 200, killed: 2 };
  return {
    fanout,
    manyRooms,
    multiRoom,
    important: importantP,
    idle: idleP,
    idleLarge,
    manySenders,
    signIns: signInsP,
    reconnectStorm: reconnectStormP,
  };
}

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await run() };
  } catch (err) {
    console.error(`  failed: ${(err as Error).message}`);
    return { ok: false, error: (err as Error).message };
  }
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const started = new Date();
  const params = benchParams(o.quick);
  const nodeArgs = o.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(o.cpuProfDir)}`] : [];
  const entries = o.systems ? SYSTEMS.filter((s) => o.systems!.includes(s.key)) : SYSTEMS;
  const runs = (s: Scenario) => !o.scenarios || o.scenarios.includes(s);
  const r: BenchResults = {
    date: started.toISOString(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    quick: o.quick,
    systems: entries.map((e) => e.name),
    unavailable: {},
    params,
    fanout: {},
    manyRooms: {},
    multiRoom: {},
    important: {},
    idle: {},
    idleLarge: {},
    manySenders: {},
    signIns: {},
    reconnectStorm: {},
  };
  console.log(`bench ${o.quick ? "(quick) " : ""}on ${r.cores} cores: ${JSON.stringify(params)}`);
  for (const e of entries) {
    console.log(`${e.name}:`);
    let sut: SystemUnderTest;
    try {
      sut = await e.start(nodeArgs);
    } catch (err) {
      const why = err instanceof PeerUnavailable ? err.message : `could not start: ${(err as Error).message}`;
      console.error(`  ${e.name} skipped: ${why}`);
      r.unavailable[e.name] = why;
      continue;
    }
    try {
      // Idle first, while the processes hold nothing but their start-up: the memory readings are per connection.
      // Each scenario starts once the last one's goodbyes are done.
      if (runs("idle")) {
        r.idle[e.name] = await outcome(() => idle(sut, params.idle));
        await waitForQuiet(sut.pids);
      }
      if (runs("signIns")) {
        r.signIns[e.name] = await outcome(() => signIns(sut, params.signIns));
        await waitForQuiet(sut.pids);
      }
      for (const s of ["fanout", "manyRooms", "multiRoom"] as const) {
        if (!runs(s) || (s === "multiRoom" && !sut.protocol2)) continue;
        r[s][e.name] = await outcome(() => rooms(sut, params[s]));
        await waitForQuiet(sut.pids);
      }
      if (runs("manySenders"))
        for (const p of params.manySenders) {
          const key = `${p.publishers} senders`;
          (r.manySenders[key] ??= {})[e.name] = await outcome(() => rooms(sut, p));
          await waitForQuiet(sut.pids);
        }
      if (sut.postMessage && runs("important")) r.important[e.name] = await outcome(() => important(sut, params.important));
    } finally {
      await sut.stop();
    }
  }
  if ((!o.systems || o.systems.includes("cluster")) && runs("idleLarge"))
    for (const p of params.idleLarge) {
      const label = `${p.connections.toLocaleString("en-US")} on ${p.connProcesses} conn processes`;
      console.log(`roomcast cluster, ${label}:`);
      r.idleLarge[label] = await outcome(async () => {
        const sut = await roomcastCluster({ conns: p.connProcesses, sharedWsPort: true, nodeArgs });
        try {
          return await idle(sut, p);
        } finally {
          await sut.stop();
        }
      });
    }
  if ((!o.systems || o.systems.includes("cluster")) && runs("reconnectStorm")) {
    const p = params.reconnectStorm;
    const label = `${p.clients.toLocaleString("en-US")} clients on ${p.killed} conn process${p.killed > 1 ? "es" : ""}`;
    console.log(`roomcast cluster, reconnect storm of ${label}:`);
    (r.reconnectStorm ??= {})[label] = await outcome(() => reconnectStorm(p, nodeArgs));
  }

  mkdirSync(o.out, { recursive: true });
  const stem = `${started.toISOString().slice(0, 10)}-${r.cores}cores${o.quick ? "-quick" : ""}`;
  const svg = await latencySvg(r.fanout, r.systems);
  if (svg) writeFileSync(path.join(o.out, `${stem}-fanout-latency.svg`), svg);
  const md = markdown(r, svg ? `${stem}-fanout-latency.svg` : undefined);
  writeFileSync(path.join(o.out, `${stem}.json`), JSON.stringify(r, null, 2));
  writeFileSync(path.join(o.out, `${stem}.md`), md);
  console.log(md);
  console.log(`written: ${path.join(o.out, stem)}.{md,json}${svg ? ", -fanout-latency.svg" : ""}`);
  if (o.cpuProfDir)
    for (const f of readdirSync(o.cpuProfDir).filter((f) => f.endsWith(".cpuprofile")))
      console.log(profileTable(f, topOfProfile(path.join(o.cpuProfDir, f))), "\n");
  return r;
}

if (require.main === module) {
  const program = new Command("bench")
    .description("roomcast benchmark harness: roomcast beside socket.io, Centrifugo and a bare uWS ceiling")
    .option("--quick", "every scenario at a small size (under two minutes)", false)
    .option("--out <dir>", "where results go", path.join(__dirname, "results"))
    .option("--systems <keys>", `comma-separated subset of: ${SYSTEMS.map((s) => s.key).join(", ")}`, (v: string) => v.split(","))
    .option("--scenarios <names>", `comma-separated subset of: ${SCENARIOS.join(", ")}`, (v: string) => v.split(",") as Scenario[])
    .option("--cpu-prof <dir>", "write V8 CPU profiles of the roomcast and ceiling server processes into <dir>")
    .parse();
  const opts = program.opts<{ quick: boolean; out: string; systems?: string[]; scenarios?: Scenario[]; cpuProf?: string }>();
  runBench({
    quick: opts.quick,
    out: opts.out,
    systems: opts.systems,
    scenarios: opts.scenarios,
    cpuProfDir: opts.cpuProf,
  }).catch((err: unknown) => {
    console.error("bench failed:", err);
    process.exit(1);
  });
}
