// roomcast as a system under test: standalone, and the local cluster on real nsqd, nsqlookupd and etcd.
// The per-client rate limit is lifted (the load is the point) and the idle timeout is the production one.
import { PUSH_SCOPE, Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET } from "../../harness/roomcast";
import { startCluster } from "../../harness/cluster";
import { startRedis } from "../../harness/redis";
import type { Proc } from "../../harness/proc";
import { INSPECT, collectGarbage, inspectPort } from "./inspector";
import type { SystemUnderTest } from "./system";
import { getText, postJson } from "./http_post";

const tuning = {
  WS_MESSAGES_PER_SEC: "1000000",
  WS_MESSAGE_BURST: "1000000",
  // Every bench client is uid "bench", from a few 127.0.0.x addresses, 15,000+ per process: the caps are lifted too.
  WS_MESSAGES_PER_SEC_PER_UID: "1000000",
  WS_MESSAGE_BURST_PER_UID: "1000000",
  WS_MAX_CONNECTIONS: "1000000",
  WS_MAX_CONNECTIONS_PER_IP: "1000000",
  WS_MAX_UNSIGNED_PER_IP: "1000000",
  WS_MAX_CONNECTIONS_PER_UID: "1000000",
  // The production idle timeout (the test harness shortens it to 4 s); bench clients beat every 20 s.
  WS_HEARTBEAT_TIMEOUT_SEC: "60",
  // The default full online report (the test harness sends one every 500 ms); changes go every 100 ms either way.
  ONLINE_REPORT_INTERVAL_MS: "2000",
};
/** conn's settings are ROOMCAST_CONN_* in standalone and in a conn process alike. */
export const benchTuning = Object.fromEntries(Object.entries(tuning).map(([k, v]) => [`ROOMCAST_CONN_${k}`, v]));

const benchToken = () => new Tokens({ secret: TOKEN_SECRET, ttlSec: 86_400 }).sign("bench");
const benchTokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 86_400 });
const tokenFor = (i: number) => benchTokens.sign(`bench-${i}`);
const pidsOf = (procs: Proc[]) => procs.map((p) => p.child.pid!);

export interface RoomcastOptions {
  /** More node flags for the roomcast processes (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** The clients speak the JSON codec (protocol 2, roomcast.json) instead of protobuf. */
  json?: boolean;
  /**
   * Room history (issue 15), on by default as in a deployment: standalone keeps it in memory, the cluster in a Redis
   * of the bench's own, whose CPU counts as the cluster's. false: [history] store = off.
   */
  history?: boolean;
}

const noHistory = { ROOMCAST_HISTORY_STORE: "off" };
const historyLabel = (o: RoomcastOptions) => (o.history === false ? ", no history" : "");

export async function roomcastStandalone(o: RoomcastOptions = {}): Promise<SystemUnderTest> {
  const target = await startStandalone({ ...benchTuning, ...(o.history === false ? noHistory : {}) }, [INSPECT, ...(o.nodeArgs ?? [])]);
  const port = await inspectPort(target.procs[0]);
  return {
    name: `roomcast standalone${o.json ? ", JSON" : ""}${historyLabel(o)}`,
    client: o.json ? "roomcastJson" : "roomcast",
    protocol2: true,
    wsUrls: target.wsUrls,
    token: benchToken(),
    tokenFor,
    pids: () => pidsOf(target.procs),
    processes: () => target.procs.map((p) => ({ name: p.name, pid: p.child.pid! })),
    connPids: () => pidsOf(target.procs),
    connections: () => connectionsOf(target.opsUrls),
    gc: () => collectGarbage(port),
    postMessage: (room, body) => postMsg(target.httpUrls[0], room, body),
    stop: () => target.stop(),
  };
}

export interface RoomcastClusterOptions extends RoomcastOptions {
  /** conn processes (default 2). */
  conns?: number;
  /** Every conn process on one WebSocket port, as on a production host (docs/design.md, "Hot path"; README "Running a cluster across machines"). */
  sharedWsPort?: boolean;
  /** TLS on every internal link (gRPC with client certificates, etcd, NSQ), as in production (README, "Production"). */
  tls?: boolean;
}

export async function roomcastCluster(o: RoomcastClusterOptions = {}): Promise<SystemUnderTest> {
  const redis = o.history === false ? undefined : await startRedis();
  const c = await startCluster({
    env: redis ? { ROOMCAST_HISTORY_REDIS_URL: redis.url } : noHistory,
    conns: o.conns ?? 2,
    logics: 1,
    jobs: 1,
    ttlSec: 10,
    sharedWsPort: o.sharedWsPort,
    tls: o.tls,
    connEnv: benchTuning,
    connNodeArgs: [INSPECT],
    nodeArgs: o.nodeArgs,
    // As pnpm cluster: IMPORTANT through two nsqd on disk, NORMAL through one in memory.
    normalNsqd: true,
    secondNsqd: true,
  });
  const ports = await Promise.all(c.conns.map(inspectPort));
  return {
    name: `roomcast cluster${o.tls ? " + TLS" : ""}${o.json ? ", JSON" : ""}${historyLabel(o)}`,
    client: o.json ? "roomcastJson" : "roomcast",
    protocol2: true,
    wsUrls: c.wsUrls,
    token: benchToken(),
    tokenFor,
    pids: () => pidsOf([...c.procs, ...c.infra(), ...(redis ? [redis.proc] : [])]),
    processes: () => [...c.procs, ...c.infra(), ...(redis ? [redis.proc] : [])].map((p) => ({ name: p.name, pid: p.child.pid! })),
    connPids: () => pidsOf(c.conns),
    // Each conn process answers on its own ops listener, on a shared WebSocket port too.
    connections: () => connectionsOf(c.connOpsUrls),
    gc: async () => void (await Promise.all(ports.map(collectGarbage))),
    postMessage: (room, body) => postMsg(c.httpUrls[0], room, body),
    stop: async () => {
      await c.stop();
      await redis?.stop();
    },
  };
}

/** roomcast_conn_connections summed over the conn nodes (each serves /metrics on its ops listener). */
async function connectionsOf(opsUrls: string[]): Promise<number> {
  let sum = 0;
  for (const u of opsUrls) {
    const url = new URL(u);
    const text = await getText(`http://${url.host}/metrics`);
    const m = /^roomcast_conn_connections(?:\{[^}]*\})? (\S+)$/m.exec(text);
    if (!m || !Number.isFinite(Number(m[1]))) throw new Error(`${url.host}/metrics has no roomcast_conn_connections`);
    sum += Number(m[1]);
  }
  return sum;
}

const pushToken = new Tokens({ secret: TOKEN_SECRET, ttlSec: 86_400 }).sign("bench-service", PUSH_SCOPE);

async function postMsg(http: string, room: string, body: string): Promise<void> {
  const { status, text } = await postJson(`${http}/msg`, { room_id: room, msg: body }, { authorization: `Bearer ${pushToken}` });
  const answer = JSON.parse(text) as { code: number; msg: string };
  if (status !== 200 || answer.code !== 1) throw new Error(`POST /msg: HTTP ${status} ${text}`);
}
