// job built from its configuration, the same for a job node and for standalone: only the queue and the link to conn differ.
import type { ConnLink } from "@roomcast/pkg/link";
import type { Queue } from "@roomcast/pkg/queue";
import type { Logger } from "@roomcast/pkg/log";
import type { Registry } from "@roomcast/pkg/metrics";
import type { JobConfig } from "./config";
import { JobService } from "./job";

export interface JobWiring {
  queue: Queue;
  conns: ConnLink;
  log: Logger;
  registry: Registry;
}

export function jobFromConfig(cfg: JobConfig, w: JobWiring): JobService {
  const q = cfg.queue;
  return new JobService({
    ...w,
    topics: { normal: q.topicNormal, important: q.topicImportant },
    channel: q.channel,
    maxInFlight: q.maxInFlight,
    backoffMs: q.backoffMs,
    maxBackoffMs: q.maxBackoffMs,
    window: cfg.batch,
  });
}
