// Requests over one long-lived gRPC bidi stream, each answered by an ack that carries its id. Far cheaper per
// request than a unary call (one DATA frame each way instead of a new HTTP/2 stream with headers and trailers).
import * as grpc from "@grpc/grpc-js";

export interface StreamAck {
  id: number;
  /** Non-empty when the peer could not do what the request asked. */
  error: string;
}

interface Pending<A> {
  resolve(ack: A): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A request on an AckedStream failed. `code` reads like a unary call's status: UNAVAILABLE when the request was
 * not taken (the stream could not open, or the peer had ended it), DEADLINE_EXCEEDED when its ack did not come in
 * time, INTERNAL when the peer answered with an error, the stream's own status when it broke mid-way.
 */
export class StreamRequestError extends Error {
  override readonly name = "StreamRequestError";
  constructor(
    message: string,
    readonly code: grpc.status,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Sends requests on a bidi stream opened on first use and reopened after it breaks. Each request resolves with
 * its ack, or rejects on an ack with an error, on the deadline, or when the stream ends before the ack came.
 */
export class AckedStream<Req extends { id: number }, Ack extends StreamAck> {
  private stream?: grpc.ClientDuplexStream<Req, Ack>;
  private readonly pending = new Map<number, Pending<Ack>>();
  private nextId = 0;
  private closed = false;
  /** When the current stream last brought an ack: a peer that answers, however late, is behind, not gone. */
  private lastAckAt = 0;

  constructor(
    private readonly open: () => grpc.ClientDuplexStream<Req, Ack>,
    private readonly timeoutMs: number,
    private readonly label: string,
  ) {}

  send(req: Omit<Req, "id">): Promise<Ack> {
    if (this.closed) return Promise.reject(new StreamRequestError(`${this.label}: closed`, grpc.status.UNAVAILABLE));
    const stream = this.stream ?? this.start();
    this.nextId = (this.nextId + 1) >>> 0;
    const id = this.nextId;
    const sentAt = Date.now();
    return new Promise<Ack>((resolve, reject) => {
      // Judged after one more poll for I/O (setImmediate runs after it): an ack already waiting in this process's
      // socket, unread only because this event loop was busy (a conn node in a reconnect storm), is not the peer's
      // lateness.
      const timer = setTimeout(
        () =>
          setImmediate(() => {
            if (!this.pending.has(id)) return;
            this.pending.delete(id);
            reject(new StreamRequestError(`${this.label}: no ack within ${this.timeoutMs} ms`, grpc.status.DEADLINE_EXCEEDED));
            // A peer silent since this request went out is cut off, failing what else waits on it; the next request
            // opens a fresh stream. One that still answers is only behind (or this process is): the others wait on.
            if (this.lastAckAt >= sentAt) return;
            this.fail(stream, new StreamRequestError(`${this.label}: cut after a request timed out`, grpc.status.DEADLINE_EXCEEDED));
            stream.cancel();
          }),
        this.timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      stream.write({ ...req, id } as Req);
    });
  }

  close(): void {
    this.closed = true;
    if (!this.stream) return;
    const s = this.stream;
    this.fail(s, new StreamRequestError(`${this.label}: closed`, grpc.status.UNAVAILABLE));
    s.cancel();
  }

  private start(): grpc.ClientDuplexStream<Req, Ack> {
    const s = this.open();
    this.stream = s;
    this.lastAckAt = 0;
    s.on("data", (ack: Ack) => {
      if (this.stream === s) this.lastAckAt = Date.now();
      const p = this.pending.get(ack.id);
      if (!p) return; // its deadline already passed
      this.pending.delete(ack.id);
      clearTimeout(p.timer);
      if (ack.error) p.reject(new StreamRequestError(`${this.label}: ${ack.error}`, grpc.status.INTERNAL));
      else p.resolve(ack);
    });
    s.on("error", (err: grpc.ServiceError) =>
      this.fail(s, new StreamRequestError(`${this.label}: stream failed: ${err.message}`, err.code ?? grpc.status.UNKNOWN, { cause: err })),
    );
    // The peer answers every request it took before it ends its side, so what is still waiting was not taken.
    s.on("end", () => this.fail(s, new StreamRequestError(`${this.label}: stream ended by the peer`, grpc.status.UNAVAILABLE)));
    return s;
  }

  /** Fails every request still waiting on `s` and forgets `s`, once; events of an older stream do nothing. */
  private fail(s: grpc.ClientDuplexStream<Req, Ack>, err: Error): void {
    if (this.stream !== s) return;
    this.stream = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
    s.end();
  }
}

/**
 * The serving side: each request is handled, in arrival order, and answered with an ack carrying its id (an
 * error becomes the ack's `error`, the stream goes on). endAll() ends every open stream once its requests are
 * answered, so a graceful stop does not wait for the clients to hang up.
 */
export class AckedStreamServer {
  private readonly ends = new Set<() => void>();

  handler<Req extends { id: number }, Ack extends StreamAck>(
    handle: (req: Req) => Omit<Ack, "id" | "error"> | Promise<Omit<Ack, "id" | "error">>,
    failed: Omit<Ack, "id" | "error">,
  ): grpc.handleBidiStreamingCall<Req, Ack> {
    return (call) => {
      let unanswered = 0;
      let ending = false;
      const end = () => {
        ending = true;
        if (unanswered === 0) call.end();
      };
      const answer = (ack: Ack) => {
        unanswered--;
        if (call.writable) call.write(ack);
        if (ending && unanswered === 0) call.end();
      };
      const forget = () => this.ends.delete(end);
      this.ends.add(end);
      call.on("data", (req: Req) => {
        unanswered++;
        const fail = (err: unknown) => answer({ ...failed, id: req.id, error: err instanceof Error ? err.message : String(err) } as Ack);
        try {
          const res = handle(req);
          if (res instanceof Promise) res.then((r) => answer({ ...r, id: req.id, error: "" } as Ack), fail);
          else answer({ ...res, id: req.id, error: "" } as Ack);
        } catch (err) {
          fail(err);
        }
      });
      call.on("end", () => {
        forget();
        end();
      });
      // The client went away or cut the stream; it opens a new one when it needs it.
      call.on("error", forget);
      call.on("cancelled", forget);
      call.on("close", forget);
    };
  }

  /** Ends every open stream once the requests it holds are answered. */
  endAll(): void {
    for (const end of this.ends) end();
    this.ends.clear();
  }
}

/** A gRPC client and the AckedStreams it carries, closed together: one peer of a PeerSet. */
export class StreamingPeer<C extends grpc.Client, Req extends { id: number }, Ack extends StreamAck> {
  readonly stream: AckedStream<Req, Ack>;
  private readonly more = new Map<string, AckedStream<{ id: number }, StreamAck>>();

  constructor(
    readonly rpc: C,
    open: (rpc: C) => grpc.ClientDuplexStream<Req, Ack>,
    private readonly timeoutMs: number,
    private readonly label: string,
  ) {
    this.stream = new AckedStream(() => open(rpc), timeoutMs, label);
  }

  /** Another stream on the same client (another method), made on first use and closed with the peer. */
  streamOf<R extends { id: number }, A extends StreamAck>(
    method: string,
    open: (rpc: C) => grpc.ClientDuplexStream<R, A>,
  ): AckedStream<R, A> {
    let s = this.more.get(method) as AckedStream<R, A> | undefined;
    if (!s) {
      s = new AckedStream(() => open(this.rpc), this.timeoutMs, this.label.replace(/^[^(]*/, method));
      this.more.set(method, s as unknown as AckedStream<{ id: number }, StreamAck>);
    }
    return s;
  }

  close(): void {
    this.stream.close();
    for (const s of this.more.values()) s.close();
    this.rpc.close();
  }
}
