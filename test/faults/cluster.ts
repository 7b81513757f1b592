// The cluster of the fault suite, one process per host: nsqlookupd, nsqd and etcd on host infra, the second nsqd
// (every IMPORTANT message's other copy) on host infra2, and two each of logic, job and conn on their own hosts. Every process listens on its host's address and advertises it; the
// driver (root namespace) reaches them through the bridge. Ports are the defaults: each host has its own.
import * as path from "node:path";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { findBinary, repoRoot } from "../harness/bin";
import { startProc, type Proc } from "../harness/proc";
import { TOKEN_SECRET, testTuning } from "../harness/roomcast";
import { createNetwork, type Host, type Network } from "./netns";

export const HOSTS = ["infra", "infra2", "logic0", "logic1", "job0", "job1", "conn0", "conn1"];
export const PORTS = {
  ws: 3102,
  connGrpc: 3109,
  logicHttp: 3111,
  logicGrpc: 3119,
  nsqdTcp: 4150,
  nsqdHttp: 4151,
  lookupd: 4160,
  etcd: 2379,
};

export type Role = "nsqlookupd" | "nsqd" | "etcd" | "logic" | "job" | "conn";

export interface Managed {
  /** nsqd, nsqd-second, etcd, logic-0, conn-1, … */
  name: string;
  role: Role;
  host: Host;
  /** The process as it runs now (a new one after a restart). */
  proc: Proc;
  /** Starts it again (after kill9) on the same host, ports and data; resolves once it says it is ready. */
  start(): Promise<void>;
}

export interface FaultCluster {
  net: Network;
  ttlSec: number;
  reportIntervalMs: number;
  procs: Map<string, Managed>;
  get(name: string): Managed;
  /** ws://IP:3102/room of conn-0, conn-1. */
  wsUrls: string[];
  /** http://IP:3111 of logic-0, logic-1. */
  httpUrls: string[];
  /** Every process's pid now (undefined: not running). */
  pids(): Map<string, number | undefined>;
  kill9(name: string): Promise<void>;
  stop(): Promise<void>;
}

const FAULTS_DIR = path.join(repoRoot, ".data/faults");
/** The data folders of the run, removed when it stops (the logs stay). */
const INFRA_DATA = ["nsqd", "nsqd-second", "etcd"];

function alive(p: Proc): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

/** A process inside a host: `ip netns exec` runs the command in place (same pid). */
function inHost(host: Host, name: string, cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  return startProc(name, "ip", ["netns", "exec", host.ns, cmd, ...args], env, repoRoot);
}

/** `ip`: the process's host; `infra`: nsqlookupd's; `data`: its data folder. */
function infraArgs(role: Role, ip: string, infra: string, data: string): string[] {
  if (role === "nsqlookupd")
    return [`-tcp-address=${ip}:${PORTS.lookupd}`, `-http-address=${ip}:${PORTS.lookupd + 1}`, `-broadcast-address=${ip}`];
  if (role === "nsqd")
    return [
      `-tcp-address=${ip}:${PORTS.nsqdTcp}`,
      `-http-address=${ip}:${PORTS.nsqdHttp}`,
      `-broadcast-address=${ip}`,
      `-lookupd-tcp-address=${infra}:${PORTS.lookupd}`,
      `-data-path=${data}`,
      // On disk before the 200, as roomcast runs nsqd (README, "Production"); a killed consumer's messages return in 10 s.
      "-mem-queue-size=0",
      "-sync-timeout=100ms",
      "-msg-timeout=10s",
    ];
  const peer = `http://${ip}:${PORTS.etcd + 1}`;
  return [
    ...["--name", "infra", "--data-dir", data],
    ...["--listen-client-urls", `http://${ip}:${PORTS.etcd}`, "--advertise-client-urls", `http://${ip}:${PORTS.etcd}`],
    ...["--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", `infra=${peer}`],
  ];
}

const READY: Record<Role, (ip: string) => RegExp> = {
  nsqlookupd: (ip) => new RegExp(`HTTP: listening on ${ip.replace(/\./g, "\\.")}:${PORTS.lookupd + 1}`),
  nsqd: (ip) => new RegExp(`HTTP: listening on ${ip.replace(/\./g, "\\.")}:${PORTS.nsqdHttp}`),
  etcd: () => /ready to serve client requests|serving (insecure )?client (requests|traffic)/,
  logic: () => /logic ready/,
  job: () => /job ready/,
  conn: () => /conn ready/,
};

/** Every ROOMCAST_* variable of one node: its host's address for listening and advertising, infra's for the rest. */
function nodeEnv(
  role: "logic" | "job" | "conn",
  i: number,
  ip: string,
  infra: string,
  infra2: string,
  c: { cluster: string; ttlSec: number; reportMs: number },
) {
  const T = role.toUpperCase();
  const env: Record<string, string> = {
    [`ROOMCAST_${T}_NODE_ID`]: `${role}-${i}`,
    [`ROOMCAST_${T}_NODE_CLUSTER`]: c.cluster,
    [`ROOMCAST_${T}_NODE_HOST`]: ip,
    [`ROOMCAST_${T}_OPS_LISTEN_HOST`]: ip,
    [`ROOMCAST_${T}_DISCOVERY_KIND`]: "etcd",
    [`ROOMCAST_${T}_DISCOVERY_ETCD`]: `${infra}:${PORTS.etcd}`,
    [`ROOMCAST_${T}_DISCOVERY_TTL_SEC`]: String(c.ttlSec),
  };
  const lookupd = `${infra}:${PORTS.lookupd + 1}`;
  if (role === "logic")
    Object.assign(env, {
      ROOMCAST_LOGIC_HTTP_LISTEN_HOST: ip,
      ROOMCAST_LOGIC_GRPC_LISTEN_HOST: ip,
      ROOMCAST_LOGIC_HTTP_ENABLE_TOKEN_ENDPOINT: "true",
      ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
      ROOMCAST_LOGIC_QUEUE_NSQD_TCP: `${infra}:${PORTS.nsqdTcp}`,
      ROOMCAST_LOGIC_QUEUE_NSQD_HTTP: `${infra}:${PORTS.nsqdHttp}`,
      ROOMCAST_LOGIC_QUEUE_SECOND_NSQD_TCP: `${infra2}:${PORTS.nsqdTcp}`,
      ROOMCAST_LOGIC_QUEUE_SECOND_NSQD_HTTP: `${infra2}:${PORTS.nsqdHttp}`,
      ROOMCAST_LOGIC_QUEUE_LOOKUPD_HTTP: lookupd,
    });
  if (role === "job")
    Object.assign(env, {
      ROOMCAST_JOB_QUEUE_LOOKUPD_HTTP: lookupd,
      ROOMCAST_JOB_QUEUE_LOOKUPD_POLL_SEC: "1",
      ROOMCAST_JOB_QUEUE_BACKOFF_MS: "100",
      ROOMCAST_JOB_QUEUE_MAX_BACKOFF_MS: "1000",
    });
  if (role === "conn")
    Object.assign(env, {
      ROOMCAST_CONN_WS_LISTEN_HOST: ip,
      ROOMCAST_CONN_GRPC_LISTEN_HOST: ip,
      ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: testTuning.heartbeatTimeoutSec,
      ROOMCAST_CONN_WS_SIGN_IN_TIMEOUT_SEC: testTuning.signInTimeoutSec,
      ROOMCAST_CONN_ONLINE_REPORT_INTERVAL_MS: String(c.reportMs),
    });
  return env;
}

/** Removes the folders of earlier runs whose process is gone; the last run's logs stay until the next run. */
function freshRunDir(): string {
  mkdirSync(FAULTS_DIR, { recursive: true });
  for (const d of readdirSync(FAULTS_DIR).filter((f) => /^\d+$/.test(f))) {
    const pid = Number(d);
    let running = false;
    try {
      running = Number.isFinite(pid) && pid !== process.pid && (process.kill(pid, 0), true);
    } catch {
      running = false;
    }
    if (!running) rmSync(path.join(FAULTS_DIR, d), { recursive: true, force: true });
  }
  const dir = path.join(FAULTS_DIR, String(process.pid));
  for (const data of INFRA_DATA) mkdirSync(path.join(dir, data), { recursive: true });
  return dir;
}

export interface FaultClusterOptions {
  ttlSec?: number;
  reportIntervalMs?: number;
}

/** Builds the hosts and starts every process; on failure leaves nothing behind. */
export async function startFaultCluster(opts: FaultClusterOptions = {}): Promise<FaultCluster> {
  const { ttlSec = 3, reportIntervalMs = 500 } = opts;
  const dir = freshRunDir();
  const net = createNetwork(HOSTS);
  const infra = net.host("infra").ip;
  const infra2 = net.host("infra2").ip;
  const c = { cluster: `faults${process.pid}`, ttlSec, reportMs: reportIntervalMs };
  const procs = new Map<string, Managed>();
  const generation = new Map<string, number>();
  const keepOutput = (m: Managed) => {
    const n = (generation.get(m.name) ?? 0) + 1;
    generation.set(m.name, n);
    writeFileSync(path.join(dir, `${m.name}.${n}.out`), m.proc.output());
  };
  const define = (name: string, role: Role, host: Host, launch: () => Proc) => {
    const m: Managed = {
      name,
      role,
      host,
      proc: undefined as unknown as Proc,
      async start() {
        m.proc = launch();
        await m.proc.waitFor(READY[role](host.ip), 90_000);
      },
    };
    procs.set(name, m);
    return m;
  };
  for (const role of ["nsqlookupd", "nsqd", "etcd"] as const)
    define(role, role, net.host("infra"), () =>
      inHost(net.host("infra"), role, findBinary(role), infraArgs(role, infra, infra, path.join(dir, role))),
    );
  define("nsqd-second", "nsqd", net.host("infra2"), () =>
    inHost(net.host("infra2"), "nsqd-second", findBinary("nsqd"), infraArgs("nsqd", infra2, infra, path.join(dir, "nsqd-second"))),
  );
  for (const role of ["logic", "job", "conn"] as const)
    for (const i of [0, 1]) {
      const host = net.host(`${role}${i}`);
      const env = {
        ...nodeEnv(role, i, host.ip, infra, infra2, c),
        ROOMCAST_LOG_FILE: path.join(dir, `${role}-${i}.log`),
        ROOMCAST_MODE: "dev",
      };
      define(`${role}-${i}`, role, host, () =>
        inHost(host, `${role}-${i}`, process.execPath, ["--import", "tsx", path.join(repoRoot, `cmd/${role}/main.ts`)], env),
      );
    }
  const cluster: FaultCluster = {
    net,
    ttlSec,
    reportIntervalMs,
    procs,
    get(name) {
      const m = procs.get(name);
      if (!m) throw new Error(`no process ${name}`);
      return m;
    },
    wsUrls: [0, 1].map((i) => `ws://${net.host(`conn${i}`).ip}:${PORTS.ws}/room`),
    httpUrls: [0, 1].map((i) => `http://${net.host(`logic${i}`).ip}:${PORTS.logicHttp}`),
    pids: () => new Map([...procs.values()].map((m) => [m.name, m.proc && alive(m.proc) ? m.proc.child.pid : undefined])),
    async kill9(name) {
      const m = cluster.get(name);
      await m.proc.kill9();
      keepOutput(m);
    },
    async stop() {
      await Promise.all([...procs.values()].filter((m) => m.proc).map((m) => m.proc.kill9().then(() => keepOutput(m))));
      net.destroy();
      for (const data of INFRA_DATA) rmSync(path.join(dir, data), { recursive: true, force: true });
    },
  };
  try {
    await startAll(cluster);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

/** Infra first, then every node; ready once each conn node sees both logic nodes. */
async function startAll(cluster: FaultCluster): Promise<void> {
  await cluster.get("nsqlookupd").start();
  await Promise.all(["nsqd", "nsqd-second", "etcd"].map((name) => cluster.get(name).start()));
  const nodes = [...cluster.procs.values()].filter((m) => ["logic", "job", "conn"].includes(m.role));
  await Promise.all(nodes.map((m) => m.start()));
  await Promise.all([0, 1].map((i) => cluster.get(`conn-${i}`).proc.waitFor(/"logic":"logic-0,logic-1"/, 20_000)));
}
