// conn's gRPC server: job delivers room batches here, over one PushStream per job node.
import { connService, type ConnHandlers, type PushAck, type PushRoomsReq } from "@roomcast/api";
import { grpc, unary, bindServer, shutdownServer, serverOptions } from "@roomcast/pkg/rpc";
import type { MsgLevel } from "@roomcast/pkg/protocol";

export interface PushTarget {
  pushRoom(roomID: string, msgLv: MsgLevel, batch: Uint8Array, count: number): number;
  pushAll(msgLv: MsgLevel, batch: Uint8Array, count: number): number;
}

type PushCall = grpc.ServerDuplexStream<PushRoomsReq, PushAck>;

export class ConnGrpcServer {
  private readonly server = new grpc.Server(serverOptions);
  /** Open push streams, ended on close so a graceful stop does not wait for job to hang up. */
  private readonly streams = new Set<PushCall>();

  constructor(target: PushTarget) {
    const handlers: ConnHandlers = {
      PushAll: unary((r) => ({ delivered: target.pushAll(r.msgLv as MsgLevel, r.batch, r.count) })),
      PushStream: (call) => {
        this.streams.add(call);
        call.on("data", (r: PushRoomsReq) => {
          // Each request is answered, in order; a batch that cannot be delivered fails its request, not the stream.
          try {
            const delivered = r.rooms.reduce((n, b) => n + target.pushRoom(b.roomID, b.msgLv as MsgLevel, b.batch, b.count), 0);
            call.write({ id: r.id, delivered, error: "" });
          } catch (err) {
            call.write({ id: r.id, delivered: 0, error: err instanceof Error ? err.message : String(err) });
          }
        });
        const forget = () => this.streams.delete(call);
        call.on("end", () => {
          forget();
          call.end();
        });
        // job went away or cut the stream; it opens a new one when it next pushes.
        call.on("error", forget);
        call.on("cancelled", forget);
        call.on("close", forget);
      },
    };
    this.server.addService(connService().service, handlers);
  }

  listen(host: string, port: number): Promise<number> {
    return bindServer(this.server, host, port);
  }

  /** Stops taking calls and ends the open push streams (job fails what it had not been answered and retries). */
  close(graceMs?: number): Promise<void> {
    const stopped = shutdownServer(this.server, graceMs);
    for (const s of this.streams) s.end();
    this.streams.clear();
    return stopped;
  }
}
