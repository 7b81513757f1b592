// conn's link to logic: gRPC in a cluster (logic_grpc.ts), a direct call in standalone (logic_direct.ts).
import type { ConnectArgs, ConnectResult, SessionArgs, PublishArgs, PublishResult, OnlineArgs, OnlineResult } from "../logic/logic";

export type { ConnectArgs, ConnectResult, SessionArgs, PublishArgs, PublishResult, OnlineArgs, OnlineResult };

export interface LogicLink {
  connect(a: ConnectArgs): Promise<ConnectResult>;
  disconnect(a: SessionArgs): Promise<void>;
  heartbeat(a: SessionArgs): Promise<void>;
  publish(a: PublishArgs): Promise<PublishResult>;
  /** Reports to every logic node; resolves with the cluster totals one of them answered. */
  reportOnline(a: OnlineArgs): Promise<OnlineResult>;
  close(): Promise<void>;
}
