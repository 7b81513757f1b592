// logic's gRPC server for conn nodes; every call lands in LogicService.
import { logicService, type LogicHandlers, type PublishBatchReply, type PublishBatchReq } from "@roomcast/api";
import { grpc, unary, bindServer, shutdownServer, serverOptions, AckedStreamServer } from "@roomcast/pkg/rpc";
import type { LogicService } from "./logic";

export class LogicGrpcServer {
  private readonly server = new grpc.Server(serverOptions);
  private readonly streams = new AckedStreamServer();

  constructor(logic: LogicService) {
    const handlers: LogicHandlers = {
      Connect: unary((r) => logic.connect(r)),
      Disconnect: unary((r) => (logic.disconnect(r), {})),
      Heartbeat: unary((r) => (logic.heartbeat(r), {})),
      // Started in order, so one client's messages reach the queue in the order it sent them.
      PublishStream: this.streams.handler<PublishBatchReq, PublishBatchReply & { id: number; error: string }>(
        async (r) => ({
          results: await Promise.all(
            r.items.map((m) => logic.publish({ server: m.server, uid: m.uid, roomID: m.roomID, msgLv: m.msgLv, data: m.data })),
          ),
        }),
        { results: [] },
      ),
      ReportOnline: unary((r) => logic.reportOnline({ server: r.server, rooms: r.rooms, full: r.full })),
    };
    this.server.addService(logicService().service, handlers);
  }

  listen(host: string, port: number): Promise<number> {
    return bindServer(this.server, host, port);
  }

  /** Stops taking calls; each conn's publish stream ends once its requests are answered. */
  close(graceMs?: number): Promise<void> {
    const stopped = shutdownServer(this.server, graceMs);
    this.streams.endAll();
    return stopped;
  }
}
