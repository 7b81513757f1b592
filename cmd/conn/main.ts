// conn: holds the clients' WebSockets, signs them in through logic, delivers the room batches job pushes.
import { boot, onShutdown, Readiness, serveOps, startFailure } from "@roomcast/pkg/lifecycle";
import { createRegistry } from "@roomcast/pkg/metrics";
import { createDiscovery } from "@roomcast/pkg/discovery";
import { checkInternalLinks, linkTls } from "@roomcast/pkg/config";
import {
  checkPublicUrl,
  defaultConnConfig,
  ConnNode,
  connGrpcServer,
  GrpcLogicLink,
  GrpcPresencePeers,
  loadNativeUws,
} from "@roomcast/internal/conn";
import { historyFromConfig } from "@roomcast/pkg/history";
import { roomcastEnv } from "../settings";

async function main() {
  const { cfg, file, log } = boot("conn", defaultConnConfig(), __dirname, { tier: "conn", env: roomcastEnv() });
  checkPublicUrl(cfg.ws.publicUrl);
  const uws = loadNativeUws();
  log.info({ uws: uws.implementation }, "uWebSockets.js implementation");
  const registry = createRegistry("conn", cfg.node.id);
  checkInternalLinks("conn", cfg, false);
  const tls = linkTls(cfg.tls, file);
  // etcd may be down: the node serves meanwhile, /healthz says what it waits for, and it joins when etcd is up.
  const readiness = new Readiness();
  const discovery = createDiscovery(cfg.discovery, cfg.node.cluster, log, tls.etcd, readiness);
  const logic = await GrpcLogicLink.start(discovery, cfg.logic.timeoutMs, log, tls.grpc);
  const presencePeers = await GrpcPresencePeers.start(cfg.node.id, discovery, cfg.logic.timeoutMs, log, tls.grpc);
  // Recovery and HISTORY read the store job writes; while it is away they answer "unavailable".
  const history = historyFromConfig(cfg.history, cfg.node.cluster, false);
  const node = new ConnNode({ config: cfg, logic, log, registry, uws, presencePeers, history });
  await node.start();
  const ops = await serveOps({ ...cfg.ops, metrics: () => registry.metrics(), health: () => readiness.health(node.ws.health()) });
  const grpcServer = connGrpcServer(node);
  const grpcPort = await grpcServer.listen(cfg.grpc.listenHost, cfg.grpc.port, tls.grpc);
  const registration = await discovery.register("conn", {
    id: cfg.node.id,
    addrs: {
      grpc: `${cfg.node.host}:${grpcPort}`,
      ws: `${cfg.node.host}:${node.wsPort}`,
      wsUrl: node.wsUrl,
    },
  });

  // Stop accepting and close the sockets in waves (ws.drainSec) while still registered, so job keeps pushing to the
  // members not closed yet; then leave discovery. The hard stop leaves room for the drain.
  onShutdown(
    log,
    [
      { name: "sockets", run: () => node.stop() },
      { name: "deregister", run: () => registration.deregister() },
      { name: "grpc", run: () => grpcServer.close() },
      { name: "ops", run: () => ops.close() },
      { name: "logic", run: () => logic.close() },
      { name: "conn peers", run: () => presencePeers.close() },
      { name: "history", run: async () => history?.close() },
      { name: "discovery", run: () => discovery.close() },
    ],
    Math.max(20_000, node.drain.periodMs + 15_000),
  );
  // Only now: whoever waits for this line may stop the node at once, and the signal handlers are in place.
  log.info({ node: cfg.node.id, mode: cfg.mode, ws: node.wsPort, grpc: grpcPort, ops: ops.port, config: file }, "conn ready");
}

main().catch((err: unknown) => {
  console.error(startFailure("conn", err));
  process.exit(1);
});
