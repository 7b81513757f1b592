// Standalone: conn calls logic in the same process, no loopback gRPC on the hot path.
import type { LogicService } from "../logic/logic";
import type { LogicLink, ConnectArgs, SessionArgs, PublishArgs, OnlineArgs } from "./logic_link";

export class DirectLogicLink implements LogicLink {
  constructor(private readonly logic: LogicService) {}
  async connect(a: ConnectArgs) {
    return this.logic.connect(a);
  }
  async disconnect(a: SessionArgs) {
    this.logic.disconnect(a);
  }
  async heartbeat(a: SessionArgs) {
    this.logic.heartbeat(a);
  }
  publish(a: PublishArgs) {
    return this.logic.publish(a);
  }
  async reportOnline(a: OnlineArgs) {
    return this.logic.reportOnline(a);
  }
  async close() {}
}
