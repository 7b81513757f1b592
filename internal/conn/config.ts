import {
  type NodeSection,
  type DiscoverySection,
  type LogSection,
  type OpsSection,
  defaultDiscovery,
  defaultLog,
  defaultHistory,
  type HistorySection,
  type TlsSection,
  defaultMode,
  defaultTls,
} from "@roomcast/pkg/config";

export interface ConnConfig {
  node: NodeSection;
  ws: {
    listenHost: string;
    port: number;
    /**
     * Several conn processes on one host share this port (SO_REUSEPORT; the kernel spreads new connections).
     * Every process on the port must say so; off, the port is this process's alone and a second one fails to start.
     */
    sharePort: boolean;
    path: string;
    /**
     * The URL clients dial, as this node registers it in discovery and logic lists it at GET /nodes: e.g.
     * wss://chat.example.com/room behind a TLS-terminating proxy (deploy/haproxy.cfg). Empty: ws://node.host:port + path.
     */
    publicUrl: string;
    /** Frames over this close the connection with 1009. */
    maxFrameBytes: number;
    /** A MESSAGE body over this gets Err 105. */
    maxMessageBytes: number;
    /** Close a connection that sent nothing for this long (clients beat every 30 s). */
    heartbeatTimeoutSec: number;
    /** Close a connection that has not signed in after this long. */
    signInTimeoutSec: number;
    /** Malformed frames in a row that close the connection. */
    maxBadFrames: number;
    /** protocol 2: rooms one connection may be in at once (its user:<uid> room not counted); SUBSCRIBE beyond gets Err 110. */
    maxRoomsPerConnection: number;
    /** protocol 2: PRESENCE answers at most this many uids (and the total). */
    presenceMaxUids: number;
    /**
     * protocol 2: rooms whose members get join and leave events (messages of type "$join" / "$leave" whose data is the
     * uid), by name or by prefix ending in "*". None by default: in a large room they cost a message per join.
     */
    presenceEvents: string[];
    /** A client's MESSAGE rate: tokens per second and bucket size. */
    messagesPerSec: number;
    messageBurst: number;
    /** One uid's MESSAGE rate across all its connections on this node (Err 104): tokens per second and bucket size. */
    messagesPerSecPerUid: number;
    messageBurstPerUid: number;
    /** Open sockets on this node; the next upgrade is answered 503 before any WebSocket opens. */
    maxConnections: number;
    /** Open sockets from one remote address; the next upgrade is answered 429. */
    maxConnectionsPerIp: number;
    /** Sockets from one remote address that have not signed in yet; the next upgrade is answered 429. */
    maxUnsignedPerIp: number;
    /** Signed-in sockets of one uid on this node; the next sign-in gets Err 109 (the socket lives, unsigned). */
    maxConnectionsPerUid: number;
    /** Over this many buffered bytes a socket stops getting NORMAL batches (they count as dropped). */
    sendBufferSoftBytes: number;
    /** Over this many buffered bytes the socket is closed at once; nothing is dropped silently. */
    sendBufferHardBytes: number;
    /** A socket over the soft limit for this long is closed (4003) so its client reconnects. */
    slowCloseSec: number;
    /** A connection whose token expired is told so (Err 108) and closed (4001) this long after, unless it sent REFRESH. */
    tokenExpiryGraceSec: number;
    /**
     * On SIGTERM the node stops accepting, then closes its sockets (4004) in drainWaves waves spread over this many
     * seconds, so their clients do not all sign in elsewhere at once; 0 closes them all at once.
     */
    drainSec: number;
    /** Waves of a drain: each closes an even share of the sockets still open. */
    drainWaves: number;
  };
  grpc: { listenHost: string; port: number };
  /** /metrics and /healthz: never on the WebSocket port, which serves only ws.path. */
  ops: OpsSection;
  logic: {
    /** Deadline of one call to logic. */
    timeoutMs: number;
  };
  online: {
    reportIntervalMs: number;
    /**
     * Rooms whose count changed are also reported this often, as a delta (0 = only the periodic reports): a push's
     * connection count and MEMBERS see a sign-in within about this long instead of a whole report interval.
     */
    changesIntervalMs: number;
  };
  discovery: DiscoverySection;
  /** TLS on the internal links: gRPC (mTLS), etcd, NSQ. */
  tls: TlsSection;
  /** "dev" or "production": the process's, like [log] (a node's top-level `mode`, ROOMCAST_MODE). */
  mode: string;
  log: LogSection;
  /** Room history (protocol 2): the process's, like [log] (ROOMCAST_HISTORY_*). */
  history: HistorySection;
}

export const defaultConnConfig = (): ConnConfig => ({
  node: { id: "conn-0", cluster: "roomcast", host: "127.0.0.1" },
  ws: {
    listenHost: "127.0.0.1",
    port: 3102,
    sharePort: false,
    path: "/room",
    publicUrl: "",
    maxFrameBytes: 1 << 20,
    maxMessageBytes: 64 * 1024,
    heartbeatTimeoutSec: 60,
    signInTimeoutSec: 10,
    maxBadFrames: 5,
    maxRoomsPerConnection: 100,
    presenceMaxUids: 100,
    presenceEvents: [],
    messagesPerSec: 20,
    messageBurst: 40,
    messagesPerSecPerUid: 40,
    messageBurstPerUid: 80,
    maxConnections: 50_000,
    maxConnectionsPerIp: 1_000,
    maxUnsignedPerIp: 32,
    maxConnectionsPerUid: 16,
    sendBufferSoftBytes: 1 << 20,
    sendBufferHardBytes: 16 << 20,
    slowCloseSec: 10,
    tokenExpiryGraceSec: 30,
    drainSec: 5,
    drainWaves: 10,
  },
  grpc: { listenHost: "127.0.0.1", port: 3109 },
  ops: { listenHost: "127.0.0.1", port: 3108 },
  logic: { timeoutMs: 3_000 },
  online: { reportIntervalMs: 2_000, changesIntervalMs: 100 },
  discovery: defaultDiscovery(),
  tls: defaultTls(),
  mode: defaultMode(),
  log: defaultLog(),
  history: defaultHistory(),
});
