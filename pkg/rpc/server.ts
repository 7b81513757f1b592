// A gRPC server as every tier runs one: shared options, an AckedStreamServer for its streams, bind, graceful close.
import * as grpc from "@grpc/grpc-js";
import { AckedStreamServer } from "./acked_stream";
import { listenFailure } from "../lifecycle/listen";
import { bindServer, serverCredentials, serverOptions, shutdownServer, type RpcTls } from "./rpc";

export class RpcServer {
  private readonly server = new grpc.Server(serverOptions);
  private readonly streams = new AckedStreamServer();

  /** handlers builds the service's handlers; streaming ones come from the AckedStreamServer it is given. */
  constructor(service: grpc.ServiceDefinition, handlers: (streams: AckedStreamServer) => grpc.UntypedServiceImplementation) {
    this.server.addService(service, handlers(this.streams));
  }

  /** Serves one more service on the same port. */
  addService(service: grpc.ServiceDefinition, handlers: grpc.UntypedServiceImplementation): void {
    this.server.addService(service, handlers);
  }

  /** Binds host:port (0 = any free port) and resolves with the bound port; with `tls`, callers need a certificate its CA signed. */
  async listen(host: string, port: number, tls?: RpcTls): Promise<number> {
    try {
      return await bindServer(this.server, host, port, serverCredentials(tls));
    } catch (err) {
      // grpc-js reports a taken port only inside its message.
      const inUse = /EADDRINUSE/.test((err as Error).message);
      throw listenFailure("gRPC", host, port, "grpc.port", inUse ? { code: "EADDRINUSE", cause: err } : err);
    }
  }

  /** Stops taking calls; each open stream ends once its requests are answered, so peers fail over at once. */
  close(graceMs?: number): Promise<void> {
    const stopped = shutdownServer(this.server, graceMs);
    this.streams.endAll();
    return stopped;
  }
}
