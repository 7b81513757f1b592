// conn's gRPC server: job delivers room batches here.
import { connService, type ConnHandlers } from "@roomcast/api";
import { grpc, unary, bindServer, shutdownServer, serverOptions } from "@roomcast/pkg/rpc";
import type { MsgLevel } from "@roomcast/pkg/protocol";

export interface PushTarget {
  pushRoom(roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number): number;
  pushAll(msgLv: MsgLevel, batch: Uint8Array, count: number): number;
}

export class ConnGrpcServer {
  private readonly server = new grpc.Server(serverOptions);

  constructor(target: PushTarget) {
    const handlers: ConnHandlers = {
      PushAll: unary((r) => ({ delivered: target.pushAll(r.msgLv as MsgLevel, r.batch, r.count) })),
      PushRooms: unary((r) => ({
        delivered: r.rooms.reduce((n, b) => n + target.pushRoom(b.roomID, b.msgLv as MsgLevel, b.batch, b.count), 0),
      })),
    };
    this.server.addService(connService().service, handlers);
  }

  listen(host: string, port: number): Promise<number> {
    return bindServer(this.server, host, port);
  }

  close(graceMs?: number): Promise<void> {
    return shutdownServer(this.server, graceMs);
  }
}
