// conn's gRPC server: job delivers room batches here, over one PushStream per job node.
import { connService, type ConnHandlers, type PushAck, type PushRoomsReq } from "@roomcast/api";
import { grpc, unary, bindServer, shutdownServer, serverOptions, AckedStreamServer } from "@roomcast/pkg/rpc";
import type { MsgLevel } from "@roomcast/pkg/protocol";

export interface PushTarget {
  pushRoom(roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number): number;
  pushAll(msgLv: MsgLevel, batch: Uint8Array, count: number): number;
}

export class ConnGrpcServer {
  private readonly server = new grpc.Server(serverOptions);
  private readonly streams = new AckedStreamServer();

  constructor(target: PushTarget) {
    const handlers: ConnHandlers = {
      PushAll: unary((r) => ({ delivered: target.pushAll(r.msgLv as MsgLevel, r.batch, r.count) })),
      // A batch that cannot be delivered fails its own request, not the stream.
      PushStream: this.streams.handler<PushRoomsReq, PushAck & { id: number; error: string }>(
        (r) => ({ delivered: r.rooms.reduce((n, b) => n + target.pushRoom(b.roomID, b.msgLv as MsgLevel, b.batch, b.count), 0) }),
        { delivered: 0 },
      ),
    };
    this.server.addService(connService().service, handlers);
  }

  listen(host: string, port: number): Promise<number> {
    return bindServer(this.server, host, port);
  }

  /** Stops taking calls and ends the open push streams (job fails what it had not sent and retries). */
  close(graceMs?: number): Promise<void> {
    const stopped = shutdownServer(this.server, graceMs);
    this.streams.endAll();
    return stopped;
  }
}
