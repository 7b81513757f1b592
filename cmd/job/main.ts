// job: consumes the room topics from NSQ, batches NORMAL messages, pushes to the conn nodes that hold each room.
import { boot, onShutdown, Readiness, serveOps, startFailure } from "@roomcast/pkg/lifecycle";
import { createRegistry } from "@roomcast/pkg/metrics";
import { createDiscovery } from "@roomcast/pkg/discovery";
import { checkInternalLinks, linkTls } from "@roomcast/pkg/config";
import { NsqQueue } from "@roomcast/pkg/queue";
import { defaultJobConfig, jobFromConfig, GrpcConnLink, type JobService } from "@roomcast/internal/job";
import { historyFromConfig } from "@roomcast/pkg/history";
import { roomcastEnv } from "../settings";

async function main() {
  const { cfg, file, log } = boot("job", defaultJobConfig(), __dirname, { tier: "job", env: roomcastEnv() });
  const registry = createRegistry("job", cfg.node.id);
  checkInternalLinks("job", cfg, true);
  const tls = linkTls(cfg.tls, file);
  // etcd or nsqd may be down: the node serves meanwhile, /healthz says what it waits for, and it joins when they are up.
  const readiness = new Readiness();
  const discovery = createDiscovery(cfg.discovery, cfg.node.cluster, log, tls.etcd, readiness);
  const conns = await GrpcConnLink.start(discovery, cfg.push.timeoutMs, log, tls.grpc);
  const q = cfg.queue;
  const queue = new NsqQueue({
    lookupdHttpAddresses: q.lookupdHttp,
    lookupdPollIntervalSec: q.lookupdPollSec,
    outputBufferTimeoutMs: q.outputBufferTimeoutMs,
    msgTimeoutMs: q.msgTimeoutMs,
    clientId: cfg.node.id,
    logger: log,
    tls: tls.nsq,
    waits: readiness,
  });
  // Batches of rooms that keep history are stored before they are pushed; while the store is away they go without.
  const history = historyFromConfig(cfg.history, cfg.node.cluster, false);
  // Room partitions go to the live job nodes; a change in the set moves some at once.
  let job: JobService | undefined;
  const jobs = await discovery.watch("job", () => job?.owner.nudge());
  job = jobFromConfig(cfg, {
    queue,
    conns,
    log,
    registry,
    claims: discovery.claims("partitions", cfg.node.id),
    jobs: () => jobs.nodes.map((n) => n.id),
    history,
  });
  await job.start();
  const ops = await serveOps({ ...cfg.ops, metrics: () => registry.metrics(), health: () => readiness.health() });
  const registration = await discovery.register("job", { id: cfg.node.id, addrs: { ops: `${cfg.node.host}:${ops.port}` } });

  onShutdown(log, [
    { name: "deregister", run: () => registration.deregister() },
    { name: "consumers", run: () => job.stop() },
    { name: "watch", run: () => jobs.close() },
    { name: "queue", run: () => queue.close() },
    { name: "conns", run: () => conns.close() },
    { name: "history", run: async () => history?.close() },
    { name: "ops", run: () => ops.close() },
    { name: "discovery", run: () => discovery.close() },
  ]);
  // Only now: whoever waits for this line may stop the node at once, and the signal handlers are in place.
  log.info({ node: cfg.node.id, mode: cfg.mode, ops: ops.port, batchWindowMs: cfg.batch.windowMs, config: file }, "job ready");
}

main().catch((err: unknown) => {
  console.error(startFailure("job", err));
  process.exit(1);
});
