// Standalone's links between its tiers: direct calls in one process, no loopback gRPC on the hot path.
// They keep the contracts of pkg/link as the gRPC links do (test/links.test.ts runs the same suite on both).
import type {
  ClientMessage,
  ClientRecall,
  ConnLink,
  Deliverer,
  LogicHandler,
  LogicLink,
  OnlineReport,
  Refresh,
  RoomBatch,
  SignIn,
} from "@roomcast/pkg/link";
import { ErrCode, RoomcastError } from "@roomcast/pkg/protocol";

/** conn → logic in the same process. */
export class DirectLogicLink implements LogicLink {
  constructor(private readonly logic: LogicHandler) {}
  async connect(a: SignIn) {
    return this.logic.connect(a);
  }
  async refresh(r: Refresh) {
    return this.logic.refresh(r);
  }
  submit(m: ClientMessage) {
    return this.logic.submit(m);
  }
  recallOwn(r: ClientRecall) {
    return this.logic.recallOwn(r);
  }
  async reportOnline(r: OnlineReport) {
    return this.logic.reportOnline(r);
  }
  async close() {}
}

/** job → the one conn node in the same process. */
export class DirectConnLink implements ConnLink {
  constructor(
    private readonly connNode: string,
    private readonly conn: Deliverer,
  ) {}
  nodeIds() {
    return [this.connNode];
  }
  async push(connNode: string, batches: readonly RoomBatch[]) {
    if (connNode !== this.connNode)
      throw new RoomcastError(ErrCode.INTERNAL, `conn node ${connNode} is not registered`, { temporary: true });
    try {
      for (const b of batches) this.conn.deliver(b);
    } catch (err) {
      throw new RoomcastError(ErrCode.INTERNAL, `conn node ${connNode} could not deliver: ${(err as Error).message}`, { cause: err });
    }
  }
  async close() {}
}
