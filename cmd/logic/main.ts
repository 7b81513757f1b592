// logic: validates tokens for conn (gRPC), takes messages from conn and business services (HTTP), queues them on NSQ.
import { boot, onShutdown, Readiness, serveOps, startFailure } from "@roomcast/pkg/lifecycle";
import { createDiscovery } from "@roomcast/pkg/discovery";
import { checkInternalLinks, linkTls } from "@roomcast/pkg/config";
import { CopiedPublisher, NsqQueue, partitionTopics, type Publisher } from "@roomcast/pkg/queue";
import { Gauge, createRegistry, type Registry } from "@roomcast/pkg/metrics";
import type { Logger } from "@roomcast/pkg/log";
import { applyLogicMode, defaultLogicConfig, logicFromConfig, logicGrpcServer } from "@roomcast/internal/logic";
import { historyFromConfig } from "@roomcast/pkg/history";
import { roomcastEnv } from "../settings";

async function main() {
  const { cfg, file, log, fileSets } = boot("logic", defaultLogicConfig(), __dirname, { tier: "logic", env: roomcastEnv() });
  applyLogicMode(cfg, { file, fileSets, keyPrefix: "" });
  const registry = createRegistry("logic", cfg.node.id);
  checkInternalLinks("logic", cfg, true);
  const tls = linkTls(cfg.tls, file);
  // etcd or nsqd may be down: the node serves meanwhile, /healthz says what it waits for, and it joins when they are up.
  const readiness = new Readiness();
  const discovery = createDiscovery(cfg.discovery, cfg.node.cluster, log, tls.etcd, readiness);
  const q = cfg.queue;
  const nsqd = (tcp: string, http: string) =>
    new NsqQueue({
      nsqdTcpAddress: tcp,
      nsqdHttpAddress: http,
      lookupdHttpAddresses: q.lookupdHttp,
      publishTimeoutMs: q.publishTimeoutMs,
      logger: log,
      tls: tls.nsq,
      waits: readiness,
    });
  const queue = nsqd(q.nsqdTcp, q.nsqdHttp);
  // IMPORTANT messages to a second nsqd as well, when one is set: then no single nsqd's death loses one.
  const secondQueue = q.secondNsqdTcp ? nsqd(q.secondNsqdTcp, q.secondNsqdHttp) : undefined;
  await Promise.all([queue, secondQueue].map((c) => c?.createTopics([q.topicImportant])));
  const important = secondQueue ? importantCopies([queue, secondQueue], [q.nsqdTcp, q.secondNsqdTcp], log, registry) : queue;
  // NORMAL messages to an nsqd of their own when one is set (kept in memory: they need no disk), else to the first one.
  const normalQueue = q.normalNsqdTcp ? nsqd(q.normalNsqdTcp, q.normalNsqdHttp) : undefined;
  const normal = normalQueue ?? queue;
  // The NORMAL partition topics too, so nsqlookupd lists them before their first message and job's readers find them
  // at once: in the background (nsqd writes its metadata to disk at every new topic, about 150 ms here) and only if
  // nsqd answers now, as a topic is also created by its first message.
  void normal
    .tryCreateTopics(partitionTopics(q.topicNormal, q.partitions))
    .catch((err: unknown) => log.warn({ err }, "nsq: creating the partition topics failed; each is created by its first message"));
  let connUrls: string[] = [];
  // Recall and GET /history; while the store is away they answer "unavailable".
  const history = historyFromConfig(cfg.history, cfg.node.cluster, false);
  const logic = logicFromConfig(cfg, {
    queue: important,
    normalQueue: normal,
    log,
    registry,
    connUrls: () => connUrls,
    history,
  });
  const connWatch = await discovery.watch("conn", (nodes) => {
    // Conn nodes behind one proxy all advertise its ws.publicUrl: listed once.
    connUrls = [...new Set(nodes.flatMap((n) => (n.addrs.wsUrl ? [n.addrs.wsUrl] : [])))];
    logic.online.setNodes(nodes.map((n) => n.id));
  });
  const grpcServer = logicGrpcServer(logic.service, logic.pushApi);
  const grpcPort = await grpcServer.listen(cfg.grpc.listenHost, cfg.grpc.port, tls.grpc);
  const httpPort = await logic.http.listen(cfg.http.port, cfg.http.listenHost);
  const ops = await serveOps({ ...cfg.ops, metrics: () => registry.metrics(), health: () => readiness.health() });
  const registration = await discovery.register("logic", {
    id: cfg.node.id,
    addrs: { grpc: `${cfg.node.host}:${grpcPort}`, http: `${cfg.node.host}:${httpPort}` },
  });

  onShutdown(log, [
    { name: "deregister", run: () => registration.deregister() },
    { name: "http", run: () => logic.http.close() },
    { name: "ops", run: () => ops.close() },
    { name: "grpc", run: () => grpcServer.close() },
    { name: "watch", run: () => connWatch.close() },
    { name: "queue", run: () => queue.close() },
    { name: "second queue", run: async () => secondQueue?.close() },
    { name: "normal queue", run: async () => normalQueue?.close() },
    { name: "history", run: async () => history?.close() },
    { name: "discovery", run: () => discovery.close() },
  ]);
  // Only now: whoever waits for this line may stop the node at once, and the signal handlers are in place.
  log.info(
    {
      node: cfg.node.id,
      mode: cfg.mode,
      http: httpPort,
      grpc: grpcPort,
      ops: ops.port,
      tokenEndpoint: cfg.http.enableTokenEndpoint,
      config: file,
    },
    "logic ready",
  );
}

main().catch((err: unknown) => {
  console.error(startFailure("logic", err));
  process.exit(1);
});

/** Each IMPORTANT message to every nsqd in `copies`; a copy going down or coming back is logged, and counted in a gauge. */
function importantCopies(copies: Publisher[], addrs: string[], log: Logger, registry: Registry): CopiedPublisher {
  const publisher = new CopiedPublisher(copies, {
    onCopyDown: (i, err) =>
      log.warn({ err, nsqd: addrs[i] }, "nsq: an IMPORTANT copy failed; messages go to the other nsqd only until it takes one again"),
    onCopyUp: (i) => log.info({ nsqd: addrs[i] }, "nsq: IMPORTANT messages go to every nsqd again"),
  });
  new Gauge({
    name: "roomcast_logic_important_copies_down",
    help: "nsqd of queue.nsqdTcp and queue.secondNsqdTcp whose last IMPORTANT publish failed (0: every message has two copies)",
    registers: [registry],
    collect() {
      this.set(publisher.downCopies().length);
    },
  });
  return publisher;
}
