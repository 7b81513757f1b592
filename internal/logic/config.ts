import { type NodeSection, type DiscoverySection, type LogSection, defaultDiscovery, defaultLog } from "@roomcast/pkg/config";
import { type TlsSection, defaultTls } from "@roomcast/pkg/config";

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
  };
  grpc: { listenHost: string; port: number };
  token: { secret: string; ttlSec: number };
  limits: { maxMessageBytes: number };
  queue: {
    nsqdTcp: string;
    nsqdHttp: string;
    lookupdHttp: string[];
    topicNormal: string;
    topicImportant: string;
  };
  online: {
    /** A conn node's counts expire after this long without a report, even if its registry entry lingers. */
    expireSec: number;
  };
  discovery: DiscoverySection;
  /** TLS on the internal links: gRPC (mTLS), etcd, NSQ. */
  tls: TlsSection;
  log: LogSection;
}

export const defaultLogicConfig = (): LogicConfig => ({
  node: { id: "logic-0", cluster: "roomcast", host: "127.0.0.1" },
  http: { listenHost: "127.0.0.1", port: 3111, enableTokenEndpoint: false, enableChatPage: false, maxBodyBytes: 1 << 20 },
  grpc: { listenHost: "127.0.0.1", port: 3119 },
  token: { secret: "", ttlSec: 86_400 },
  limits: { maxMessageBytes: 64 * 1024 },
  queue: {
    nsqdTcp: "127.0.0.1:4150",
    nsqdHttp: "127.0.0.1:4151",
    lookupdHttp: ["127.0.0.1:4161"],
    topicNormal: "roomcast.room",
    topicImportant: "roomcast.important",
  },
  online: { expireSec: 30 },
  discovery: defaultDiscovery(),
  tls: defaultTls(),
  log: defaultLog(),
});
