// conn's gRPC server: job delivers room batches here, over one PushStream per job node; other conn nodes ask it for
// the uids in a room (PRESENCE).
import { connService, type ConnHandlers, type PresenceReply, type PresenceReq, type PushAck, type PushReq } from "@roomcast/api";
import type { Deliverer } from "@roomcast/pkg/link";
import type { MsgLevel } from "@roomcast/pkg/protocol";
import { RpcServer, unary } from "@roomcast/pkg/rpc";
import type { RoomPresence } from "./presence";

/** What a conn node serves over gRPC: deliveries, and its part of a room's presence (capped by its own limit). */
export interface ConnServed extends Deliverer {
  presence(room: string, limit: number): RoomPresence;
}

export function connGrpcServer(node: ConnServed): RpcServer {
  return new RpcServer(connService().service, (streams): ConnHandlers => ({
    // A batch that cannot be delivered fails its own request, not the stream.
    PushStream: streams.handler<PushReq, PushAck & { id: number; error: string }>(
      (r) => ({ delivered: r.rooms.reduce((n, b) => n + node.deliver({ ...b, msgLv: b.msgLv as MsgLevel, first: Number(b.first) }), 0) }),
      { delivered: 0 },
    ),
    Presence: unary<PresenceReq, PresenceReply>((r) => node.presence(r.roomID, r.limit)),
  }));
}
