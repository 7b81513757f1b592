// job built from its configuration, the same for a job node and for standalone: only the queue and the link to conn differ.
import type { ConnLink } from "@roomcast/pkg/link";
import type { Queue } from "@roomcast/pkg/queue";
import type { Logger } from "@roomcast/pkg/log";
import type { Registry } from "@roomcast/pkg/metrics";
import type { Claims } from "@roomcast/pkg/discovery";
import { checkPartitions } from "@roomcast/pkg/queue";
import { ConfigError } from "@roomcast/pkg/config";
import type { JobConfig } from "./config";
import { JobService } from "./job";
import { HistoryWriter } from "./history_writer";
import type { History } from "@roomcast/pkg/history";

export interface JobWiring {
  queue: Queue;
  conns: ConnLink;
  log: Logger;
  registry: Registry;
  /** This node's claims on room partitions, and the job nodes alive now. */
  claims: Claims;
  jobs: () => readonly string[];
  /** The process's history store ([history]); absent: no room keeps history. */
  history?: History;
}

export function jobFromConfig(cfg: JobConfig, w: JobWiring): JobService {
  const q = cfg.queue;
  checkPartitions(q.topicNormal, q.partitions);
  // nsqd refuses a message timeout under 1 s at IDENTIFY, and job would then never consume.
  if (!Number.isInteger(q.msgTimeoutMs) || q.msgTimeoutMs < 1_000) {
    throw new ConfigError(`queue.msgTimeoutMs must be an integer of at least 1000, got ${q.msgTimeoutMs}`);
  }
  const { claims, jobs, history, ...wiring } = w;
  return new JobService({
    ...wiring,
    ...(history ? { history: new HistoryWriter(history, w.log, w.registry) } : {}),
    topics: { normal: q.topicNormal, important: q.topicImportant },
    channel: q.channel,
    maxInFlight: q.maxInFlight,
    backoffMs: q.backoffMs,
    maxBackoffMs: q.maxBackoffMs,
    window: cfg.batch,
    ownership: { self: cfg.node.id, partitions: q.partitions, claims, jobs, intervalMs: q.ownershipCheckMs },
    unknownTargetGraceMs: cfg.push.unknownTargetGraceMs,
  });
}
