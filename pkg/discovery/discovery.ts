// The service registry: every node registers itself; readers watch the nodes of a service.
// Two implementations: etcd (pkg/discovery/etcd.ts) for clusters, static (pkg/discovery/static.ts) for standalone.
import type { Claims } from "./claims";

/** What a node publishes about itself under /roomcast/<cluster>/<service>/<nodeId>. */
export interface NodeInfo {
  id: string;
  /** Named addresses, e.g. { grpc: "127.0.0.1:3109", ws: "127.0.0.1:3102" }. */
  addrs: Record<string, string>;
  /** Free-form metadata (weights, versions). */
  meta?: Record<string, string>;
}

export type Service = "conn" | "logic" | "job";

/** Receives the whole current node set of a service, sorted by id, after every change. */
export type WatchHandler = (nodes: NodeInfo[]) => void;

export interface Registration {
  /** Removes the node at once (etcd: revokes the lease). */
  deregister(): Promise<void>;
}

export interface Watch {
  /** The node set as of the last change, sorted by id. */
  readonly nodes: NodeInfo[];
  /** After it resolves the handler is not called again. */
  close(): Promise<void>;
}

export interface Discovery {
  /** Publishes the node and keeps it alive (etcd: under a lease that is kept alive and re-created if lost). */
  register(service: Service, node: NodeInfo): Promise<Registration>;
  /** Calls the handler with the current nodes once the first read finished (before the promise resolves), then after every change. */
  watch(service: Service, handler: WatchHandler): Promise<Watch>;
  /** Names of `group` held by `holder` alone while it lives (job nodes' room partitions). */
  claims(group: string, holder: string): Claims;
  /** Closes every watch; etcd also revokes the leases this client still holds, as a clean stop does. */
  close(): Promise<void>;
}
