// Configuration sections every node shares.

export interface NodeSection {
  /** Unique within the cluster; the etcd key and the routing name. */
  id: string;
  /** Key prefix /roomcast/<cluster>/… so several clusters can share one etcd. */
  cluster: string;
  /** The address other nodes reach this one at. */
  host: string;
}

export interface DiscoverySection {
  /** "etcd" or "static". */
  kind: string;
  etcd: string[];
  ttlSec: number;
  /** static: fixed nodes as "id=host:port" (gRPC address). */
  staticLogic: string[];
  staticConn: string[];
}

export interface LogSection {
  level: string;
  /** Log file besides stdout; "" for stdout only. Relative paths are relative to the config file's folder. Always JSON. */
  file: string;
  /** stdout's format: "auto" (a human line per event on a terminal, JSON when piped), "json" or "pretty". */
  format: string;
}

export const defaultDiscovery = (): DiscoverySection => ({
  kind: "etcd",
  etcd: ["127.0.0.1:2379"],
  ttlSec: 10,
  staticLogic: [],
  staticConn: [],
});

export const defaultLog = (): LogSection => ({ level: "info", file: "log/live.log", format: "auto" });
