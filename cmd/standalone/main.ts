// standalone: conn, logic and job in one process with the in-memory queue and static discovery.
// The zero-dependency default: same protocol and HTTP API as a cluster, no NSQ, no etcd, no loopback gRPC.
import { defaultHistory, defaultLog, defaultMode } from "@roomcast/pkg/config";
import { historyFromConfig } from "@roomcast/pkg/history";
import { boot, onShutdown, serveOps, startFailure } from "@roomcast/pkg/lifecycle";
import { createRegistry } from "@roomcast/pkg/metrics";
import { StaticDiscovery } from "@roomcast/pkg/discovery";
import { MemoryQueue } from "@roomcast/pkg/queue";
import { defaultConnConfig, ConnNode, loadNativeUws } from "@roomcast/internal/conn";
import { applyLogicMode, defaultLogicConfig, logicFromConfig, pushGrpcServer } from "@roomcast/internal/logic";
import { defaultJobConfig, jobFromConfig } from "@roomcast/internal/job";
import { DirectConnLink, DirectLogicLink } from "./links";
import { roomcastEnv } from "../settings";

/**
 * A tier's settings without its [log], mode and [history]: standalone is one process with one log, one mode and one
 * history store, its top-level [log] (ROOMCAST_LOG_*), `mode` (ROOMCAST_MODE) and [history] (ROOMCAST_HISTORY_*).
 */
function withoutLog<T extends { log: unknown; mode: unknown; history: unknown }>(tierConfig: T): Omit<T, "log" | "mode" | "history"> {
  const { log: _log, mode: _mode, history: _history, ...rest } = tierConfig;
  return rest;
}

// The built-in defaults are the tiers' own (POST /tk and the chat page off): standalone.toml, a dev config, turns them on.
const defaults = () => ({
  mode: defaultMode(),
  conn: withoutLog(defaultConnConfig()),
  logic: withoutLog(defaultLogicConfig()),
  job: withoutLog(defaultJobConfig()),
  log: defaultLog(),
  history: defaultHistory(),
});

async function main() {
  const { cfg: loaded, file, log, fileSets } = boot("standalone", defaults(), __dirname, { env: roomcastEnv() });
  // Each tier's config type carries a [log] and a mode; here they are the process's.
  const { mode, history: historySection } = loaded;
  const cfg = {
    ...loaded,
    conn: { ...loaded.conn, log: loaded.log, mode, history: historySection },
    logic: { ...loaded.logic, log: loaded.log, mode, history: historySection },
    job: { ...loaded.job, log: loaded.log, mode, history: historySection },
  };
  // One store for the three tiers: memory unless [history] names Redis.
  const history = historyFromConfig(historySection, cfg.conn.node.cluster, true);
  applyLogicMode(cfg.logic, { file, fileSets, keyPrefix: "logic." });
  const uws = loadNativeUws();
  log.info({ uws: uws.implementation }, "uWebSockets.js implementation");
  const registry = createRegistry("standalone", cfg.conn.node.id);
  const discovery = new StaticDiscovery();
  const queue = new MemoryQueue();
  // job consumes the topics logic publishes to, whatever the job section says.
  cfg.job.queue.topicNormal = cfg.logic.queue.topicNormal;
  cfg.job.queue.topicImportant = cfg.logic.queue.topicImportant;
  cfg.job.queue.partitions = cfg.logic.queue.partitions;

  let wsUrl = "";
  const logic = logicFromConfig(cfg.logic, { queue, log, registry, connUrls: () => [wsUrl], history });
  const connWatch = await discovery.watch("conn", (nodes) => logic.online.setNodes(nodes.map((n) => n.id)));

  const conn = new ConnNode({ config: cfg.conn, logic: new DirectLogicLink(logic.service), log, registry, uws, history });
  await conn.start();
  wsUrl = conn.wsUrl;
  const registration = await discovery.register("conn", {
    id: cfg.conn.node.id,
    addrs: { ws: `${cfg.conn.node.host}:${conn.wsPort}`, wsUrl },
  });

  // The one job node holds every room partition.
  const job = jobFromConfig(cfg.job, {
    queue,
    conns: new DirectConnLink(cfg.conn.node.id, conn),
    log,
    registry,
    claims: discovery.claims("partitions", cfg.job.node.id),
    jobs: () => [],
    history,
  });
  await job.start();

  const httpPort = await logic.http.listen(cfg.logic.http.port, cfg.logic.http.listenHost);
  // The gRPC Push API for business services, on [logic.grpc] (its checks are POST /msg's: the push token, its claim).
  const pushServer = pushGrpcServer(logic.pushApi);
  const grpcPort = await pushServer.listen(cfg.logic.grpc.listenHost, cfg.logic.grpc.port);
  // One process, one ops listener: conn's [conn.ops] settings (ROOMCAST_CONN_OPS_*).
  const ops = await serveOps({
    ...cfg.conn.ops,
    metrics: () => registry.metrics(),
    health: () => conn.ws.health(),
    portKey: "conn.ops.port",
  });

  onShutdown(log, [
    { name: "http", run: () => logic.http.close() },
    { name: "grpc", run: () => pushServer.close() },
    { name: "ops", run: () => ops.close() },
    { name: "sockets", run: () => conn.stop() },
    { name: "deregister", run: () => registration.deregister() },
    { name: "job", run: () => job.stop() },
    { name: "watch", run: () => connWatch.close() },
    { name: "queue", run: () => queue.close() },
    { name: "history", run: async () => history?.close() },
  ]);
  // Only now: whoever waits for this line may stop the node at once, and the signal handlers are in place.
  const http = `http://${cfg.conn.node.host}:${httpPort}`;
  const page = cfg.logic.http.enableChatPage ? `chat page at ${http}/` : `HTTP API at ${http} (chat page off)`;
  log.info({ mode, ws: wsUrl, http, grpc: grpcPort, ops: ops.port, config: file }, `standalone ready: connect to ${wsUrl}, ${page}`);
}

main().catch((err: unknown) => {
  console.error(startFailure("standalone", err));
  process.exit(1);
});
