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

export interface LogicConfig {
  node: NodeSection;
  http: {
    listenHost: string;
    port: number;
    /** POST /tk mints tokens for anyone: on for standalone and the local cluster, off in production. */
    enableTokenEndpoint: boolean;
    /** The demo chat page at GET / (it needs the token endpoint too). */
    enableChatPage: boolean;
    /** Largest request body accepted, bytes. */
    maxBodyBytes: number;
    /** A request whose headers have not all arrived after this long is answered 408 and its connection closed. */
    headersTimeoutMs: number;
    /** A request (headers and body) not received in full after this long is answered 408 and closed; at least headersTimeoutMs. */
    requestTimeoutMs: number;
    /** POST /msg requests per second per token uid, and the burst; over it the answer is 429. */
    msgPerSecPerUid: number;
    msgBurstPerUid: number;
    /** POST /tk may mint scope "push" (POST /msg at level IMPORTANT): dev only; production must keep it off. */
    tokenEndpointMintsPush: boolean;
  };
  grpc: { listenHost: string; port: number };
  /** /metrics and /healthz: never on the public HTTP port. */
  ops: OpsSection;
  token: {
    /** HS256 secret. Production mode never takes it from a TOML file: ROOMCAST_LOGIC_TOKEN_SECRET or secretFile. */
    secret: string;
    /** A file holding the secret (trailing newline ignored); relative to the config file's folder. */
    secretFile: string;
    ttlSec: number;
    /** "HS256" (the secret), or "RS256" / "ES256" verified with publicKeyFile; only this algorithm is accepted. */
    algorithm: string;
    /** RS256/ES256: PEM file with the token issuer's public key (logic then verifies only; /tk cannot mint). */
    publicKeyFile: string;
    /** User tokens (no push scope) living longer than this, seconds (exp − iat, or exp − now without iat), are refused; 0 = no limit. */
    maxTtlSec: number;
    /** A token without a rooms claim may join any room (dev, seed-001 clients); off: it is refused with 107. */
    openRooms: boolean;
  };
  limits: { maxMessageBytes: number };
  queue: {
    /** The nsqd IMPORTANT messages go to: run it on disk (-mem-queue-size=0 -sync-timeout=100ms, README "Production"). */
    nsqdTcp: string;
    nsqdHttp: string;
    /**
     * A second nsqd on disk, on another host or disk, that every IMPORTANT message is also published to: one nsqd
     * killed with -9 can lose a message it acknowledged (those in flight to job or waiting to be retried live in its
     * memory only), and then the other still has it. Empty: IMPORTANT has one copy, on nsqdTcp.
     */
    secondNsqdTcp: string;
    secondNsqdHttp: string;
    /**
     * An nsqd for NORMAL messages (the room partition topics), kept in memory: NORMAL is at most once and needs no
     * disk, and an nsqd that syncs every message to disk caps the cluster at its disk's sync rate. Empty: nsqdTcp.
     */
    normalNsqdTcp: string;
    normalNsqdHttp: string;
    lookupdHttp: string[];
    /** NORMAL messages go to `<topicNormal>.p<N>`, N the room's partition (one topic when 1): job's queue.partitions must match. */
    topicNormal: string;
    partitions: number;
    topicImportant: string;
    /** A publish nsqd has not acknowledged after this long fails: POST /msg answers 503, a client's MESSAGE an error. */
    publishTimeoutMs: number;
  };
  online: {
    /** A conn node's counts expire after this long without a report, even if its registry entry lingers. */
    expireSec: number;
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

export const defaultLogicConfig = (): LogicConfig => ({
  node: { id: "logic-0", cluster: "roomcast", host: "127.0.0.1" },
  http: {
    listenHost: "127.0.0.1",
    port: 3111,
    enableTokenEndpoint: false,
    enableChatPage: false,
    maxBodyBytes: 1 << 20,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    msgPerSecPerUid: 100,
    msgBurstPerUid: 200,
    tokenEndpointMintsPush: false,
  },
  grpc: { listenHost: "127.0.0.1", port: 3119 },
  ops: { listenHost: "127.0.0.1", port: 3118 },
  token: { secret: "", secretFile: "", ttlSec: 86_400, algorithm: "HS256", publicKeyFile: "", maxTtlSec: 86_400, openRooms: false },
  limits: { maxMessageBytes: 64 * 1024 },
  queue: {
    nsqdTcp: "127.0.0.1:4150",
    nsqdHttp: "127.0.0.1:4151",
    secondNsqdTcp: "",
    secondNsqdHttp: "",
    normalNsqdTcp: "",
    normalNsqdHttp: "",
    lookupdHttp: ["127.0.0.1:4161"],
    topicNormal: "roomcast.room",
    partitions: 16,
    topicImportant: "roomcast.important",
    publishTimeoutMs: 3_000,
  },
  online: { expireSec: 30 },
  discovery: defaultDiscovery(),
  tls: defaultTls(),
  mode: defaultMode(),
  log: defaultLog(),
  history: defaultHistory(),
});
