// A cluster of separate conn, logic and job processes on real nsqd, nsqlookupd and etcd.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { onFreePorts, startReady, waitForPort, type Proc } from "./proc";
import { startNsq } from "./nsq";
import { startEtcd } from "./etcd";
import { makePki, type Pki } from "./pki";
import { TOKEN_SECRET, opsUrlOf, testTuning, tsProc, type Target } from "./roomcast";
import { deleteRedisKeys } from "./redis";

export interface ClusterOptions {
  conns?: number;
  logics?: number;
  jobs?: number;
  /** etcd lease TTL of every node. */
  ttlSec?: number;
  /** Every conn process listens on one WebSocket port (SO_REUSEPORT; the kernel spreads connections). */
  sharedWsPort?: boolean;
  /** More environment for every conn, logic and job process (ROOMCAST_HISTORY_* and the like). */
  env?: Record<string, string>;
  /** More environment for every conn process (after the defaults, so it can override them). */
  connEnv?: Record<string, string>;
  /** More environment for conn process i only (after connEnv). */
  connEnvOf?: (i: number) => Record<string, string>;
  /** Node flags for every conn process (e.g. --inspect). */
  connNodeArgs?: string[];
  /** Node flags for every conn, logic and job process (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** NORMAL messages through a second nsqd kept in memory, as pnpm cluster runs them (logic's queue.normalNsqdTcp). */
  normalNsqd?: boolean;
  /** Every IMPORTANT message to a second nsqd on disk too, as pnpm cluster runs them (logic's queue.secondNsqdTcp). */
  secondNsqd?: boolean;
  /** Extra nsqd flags. */
  nsqdArgs?: string[];
  /**
   * nsqd -msg-timeout (startNsq's default: 10s): how long a message handed to a consumer that dies stays in flight
   * before nsqd hands it to another; the tests that kill a job node with messages in flight wait this out.
   */
  nsqMsgTimeout?: string;
  /**
   * TLS on every internal link: a throwaway CA and certificate (openssl), gRPC with client certificates, etcd over TLS
   * with client certificates and user/password, nsqd requiring TLS with client certificates.
   */
  tls?: boolean;
}

export interface Cluster extends Target {
  conns: Proc[];
  logics: Proc[];
  jobs: Proc[];
  /** Each conn node's gRPC address (host:port), in the order of `conns`. */
  connGrpcAddrs: string[];
  /** Each logic node's gRPC address (the Logic service and the Push API), in the order of `logics`. */
  logicGrpcAddrs: string[];
  /** The CA and certificate of a TLS cluster. */
  pki?: Pki;
  /** job /metrics URLs (on each job's ops listener). */
  jobMetricsUrls: string[];
  /** Each conn and logic node's ops listener (/metrics, /healthz), in the order of `conns` and `logics`. */
  connOpsUrls: string[];
  logicOpsUrls: string[];
  etcdEndpoint: string;
  /** The prefix of this cluster's history keys in Redis (deleted when it stops). */
  historyKeyPrefix: string;
  lookupdHttp: string;
  nsqdHttp: string;
  /** The in-memory nsqd for NORMAL messages (ClusterOptions.normalNsqd). */
  normalNsqdHttp?: string;
  /** The second nsqd on disk (ClusterOptions.secondNsqd). */
  secondNsqdHttp?: string;
  /** nsqd as it runs now (a new process after restartNsqd). */
  readonly nsqd: Proc;
  readonly secondNsqd?: Proc;
  /** Starts nsqd (or the second one) again, stopping it first if it runs, on the same ports and data folder. */
  restartNsqd(which?: "first" | "second"): Promise<void>;
  /** nsqd, nsqlookupd and etcd as they run now, then the second nsqd and the in-memory one where they run. */
  infra(): Proc[];
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const { conns = 2, logics = 2, jobs = 2, ttlSec = 3, connEnv = {}, connNodeArgs = [], nodeArgs = [] } = opts;
  const logDir = mkdtempSync(path.join(tmpdir(), "roomcast-cluster-"));
  const pki = opts.tls ? makePki(path.join(logDir, "pki")) : undefined;
  const [nsqStarted, etcdStarted] = await Promise.allSettled([
    startNsq({
      nsqdArgs: opts.nsqdArgs,
      msgTimeout: opts.nsqMsgTimeout,
      tls: pki,
      normalNsqd: opts.normalNsqd,
      secondNsqd: opts.secondNsqd,
    }),
    startEtcd({ tls: pki }),
  ]);
  if (nsqStarted.status === "rejected" || etcdStarted.status === "rejected") {
    // Whichever did start is stopped, so a failed start leaves no process behind.
    await Promise.all([nsqStarted, etcdStarted].map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)));
    throw nsqStarted.status === "rejected" ? nsqStarted.reason : (etcdStarted as PromiseRejectedResult).reason;
  }
  const [nsq, etcd] = [nsqStarted.value, etcdStarted.value];
  const cluster = `it${Math.random().toString(36).slice(2, 8)}`;
  // Every tier's settings are ROOMCAST_<TIER>_<SECTION>_<KEY> (README, "Configuration").
  const common = (tier: "CONN" | "LOGIC" | "JOB") => ({
    [`ROOMCAST_${tier}_NODE_CLUSTER`]: cluster,
    [`ROOMCAST_${tier}_DISCOVERY_KIND`]: "etcd",
    [`ROOMCAST_${tier}_DISCOVERY_ETCD`]: etcd.endpoint,
    [`ROOMCAST_${tier}_DISCOVERY_TTL_SEC`]: String(ttlSec),
    ...opts.env,
    ...(pki
      ? {
          [`ROOMCAST_${tier}_TLS_CA`]: pki.ca,
          [`ROOMCAST_${tier}_TLS_CERT`]: pki.cert,
          [`ROOMCAST_${tier}_TLS_KEY`]: pki.key,
          [`ROOMCAST_${tier}_TLS_GRPC`]: "true",
          [`ROOMCAST_${tier}_TLS_ETCD`]: "true",
          [`ROOMCAST_${tier}_TLS_NSQ`]: "true",
          [`ROOMCAST_${tier}_DISCOVERY_ETCD_USER`]: etcd.auth!.username,
          [`ROOMCAST_${tier}_DISCOVERY_ETCD_PASSWORD`]: etcd.auth!.password,
        }
      : {}),
  });
  // Each process on fresh free ports, started again on new ones should another process take one first.
  const launch = <T>(ports: number, ready: string, start: (ports: number[]) => { proc: Proc } & T) =>
    onFreePorts(ports, async (free) => {
      const started = start(free);
      await startReady(() => started.proc, ready);
      return started;
    });
  const logicStarts = Array.from({ length: logics }, (_, i) =>
    launch(2, "logic ready", ([http, grpc]) => ({
      proc: tsProc(
        `logic-${i}`,
        "cmd/logic/main.ts",
        {
          ...common("LOGIC"),
          ROOMCAST_LOGIC_NODE_ID: `logic-${i}`,
          ROOMCAST_LOGIC_HTTP_PORT: String(http),
          ROOMCAST_LOGIC_GRPC_PORT: String(grpc),
          ROOMCAST_LOGIC_HTTP_ENABLE_TOKEN_ENDPOINT: "true",
          ROOMCAST_LOGIC_HTTP_ENABLE_CHAT_PAGE: "true",
          ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
          ROOMCAST_LOGIC_QUEUE_NSQD_TCP: nsq.nsqdTcp,
          ROOMCAST_LOGIC_QUEUE_NSQD_HTTP: nsq.nsqdHttp,
          ROOMCAST_LOGIC_QUEUE_LOOKUPD_HTTP: nsq.lookupdHttp,
          ...(nsq.normalNsqdTcp
            ? { ROOMCAST_LOGIC_QUEUE_NORMAL_NSQD_TCP: nsq.normalNsqdTcp, ROOMCAST_LOGIC_QUEUE_NORMAL_NSQD_HTTP: nsq.normalNsqdHttp! }
            : {}),
          ...(nsq.secondNsqdTcp
            ? { ROOMCAST_LOGIC_QUEUE_SECOND_NSQD_TCP: nsq.secondNsqdTcp, ROOMCAST_LOGIC_QUEUE_SECOND_NSQD_HTTP: nsq.secondNsqdHttp! }
            : {}),
        },
        logDir,
        nodeArgs,
      ),
      httpUrl: `http://127.0.0.1:${http}`,
      grpcAddr: `127.0.0.1:${grpc}`,
    })),
  );
  const jobStarts = Array.from({ length: jobs }, (_, i) =>
    launch(1, "job ready", ([http]) => ({
      proc: tsProc(
        `job-${i}`,
        "cmd/job/main.ts",
        {
          ...common("JOB"),
          ROOMCAST_JOB_NODE_ID: `job-${i}`,
          ROOMCAST_JOB_OPS_PORT: String(http),
          ROOMCAST_JOB_QUEUE_LOOKUPD_HTTP: nsq.lookupdHttp,
          ROOMCAST_JOB_QUEUE_LOOKUPD_POLL_SEC: "1",
          ROOMCAST_JOB_QUEUE_BACKOFF_MS: "100",
          ROOMCAST_JOB_QUEUE_MAX_BACKOFF_MS: "1000",
        },
        logDir,
        nodeArgs,
      ),
      metricsUrl: `http://127.0.0.1:${http}/metrics`,
    })),
  );
  const startConn = (i: number, sharedWs?: number) =>
    launch(sharedWs ? 1 : 2, "conn ready", ([a, b]) => {
      const [ws, grpc] = sharedWs ? [sharedWs, a!] : [a!, b!];
      return {
        proc: tsProc(
          `conn-${i}`,
          "cmd/conn/main.ts",
          {
            ...common("CONN"),
            ROOMCAST_CONN_NODE_ID: `conn-${i}`,
            ROOMCAST_CONN_WS_PORT: String(ws),
            // Every process on a shared port says so; alone, a conn node binds its port exclusively.
            ROOMCAST_CONN_WS_SHARE_PORT: String(opts.sharedWsPort === true),
            ROOMCAST_CONN_GRPC_PORT: String(grpc),
            ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: testTuning.heartbeatTimeoutSec,
            ROOMCAST_CONN_WS_SIGN_IN_TIMEOUT_SEC: testTuning.signInTimeoutSec,
            ROOMCAST_CONN_ONLINE_REPORT_INTERVAL_MS: "500",
            ...connEnv,
            ...opts.connEnvOf?.(i),
          },
          logDir,
          [...connNodeArgs, ...nodeArgs],
        ),
        ws,
        grpc,
      };
    });
  // On one shared WebSocket port, conn-0 takes a free one and the others join it (SO_REUSEPORT) once it listens.
  const connStarts = opts.sharedWsPort
    ? (() => {
        const first = conns > 0 ? startConn(0) : undefined;
        const rest = Array.from({ length: Math.max(0, conns - 1) }, (_, i) => first!.then((c) => startConn(i + 1, c.ws)));
        return first ? [first, ...rest] : [];
      })()
    : Array.from({ length: conns }, (_, i) => startConn(i));
  const settled = await Promise.allSettled([...logicStarts, ...jobStarts, ...connStarts]);
  const all = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value.proc] : []));
  const historyKeyPrefix = `roomcast:${cluster}:`;
  const stopAll = async () => {
    await Promise.all(all.map((p) => p.stop()));
    await Promise.all([nsq.stop(), etcd.stop(), deleteRedisKeys(historyKeyPrefix)]);
    rmSync(logDir, { recursive: true, force: true });
  };
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    // What did start is stopped, so a failed start leaves no process behind.
    await stopAll();
    throw failed.reason;
  }
  // All started: these resolve at once.
  const [logicsUp, jobsUp, connsUp] = await Promise.all([Promise.all(logicStarts), Promise.all(jobStarts), Promise.all(connStarts)]);
  const logicProcs = logicsUp.map((l) => l.proc);
  const httpUrls = logicsUp.map((l) => l.httpUrl);
  const jobProcs = jobsUp.map((j) => j.proc);
  const jobMetricsUrls = jobsUp.map((j) => j.metricsUrl);
  const connProcs = connsUp.map((c) => c.proc);
  const wsUrls = [...new Set(connsUp.map((c) => `ws://127.0.0.1:${c.ws}/room`))];
  const connGrpcAddrs = connsUp.map((c) => `127.0.0.1:${c.grpc}`);
  try {
    // Every conn node sees every logic node before the tests begin.
    await Promise.all(
      connProcs.map((p) => p.waitFor(new RegExp(`"logic":"${Array.from({ length: logics }, (_, i) => `logic-${i}`).join(",")}"`), 15_000)),
    );
    await Promise.all(wsUrls.map((u) => waitForPort(Number(new URL(u).port))));
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    name: "cluster",
    wsUrls,
    httpUrls,
    procs: all,
    conns: connProcs,
    logics: logicProcs,
    jobs: jobProcs,
    jobMetricsUrls,
    connOpsUrls: connProcs.map(opsUrlOf),
    logicOpsUrls: logicProcs.map(opsUrlOf),
    opsUrls: all.map(opsUrlOf),
    connGrpcAddrs,
    logicGrpcAddrs: logicsUp.map((l) => l.grpcAddr),
    pushGrpcAddrs: logicsUp.map((l) => l.grpcAddr),
    pki,
    etcdEndpoint: etcd.endpoint,
    historyKeyPrefix,
    lookupdHttp: nsq.lookupdHttp,
    nsqdHttp: nsq.nsqdHttp,
    ...(nsq.normalNsqdHttp ? { normalNsqdHttp: nsq.normalNsqdHttp } : {}),
    ...(nsq.secondNsqdHttp ? { secondNsqdHttp: nsq.secondNsqdHttp } : {}),
    get nsqd() {
      return nsq.nsqd;
    },
    get secondNsqd() {
      return nsq.secondNsqd;
    },
    restartNsqd: (which) => nsq.restartNsqd(which),
    infra: () => [
      nsq.nsqd,
      nsq.lookupd,
      etcd.proc,
      ...(nsq.secondNsqd ? [nsq.secondNsqd] : []),
      ...(nsq.normalNsqd ? [nsq.normalNsqd] : []),
    ],
    stop: stopAll,
  };
}
