// Builds the discovery a node's configuration asks for.
import type { DiscoverySection } from "../config/common";
import type { Logger } from "../log/log";
import type { Waits } from "../lifecycle/readiness";
import type { Discovery, NodeInfo } from "./discovery";
import { EtcdDiscovery } from "./etcd";
import { StaticDiscovery } from "./static";

/** "id=host:port" entries → nodes with a gRPC address. */
function staticNodes(entries: string[]): NodeInfo[] {
  return entries.map((e) => {
    const [id, addr] = e.includes("=") ? e.split("=", 2) : [e, e];
    return { id: id!, addrs: { grpc: addr! } };
  });
}

/** `tls`: etcd over TLS with these files (the node's [tls] when tls.etcd is on); `waits`: told while etcd is away. */
export function createDiscovery(
  section: DiscoverySection,
  cluster: string,
  log: Logger,
  tls?: { ca: Buffer; cert: Buffer; key: Buffer },
  waits?: Waits,
): Discovery {
  if (section.kind === "etcd") {
    const auth = section.etcdUser ? { username: section.etcdUser, password: section.etcdPassword } : undefined;
    return new EtcdDiscovery({ hosts: section.etcd, cluster, ttlSec: section.ttlSec, logger: log, tls, auth, waits });
  }
  if (section.kind === "static")
    return new StaticDiscovery({ logic: staticNodes(section.staticLogic), conn: staticNodes(section.staticConn) });
  throw new Error(`discovery.kind must be "etcd" or "static", got "${section.kind}"`);
}
