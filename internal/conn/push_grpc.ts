// conn's gRPC server: job delivers room batches here, over one PushStream per job node.
import { connService, type ConnHandlers, type PushAck, type PushReq } from "@roomcast/api";
import type { Deliverer } from "@roomcast/pkg/link";
import type { MsgLevel } from "@roomcast/pkg/protocol";
import { RpcServer } from "@roomcast/pkg/rpc";

export function connGrpcServer(node: Deliverer): RpcServer {
  return new RpcServer(connService().service, (streams): ConnHandlers => ({
    // A batch that cannot be delivered fails its own request, not the stream.
    PushStream: streams.handler<PushReq, PushAck & { id: number; error: string }>(
      (r) => ({ delivered: r.rooms.reduce((n, b) => n + node.deliver({ ...b, msgLv: b.msgLv as MsgLevel }), 0) }),
      { delivered: 0 },
    ),
  }));
}
