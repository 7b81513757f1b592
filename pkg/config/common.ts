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
  /** etcd user/password auth ("" = none); the password is best set by environment (ROOMCAST_<TIER>_DISCOVERY_ETCD_PASSWORD). */
  etcdUser: string;
  etcdPassword: string;
}

/**
 * TLS on the internal links (gRPC between the tiers, etcd, NSQ): one cluster CA and this node's certificate and key,
 * PEM files (relative paths are relative to the config file's folder). gRPC is mutual: a node takes calls only from a
 * certificate the CA signed, and checks the server's. The certificates must name the hosts they are reached at
 * (node.host, etcd's and nsqd's hosts) in their subjectAltName.
 */
export interface TlsSection {
  ca: string;
  cert: string;
  key: string;
  /** gRPC with mTLS, as server and as client. */
  grpc: boolean;
  /** etcd over TLS (https), presenting the certificate. */
  etcd: boolean;
  /** nsqd over TLS (TCP and its HTTPS API), presenting the certificate; nsqlookupd has no TLS and stays HTTP. */
  nsq: boolean;
  /** Production mode refuses to start with a plaintext internal link unless this says the network is private. */
  allowPlaintextInternal: boolean;
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
  etcdUser: "",
  etcdPassword: "",
});

export const defaultTls = (): TlsSection => ({
  ca: "",
  cert: "",
  key: "",
  grpc: false,
  etcd: false,
  nsq: false,
  allowPlaintextInternal: false,
});

export const defaultLog = (): LogSection => ({ level: "info", file: "log/live.log", format: "auto" });

/** What a process is for: "dev" (laptop, tests, `pnpm start`, `pnpm cluster`) or "production" (README, "Production"). */
export const MODES = ["dev", "production"] as const;
export type Mode = (typeof MODES)[number];
/** The built-in mode when neither a TOML file nor ROOMCAST_MODE says otherwise: safe unless told. */
export const defaultMode = (): string => "production";

/** A process's ops listener: /metrics and /healthz, on its own port, loopback unless told otherwise. */
export interface OpsSection {
  listenHost: string;
  port: number;
}

/**
 * Room history (protocol 2): the process's, like [log], ROOMCAST_HISTORY_*. Every node of a cluster must name the same
 * store and rules: job writes what conn and logic read.
 */
export interface HistorySection {
  /** "auto" (standalone: memory; a cluster node: redis), "memory" (standalone only), "redis", or "off" (none kept). */
  store: string;
  /** redis://[user:password@]host:port[/db] */
  redisUrl: string;
  /** Prefix of every Redis key ("" = "roomcast:<cluster>:"), so clusters can share one Redis. */
  keyPrefix: string;
  /**
   * What rooms keep: "<room prefix>* <max messages> <max age>" (age in s, m, h or d), the longest matching prefix
   * wins; a room no rule matches keeps nothing, and "0" keeps nothing. The broadcast room and conn:<id> keep nothing.
   */
  rules: string[];
  /** Most messages one recovery delivers; a client that missed more is told "limit" and reloads. */
  recoverMax: number;
  /** Most messages one HISTORY answer (and GET /history) carries. */
  maxPage: number;
  /**
   * Rooms (names, or prefixes ending in "*") whose IMPORTANT messages each connection must acknowledge (ACK): sent
   * again every redeliverAfterMs until acknowledged, and kept for a user who is away until it next connects (within
   * the room's retention). Empty: none. Meant for rooms of one user, such as "user:*".
   */
  ackedRooms: string[];
  redeliverAfterMs: number;
  /** Unacknowledged messages one connection may have waiting; past it the oldest is given up on (counted). */
  maxPendingAcks: number;
  /** Most unacknowledged messages delivered when a connection enters an acked room. */
  inboxMax: number;
}

export const defaultHistory = (): HistorySection => ({
  store: "auto",
  redisUrl: "redis://127.0.0.1:6379",
  keyPrefix: "",
  rules: ["* 100 5m", "user:* 1000 24h"],
  recoverMax: 1000,
  maxPage: 100,
  ackedRooms: [],
  redeliverAfterMs: 10_000,
  maxPendingAcks: 1_000,
  inboxMax: 100,
});
