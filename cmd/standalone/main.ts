// standalone: conn, logic and job in one process with the in-memory queue and static discovery.
// The zero-dependency default: same protocol and HTTP API as a cluster, no NSQ, no etcd, no loopback gRPC.
import { defaultLog } from "@roomcast/pkg/config";
import { boot, onShutdown } from "@roomcast/pkg/lifecycle";
import { createRegistry } from "@roomcast/pkg/metrics";
import { StaticDiscovery } from "@roomcast/pkg/discovery";
import { MemoryQueue } from "@roomcast/pkg/queue";
import { Tokens } from "@roomcast/pkg/token";
import { defaultConnConfig, ConnNode, DirectLogicLink, loadNativeUws } from "@roomcast/internal/conn";
import { defaultLogicConfig, ChatPage, LogicService, LogicHttp, OnlineTable } from "@roomcast/internal/logic";
import { defaultJobConfig, JobService, DirectConnLink } from "@roomcast/internal/job";

const defaults = () => {
  const logic = defaultLogicConfig();
  logic.http.enableTokenEndpoint = true;
  logic.http.enableChatPage = true;
  return { conn: defaultConnConfig(), logic, job: defaultJobConfig(), log: defaultLog() };
};

async function main() {
  const { cfg, file, log } = boot("standalone", defaults(), __dirname);
  const uws = loadNativeUws();
  log.info({ uws: uws.implementation }, "uWebSockets.js implementation");
  const registry = createRegistry("standalone", cfg.conn.node.id);
  const discovery = new StaticDiscovery();
  const queue = new MemoryQueue();
  const topics = { normal: cfg.logic.queue.topicNormal, important: cfg.logic.queue.topicImportant };

  const online = new OnlineTable(cfg.logic.online.expireSec * 1000);
  const tokens = new Tokens(cfg.logic.token);
  const logic = new LogicService({ tokens, queue, online, log, registry, topics, maxMessageBytes: cfg.logic.limits.maxMessageBytes });
  const connWatch = await discovery.watch("conn", (nodes) => online.setNodes(nodes.map((n) => n.id)));

  const conn = new ConnNode({ config: cfg.conn, logic: new DirectLogicLink(logic), log, registry, uws });
  await conn.start();
  const wsUrl = conn.wsUrl;
  const registration = await discovery.register("conn", {
    id: cfg.conn.node.id,
    addrs: { ws: `${cfg.conn.node.host}:${conn.wsPort}`, wsUrl },
  });

  const j = cfg.job;
  const job = new JobService({
    queue,
    conns: new DirectConnLink(cfg.conn.node.id, conn),
    log,
    registry,
    topics,
    channel: j.queue.channel,
    maxInFlight: j.queue.maxInFlight,
    backoffMs: j.queue.backoffMs,
    maxBackoffMs: j.queue.maxBackoffMs,
    batch: j.batch,
  });
  await job.start();

  const http = new LogicHttp({
    logic,
    tokens,
    log,
    registry,
    enableTokenEndpoint: cfg.logic.http.enableTokenEndpoint,
    maxBodyBytes: cfg.logic.http.maxBodyBytes,
    connUrls: () => [wsUrl],
    chatPage: cfg.logic.http.enableChatPage ? new ChatPage(log) : undefined,
  });
  const httpPort = await http.listen(cfg.logic.http.port, cfg.logic.http.listenHost);
  log.info({ ws: wsUrl, http: `http://${cfg.conn.node.host}:${httpPort}`, config: file }, "standalone ready");

  onShutdown(log, [
    { name: "http", run: () => http.close() },
    { name: "sockets", run: () => conn.stop() },
    { name: "deregister", run: () => registration.deregister() },
    { name: "job", run: () => job.stop() },
    { name: "watch", run: () => connWatch.close() },
    { name: "queue", run: () => queue.close() },
  ]);
}

main().catch((err: unknown) => {
  console.error("standalone failed to start:", err);
  process.exit(1);
});
