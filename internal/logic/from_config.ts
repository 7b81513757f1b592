// logic built from its configuration, the same for a logic node and for standalone: only the queue differs.
import { ConfigError } from "@roomcast/pkg/config";
import { Tokens } from "@roomcast/pkg/token";
import type { Publisher } from "@roomcast/pkg/queue";
import type { Logger } from "@roomcast/pkg/log";
import type { Registry } from "@roomcast/pkg/metrics";
import type { LogicConfig } from "./config";
import { ChatPage } from "./chat_page";
import { LogicHttp } from "./http";
import { LogicService } from "./logic";
import { OnlineTable } from "./online";
import type { PushApiDeps } from "./push_grpc";
import { RateLimiter } from "./rate_limit";
import { checkPartitions } from "@roomcast/pkg/queue";
import type { History } from "@roomcast/pkg/history";

export interface LogicParts {
  service: LogicService;
  /** Keep it in step with the conn nodes discovery lists (setNodes). */
  online: OnlineTable;
  http: LogicHttp;
  /** What the gRPC Push API needs (served beside the Logic service on a logic node's gRPC port). */
  pushApi: PushApiDeps;
}

export interface LogicWiring {
  /** IMPORTANT messages' queue (with queue.secondNsqdTcp, both nsqd), and NORMAL ones' unless normalQueue is set. */
  queue: Publisher;
  /** NORMAL messages' queue when it is not `queue` (queue.normalNsqdTcp). */
  normalQueue?: Publisher;
  log: Logger;
  registry: Registry;
  /** ws:// URLs of the conn nodes clients may connect to, for GET /nodes. */
  connUrls: () => string[];
  /** The process's history store ([history]): recall and GET /history. Absent: no room keeps history. */
  history?: History;
}

export function logicFromConfig(cfg: LogicConfig, w: LogicWiring): LogicParts {
  const online = new OnlineTable(cfg.online.expireSec * 1000);
  let tokens: Tokens;
  try {
    tokens = new Tokens(cfg.token);
  } catch (err) {
    throw new ConfigError((err as Error).message, { cause: err });
  }
  if (cfg.http.enableTokenEndpoint && !tokens.canSign)
    throw new ConfigError(
      `http.enableTokenEndpoint needs token.algorithm HS256: with ${tokens.algorithm} logic holds only the public key and cannot mint tokens; turn the endpoint off`,
    );
  checkPartitions(cfg.queue.topicNormal, cfg.queue.partitions);
  const service = new LogicService({
    tokens,
    queue: w.queue,
    ...(w.normalQueue ? { normalQueue: w.normalQueue } : {}),
    online,
    log: w.log,
    registry: w.registry,
    topics: { normal: cfg.queue.topicNormal, important: cfg.queue.topicImportant },
    partitions: cfg.queue.partitions,
    maxMessageBytes: cfg.limits.maxMessageBytes,
    openRooms: cfg.token.openRooms,
    ...(w.history ? { history: w.history } : {}),
  });
  // POST /msg and the gRPC Push API share one rate per token uid.
  const msgRate = new RateLimiter(cfg.http.msgPerSecPerUid, cfg.http.msgBurstPerUid);
  const http = new LogicHttp({
    logic: service,
    tokens,
    log: w.log,
    registry: w.registry,
    enableTokenEndpoint: cfg.http.enableTokenEndpoint,
    tokenEndpointMintsPush: cfg.http.tokenEndpointMintsPush,
    maxBodyBytes: cfg.http.maxBodyBytes,
    headersTimeoutMs: cfg.http.headersTimeoutMs,
    requestTimeoutMs: cfg.http.requestTimeoutMs,
    msgPerSecPerUid: cfg.http.msgPerSecPerUid,
    msgRate,
    connUrls: w.connUrls,
    chatPage: cfg.http.enableChatPage ? new ChatPage(w.log) : undefined,
    ...(w.history ? { history: w.history } : {}),
    maxPage: cfg.history.maxPage,
  });
  return { service, online, http, pushApi: { logic: service, tokens, rate: msgRate } };
}
