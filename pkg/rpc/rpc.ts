// Small gRPC helpers shared by the tiers: serving, unary adapters and promisified calls.
import * as grpc from "@grpc/grpc-js";

export { grpc };

/** Adapts an async function to a grpc-js unary handler; a thrown error becomes INTERNAL with its message. */
export function unary<Req, Res>(fn: (req: Req) => Res | Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) }),
      );
  };
}

/** The CA, certificate and key of gRPC's TLS (PEM); without them a link is plaintext. */
export interface RpcTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** With TLS: mutual; a caller must present a certificate the CA signed, or its handshake fails. Else plaintext. */
export function serverCredentials(tls?: RpcTls): grpc.ServerCredentials {
  return tls
    ? grpc.ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true)
    : grpc.ServerCredentials.createInsecure();
}

/** With TLS: checks the server's certificate against the CA and presents this node's. Else plaintext. */
export function channelCredentials(tls?: RpcTls): grpc.ChannelCredentials {
  return tls ? grpc.credentials.createSsl(tls.ca, tls.key, tls.cert) : grpc.credentials.createInsecure();
}

/** Binds a server on host:port (0 = any free port) and resolves with the bound port. */
export function bindServer(server: grpc.Server, host: string, port: number, credentials = serverCredentials()): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
  });
}

/** Stops taking calls, waits up to graceMs for running ones, then cuts the rest. */
export function shutdownServer(server: grpc.Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The largest gRPC message either side takes. */
export const MAX_MESSAGE_BYTES = 16 << 20;

/** Limits for a TurnBatcher that gathers items into one gRPC request: half the message cap leaves room for framing. */
export const batchRequestLimits = <T>(sizeOf: (item: T) => number) => ({ maxSize: MAX_MESSAGE_BYTES / 2, sizeOf });

/** Channel options shared by every client: keepalive so dead peers are noticed, large messages for batches. */
export const clientOptions: grpc.ChannelOptions = {
  "grpc.keepalive_time_ms": 10_000,
  "grpc.keepalive_timeout_ms": 5_000,
  "grpc.keepalive_permit_without_calls": 1,
  "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
  "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  "grpc.initial_reconnect_backoff_ms": 200,
  "grpc.max_reconnect_backoff_ms": 2_000,
};

export const serverOptions: grpc.ServerOptions = {
  "grpc.keepalive_permit_without_calls": 1,
  "grpc.http2.min_ping_interval_without_data_ms": 5_000,
  "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
  "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
};

/** Runs one callback-style unary call as a promise with a deadline: call(ms, (opts, cb) => client.Method(req, opts, cb)). */
export function call<Res>(
  timeoutMs: number,
  fn: (options: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    fn({ deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res as Res)));
  });
}
