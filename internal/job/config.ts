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

export interface JobConfig {
  node: NodeSection;
  /** /metrics and /healthz (job has no public port). */
  ops: OpsSection;
  queue: {
    lookupdHttp: string[];
    /** NORMAL messages go to `<topicNormal>.p<N>` by room (one topic when 1): must match logic's queue.partitions. */
    topicNormal: string;
    partitions: number;
    /** How often a job node checks which partitions it should consume. */
    ownershipCheckMs: number;
    topicImportant: string;
    /** Every job node shares this channel, so each message is handled by one of them. */
    channel: string;
    maxInFlight: number;
    /** IMPORTANT redelivery back-off: first delay, doubling up to the max. */
    backoffMs: number;
    maxBackoffMs: number;
    /** How often one watch asks nsqlookupd which nsqd hold the topics (for every reader); every second for 30 s after a reader lost its nsqd. */
    lookupdPollSec: number;
    /** The longest nsqd may buffer messages before writing them to this job; 0 = write each at once (nsqd's default: 250 ms). */
    outputBufferTimeoutMs: number;
    /**
     * The message timeout job asks nsqd for (1,000 up to nsqd's -max-msg-timeout): the messages a job node held when
     * it died go to another job node this long after (nsqd's own -msg-timeout is 60 s). A live job touches what it
     * holds at half of it, so a push waiting out push.timeoutMs keeps its message.
     */
    msgTimeoutMs: number;
  };
  batch: {
    /** NORMAL messages of one room are merged for this long before one push per conn node. */
    windowMs: number;
    maxMessages: number;
    maxBytes: number;
  };
  push: {
    timeoutMs: number;
    /** An IMPORTANT message for a conn node logic saw but this job does not is retried until it is this old. */
    unknownTargetGraceMs: number;
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

export const defaultJobConfig = (): JobConfig => ({
  node: { id: "job-0", cluster: "roomcast", host: "127.0.0.1" },
  ops: { listenHost: "127.0.0.1", port: 3121 },
  queue: {
    lookupdHttp: ["127.0.0.1:4161"],
    topicNormal: "roomcast.room",
    partitions: 16,
    ownershipCheckMs: 1_000,
    topicImportant: "roomcast.important",
    channel: "job",
    maxInFlight: 200,
    backoffMs: 200,
    maxBackoffMs: 5_000,
    lookupdPollSec: 5,
    outputBufferTimeoutMs: 0,
    msgTimeoutMs: 10_000,
  },
  batch: { windowMs: 20, maxMessages: 200, maxBytes: 256 * 1024 },
  push: { timeoutMs: 3_000, unknownTargetGraceMs: 30_000 },
  discovery: defaultDiscovery(),
  tls: defaultTls(),
  mode: defaultMode(),
  log: defaultLog(),
  history: defaultHistory(),
});
