// A raw protocol client for the integration tests: sends any frame (garbage included) and records every reply.
// Applications use the SDK in pkg/client instead.
import WebSocket from "ws";
import {
  MsgLevel,
  PackageType,
  decodeBroadcast,
  decodeErr,
  decodeReply,
  encodeBroadcast,
  encodeRefresh,
  encodeReq,
  encodeSignIn,
  unpackMessages,
} from "@roomcast/pkg/protocol";

export interface Received {
  roomID: string;
  msgLv: MsgLevel;
  data: Uint8Array;
  text: string;
  /** Messages in the frame this one arrived in. */
  batchSize: number;
}

export interface ErrReply {
  code: number;
  msg: string;
}

type Waiter<T> = { resolve: (v: T) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/** Waits for replies of one type, in order. */
class ReplyQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  push(v: T) {
    const w = this.waiters.shift();
    if (w) {
      clearTimeout(w.timer);
      w.resolve(v);
    } else this.items.push(v);
  }
  next(timeoutMs: number, what: string): Promise<T> {
    if (this.items.length) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve, reject) => {
      const w: Waiter<T> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          reject(new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(w);
    });
  }
  fail(err: Error) {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
  pending(): number {
    return this.items.length;
  }
}

export class RoomClient {
  readonly received: Received[] = [];
  readonly frames: number[] = [];
  /** Every reply's type and Reply.id (protocol 2), in order of arrival. */
  readonly replyIds: Array<{ type: PackageType; id: number }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly errs = new ReplyQueue<ErrReply>();
  private readonly pongs = new ReplyQueue<string>();
  private readonly counts = new ReplyQueue<string>();
  private readonly refreshes = new ReplyQueue<ErrReply>();
  private readonly messageWaiters = new Set<() => void>();
  private isClosed = false;
  private autoPongs = 0;
  private keepAliveTimer?: NodeJS.Timeout;

  private constructor(private readonly ws: WebSocket) {
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer, isBinary: boolean) => this.onFrame(data, isBinary));
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        this.isClosed = true;
        clearInterval(this.keepAliveTimer);
        const err = new Error(`connection closed (${code} ${reason.toString()})`);
        this.errs.fail(err);
        this.pongs.fail(err);
        this.counts.fail(err);
        this.refreshes.fail(err);
        for (const w of this.messageWaiters) w();
        resolve({ code, reason: reason.toString() });
      }),
    );
    ws.on("error", () => {});
  }

  /** `localAddress` picks the source address (127.0.0.x), for the per-IP limits; `ca` is the CA a wss:// server's certificate must chain to. */
  static connect(url: string, timeoutMs = 5_000, localAddress?: string, ca?: Buffer): Promise<RoomClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: timeoutMs, maxPayload: 64 << 20, localAddress, ...(ca ? { ca } : {}) });
      ws.once("open", () => resolve(new RoomClient(ws)));
      ws.once("error", reject);
    });
  }

  /** Connects and signs in; rejects if the server refuses. */
  static async join(url: string, token: string, roomID: string, localAddress?: string, ca?: Buffer): Promise<RoomClient> {
    const c = await RoomClient.connect(url, 5_000, localAddress, ca);
    const r = await c.signIn(token, roomID);
    if (r.code !== 0) {
      c.close();
      throw new Error(`sign-in refused: ${r.code} ${r.msg}`);
    }
    return c;
  }

  get open(): boolean {
    return !this.isClosed;
  }

  signIn(token: string, roomID: string, timeoutMs = 5_000): Promise<ErrReply> {
    this.sendFrame(PackageType.SIGN_IN, encodeSignIn({ token, roomID }));
    return this.nextErr(timeoutMs);
  }

  /** Sends a heartbeat every intervalMs in the background (their pongs are not queued). */
  keepAlive(intervalMs: number): this {
    clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = setInterval(() => {
      if (this.isClosed) return clearInterval(this.keepAliveTimer);
      this.autoPongs++;
      this.sendFrame(PackageType.HEARTBEAT, new Uint8Array(0));
    }, intervalMs);
    this.keepAliveTimer.unref();
    return this;
  }

  /** Sends Req{REFRESH, Refresh{token}}; resolves with the Err of its Reply{REFRESH}. */
  refresh(token: string, timeoutMs = 5_000): Promise<ErrReply> {
    this.sendFrame(PackageType.REFRESH, encodeRefresh(token));
    return this.refreshes.next(timeoutMs, "REFRESH answer");
  }

  heartbeat(timeoutMs = 5_000): Promise<string> {
    this.sendFrame(PackageType.HEARTBEAT, new Uint8Array(0));
    return this.pongs.next(timeoutMs, "pong");
  }

  async members(timeoutMs = 5_000): Promise<number> {
    this.sendFrame(PackageType.MEMBERS, new Uint8Array(0));
    return Number(await this.counts.next(timeoutMs, "MEMBERS reply"));
  }

  /** Sends a MESSAGE; nothing comes back on success (the message arrives like any other). */
  say(roomID: string, data: string | Uint8Array, msgLv: MsgLevel = MsgLevel.NORMAL): void {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    this.sendFrame(PackageType.MESSAGE, encodeBroadcast({ roomID, msgLv, data: bytes }));
  }

  sendFrame(type: number, data: Uint8Array): void {
    this.sendRaw(encodeReq({ type: type as PackageType, data }));
  }

  /** Sends bytes (binary frame) or a string (text frame) as they are. */
  /** A Req carrying a request id (protocol 2): its answers carry it back. */
  sendWithId(type: PackageType, data: Uint8Array, id: number): void {
    this.sendRaw(encodeReq({ type, data, id }));
  }

  sendRaw(data: Uint8Array | string): void {
    this.ws.send(data, { binary: typeof data !== "string" });
  }

  /** The next Reply{UNKNOWN, Err}. */
  nextErr(timeoutMs = 5_000): Promise<ErrReply> {
    return this.errs.next(timeoutMs, "Err reply");
  }

  pendingErrs(): number {
    return this.errs.pending();
  }

  /** Resolves once `count` messages arrived in total (or the predicate holds); rejects on timeout. */
  waitForMessages(count: number | ((r: Received[]) => boolean), timeoutMs = 10_000): Promise<Received[]> {
    const done = typeof count === "number" ? (r: Received[]) => r.length >= count : count;
    if (done(this.received)) return Promise.resolve(this.received);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this.received)) {
          cleanup();
          resolve(this.received);
        } else if (this.isClosed) {
          cleanup();
          reject(new Error(`closed after ${this.received.length} messages`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `only ${this.received.length} messages within ${timeoutMs} ms: ${this.received
              .slice(-5)
              .map((r) => r.text)
              .join(" | ")}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.messageWaiters.delete(check);
      };
      this.messageWaiters.add(check);
    });
  }

  close(code = 1000): void {
    clearInterval(this.keepAliveTimer);
    if (!this.isClosed) this.ws.close(code);
  }

  terminate(): void {
    clearInterval(this.keepAliveTimer);
    this.ws.terminate();
  }

  /** Sends MESSAGE frames back to back in one TCP write, so the server reads them in one go. */
  sayAll(roomID: string, messages: Array<string | Uint8Array>): void {
    const socket = this.tcp();
    socket.cork();
    for (const m of messages) this.say(roomID, m);
    socket.uncork();
  }

  /** Stops reading the socket (a client that stalls): the server's bytes pile up in the kernel, then in its send buffer. */
  pauseReading(): void {
    this.tcp().pause();
  }

  resumeReading(): void {
    this.tcp().resume();
  }

  private tcp(): import("node:net").Socket {
    return (this.ws as unknown as { _socket: import("node:net").Socket })._socket;
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (!isBinary) return;
    const reply = decodeReply(data);
    this.replyIds.push({ type: reply.type, id: reply.id ?? 0 });
    switch (reply.type) {
      case PackageType.UNKNOWN:
        this.errs.push(decodeErr(reply.data));
        break;
      case PackageType.HEARTBEAT:
        if (this.autoPongs > 0) this.autoPongs--;
        else this.pongs.push(Buffer.from(reply.data).toString());
        break;
      case PackageType.REFRESH:
        this.refreshes.push(decodeErr(reply.data));
        break;
      case PackageType.MEMBERS:
        this.counts.push(Buffer.from(reply.data).toString());
        break;
      case PackageType.MESSAGE: {
        const b = decodeBroadcast(reply.data);
        const msgs = unpackMessages(b.data);
        this.frames.push(msgs.length);
        for (const m of msgs)
          this.received.push({ roomID: b.roomID, msgLv: b.msgLv, data: m, text: Buffer.from(m).toString(), batchSize: msgs.length });
        for (const w of [...this.messageWaiters]) w();
        break;
      }
    }
  }
}
