// The roomcast client SDK: one room membership over one WebSocket, kept alive with heartbeats and
// re-established with back-off. Runs unchanged in browsers (native WebSocket) and in Node 20 (pass `ws`).
import { EventEmitter } from "eventemitter3";
import {
  ErrCode,
  MsgLevel,
  PackageType,
  checkRoomID,
  decodeBroadcast,
  decodeErr,
  decodeReply,
  encodeBroadcast,
  encodeRefresh,
  encodeReq,
  encodeSignIn,
  unpackMessages,
} from "../protocol";
import { defaultBackoff, drainReconnectDelay, reconnectDelay, type BackoffOptions } from "./backoff";
import { ClientError, ConnectionError, ProtocolError, TimeoutError } from "./errors";
import { Message } from "./message";

/** An event handler property, compared bivariantly: the DOM and `ws` declare richer event types than the SDK reads. */
type Handler<E> = { bivariance(ev: E): void }["bivariance"];

/** The part of the WebSocket API the SDK uses: the browser's WebSocket and the `ws` package both have it. */
export interface WebSocketLike {
  binaryType: string;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface ClientOptions {
  /** ws://host:port/room of a conn node, or several: each reconnect attempt moves on to the next one. */
  url: string | readonly string[];
  /**
   * The sign-in token, or a function that returns one; a function is called before every sign-in, so it can renew,
   * and before the token expires, so the connection can go on (REFRESH).
   */
  token: string | (() => string | Promise<string>);
  /** With a token function: send REFRESH this long before the token's `exp` (at most a third of its lifetime before). */
  refreshBeforeMs?: number;
  /** The room to join (1–128 bytes of UTF-8). */
  room: string;
  /** The WebSocket class. Defaults to the global one (browsers); in Node 20 pass the `ws` package's. */
  WebSocket?: WebSocketConstructor;
  /** How often to send HEARTBEAT once signed in (the server closes connections silent for 60 s). */
  heartbeatIntervalMs?: number;
  /** A heartbeat not answered within this long means the connection is dead: drop it and reconnect. */
  pongTimeoutMs?: number;
  /** Time for the WebSocket to open and the sign-in to be answered. */
  connectTimeoutMs?: number;
  /** Time limit of members(). */
  requestTimeoutMs?: number;
  /** Largest message send() accepts; the server's default limit. */
  maxMessageBytes?: number;
  /** Reconnect delays, or false to stay disconnected after the first loss. */
  reconnect?: Partial<BackoffOptions> | false;
}

/**
 * idle: not started · connecting: an attempt is under way or scheduled · connected: signed in ·
 * closed: close() was called, or the server refused in a way retrying cannot fix.
 */
export type ClientState = "idle" | "connecting" | "connected" | "closed";

export interface ClientEvents {
  state: (state: ClientState, previous: ClientState) => void;
  /** Signed in; `reconnects` counts the failed attempts before this success. */
  connected: (info: { url: string; reconnects: number }) => void;
  /** A signed-in connection was lost. */
  disconnected: (info: { url: string; code: number; reason: string }) => void;
  /** The next attempt is scheduled. */
  reconnecting: (info: { attempt: number; delayMs: number; url: string }) => void;
  message: (message: Message) => void;
  /** Err replies after sign-in (103, 104, 105 …), refused sign-ins, undecodable frames. The client carries on unless `closed` follows. */
  error: (error: ClientError) => void;
  /** Final: no more attempts. `error` says why when it was not close(). */
  closed: (info: { error?: ClientError }) => void;
}

const CLOSE_NORMAL = 1000;
/** No close frame (the connection died, or the SDK dropped it). */
const CLOSE_ABNORMAL = 1006;
/** The server's "too many malformed frames": reconnecting would repeat the same mistake. */
const CLOSE_GARBAGE = 4002;
/** The node is draining: reconnect elsewhere after a random delay (backoff's drainDelayMs). */
const CLOSE_DRAINING = 4004;

/** The `exp` claim of a JWT in ms since the epoch, 0 when there is none. Not verified: it only times the refresh. */
export function tokenExpiry(token: string): number {
  const part = token.split(".")[1];
  if (!part) return 0;
  try {
    const bin = atob(
      part
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(part.length / 4) * 4, "="),
    );
    const exp = (JSON.parse(decoder.decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as { exp?: unknown }).exp;
    return typeof exp === "number" && exp > 0 ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

interface Pending<T> {
  resolve(v: T): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** Timed out: the late answer is still swallowed, so the next request is not paired with it. */
  done: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const empty = new Uint8Array(0);

export class RoomcastClient extends EventEmitter<ClientEvents> {
  readonly room: string;
  private readonly urls: readonly string[];
  private readonly WS: WebSocketConstructor;
  private readonly backoff: BackoffOptions | false;
  private readonly heartbeatIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly maxMessageBytes: number;
  private readonly refreshBeforeMs: number;

  private _state: ClientState = "idle";
  private ws?: WebSocketLike;
  private urlIndex = 0;
  /** Failed attempts since the last successful sign-in. */
  private failures = 0;
  private signingIn = false;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private heartbeatTimer?: ReturnType<typeof setInterval>;
  private pongTimer?: ReturnType<typeof setTimeout>;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  /** The token of the sign-in under way, then of the REFRESH under way (undefined: none). */
  private signInToken?: string;
  private refreshToken?: string;
  private readonly membersRequests: Pending<number>[] = [];
  private connectWaiters: Array<{ resolve(): void; reject(e: Error): void }> = [];

  constructor(private readonly options: ClientOptions) {
    super();
    checkRoomID(options.room);
    this.room = options.room;
    this.urls = typeof options.url === "string" ? [options.url] : [...options.url];
    if (this.urls.length === 0) throw new ClientError("options.url names no server");
    // The browser's WebSocket (also the compile-time proof that it fits WebSocketLike); Node 20 has none.
    const WS: WebSocketConstructor | undefined = options.WebSocket ?? (typeof WebSocket === "undefined" ? undefined : WebSocket);
    if (!WS) throw new ClientError("no WebSocket class: pass options.WebSocket (in Node 20, the ws package's WebSocket)");
    this.WS = WS;
    this.backoff = options.reconnect === false ? false : { ...defaultBackoff, ...options.reconnect };
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 30_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 10_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
    this.maxMessageBytes = options.maxMessageBytes ?? 65_536;
    this.refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
  }

  get state(): ClientState {
    return this._state;
  }

  /** The server of the current (or next) attempt. */
  get url(): string {
    return this.urls[this.urlIndex % this.urls.length];
  }

  /**
   * Starts connecting (again, after close()). Resolves on the first successful sign-in; rejects if the
   * client closes before that (close(), a refused token, or no reconnecting allowed).
   */
  connect(): Promise<void> {
    if (this._state === "connected") return Promise.resolve();
    const signedIn = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    if (this._state === "idle" || this._state === "closed") {
      this.failures = 0;
      this.setState("connecting");
      this.open();
    }
    return signedIn;
  }

  /** Sends a message to the room (level NORMAL); it comes back to every member, this one included. */
  send(data: string | Uint8Array): void {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    if (bytes.byteLength > this.maxMessageBytes)
      throw new ProtocolError(ErrCode.TOO_LARGE, `message of ${bytes.byteLength} bytes is over ${this.maxMessageBytes}`, false);
    this.sendFrame(PackageType.MESSAGE, encodeBroadcast({ roomID: this.room, msgLv: MsgLevel.NORMAL, data: bytes }));
  }

  /** Members of the room across the whole cluster (at most a few seconds stale). */
  members(timeoutMs = this.requestTimeoutMs): Promise<number> {
    return new Promise((resolve, reject) => {
      try {
        this.sendFrame(PackageType.MEMBERS, empty);
      } catch (err) {
        return reject(err as Error);
      }
      const p: Pending<number> = {
        resolve,
        reject,
        done: false,
        timer: setTimeout(() => {
          p.done = true;
          reject(new TimeoutError(`no MEMBERS answer within ${timeoutMs} ms`, timeoutMs));
        }, timeoutMs),
      };
      this.membersRequests.push(p);
    });
  }

  /** Leaves the room for good: no more reconnects, pending requests fail, state becomes "closed". */
  close(): void {
    this.finish();
  }

  private setState(next: ClientState): void {
    const prev = this._state;
    if (prev === next) return;
    this._state = next;
    this.emit("state", next, prev);
  }

  private sendFrame(type: PackageType, data: Uint8Array): void {
    if (this._state !== "connected" || !this.ws) throw new ConnectionError(`not connected (state ${this._state})`);
    this.ws.send(encodeReq({ type, data }));
  }

  private open(): void {
    const url = this.url;
    let ws: WebSocketLike;
    try {
      ws = new this.WS(url);
    } catch (err) {
      // A malformed URL: retrying cannot help.
      return this.finish(new ConnectionError(`cannot open ${url}: ${(err as Error).message}`));
    }
    this.ws = ws;
    ws.binaryType = "arraybuffer";
    this.signingIn = false;
    this.connectTimer = setTimeout(
      () => this.drop(ws, CLOSE_ABNORMAL, `not signed in within ${this.connectTimeoutMs} ms`),
      this.connectTimeoutMs,
    );
    ws.onopen = () => void this.signIn(ws);
    ws.onmessage = (ev) => this.ws === ws && this.onFrame(ev.data);
    ws.onclose = (ev) => this.ws === ws && this.lost(ev.code, ev.reason);
    ws.onerror = () => {}; // a close event follows and carries what is known
  }

  private async signIn(ws: WebSocketLike): Promise<void> {
    let token: string;
    try {
      token = typeof this.options.token === "string" ? this.options.token : await this.options.token();
    } catch (err) {
      this.emit("error", new ClientError(`token provider failed: ${(err as Error).message}`, { cause: err }));
      return this.drop(ws, CLOSE_ABNORMAL, "no token");
    }
    if (this.ws !== ws) return;
    this.signInToken = token;
    this.signingIn = true;
    ws.send(encodeReq({ type: PackageType.SIGN_IN, data: encodeSignIn({ token, roomID: this.room }) }));
  }

  private onFrame(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return; // the protocol has no text frames
    try {
      const reply = decodeReply(new Uint8Array(data));
      switch (reply.type) {
        case PackageType.UNKNOWN:
          return this.onErr(decodeErr(reply.data));
        case PackageType.HEARTBEAT:
          clearTimeout(this.pongTimer);
          this.pongTimer = undefined;
          return;
        case PackageType.REFRESH:
          return this.onRefreshed(decodeErr(reply.data));
        case PackageType.MEMBERS:
          return this.onMembers(Number(decoder.decode(reply.data)));
        case PackageType.MESSAGE: {
          const b = decodeBroadcast(reply.data);
          for (const m of unpackMessages(b.data)) this.emit("message", new Message(b.roomID, b.msgLv, m));
          return;
        }
      }
    } catch (err) {
      this.emit("error", new ProtocolError(ErrCode.MALFORMED, `undecodable frame from the server: ${(err as Error).message}`, false));
    }
  }

  private onErr(e: { code: number; msg: string }): void {
    const err = new ProtocolError(e.code as ErrCode, e.msg);
    // The token expired: a token function gives a fresh one (REFRESH) before the server's grace ends.
    if (!this.signingIn && e.code === ErrCode.TOKEN_EXPIRED && typeof this.options.token !== "string") return void this.refresh();
    if (!this.signingIn) return void this.emit("error", err);
    this.signingIn = false;
    if (e.code === ErrCode.OK) return this.signedIn();
    this.emit("error", err);
    // A fixed token that was refused, or a room the server rejects, fails the same way every time.
    const fixedToken = typeof this.options.token === "string";
    const hopeless =
      e.code === ErrCode.MALFORMED || (fixedToken && (e.code === ErrCode.INVALID_TOKEN || e.code === ErrCode.ROOM_NOT_ALLOWED));
    if (hopeless) this.finish(err);
    else if (this.ws) this.drop(this.ws, CLOSE_NORMAL, `sign-in refused (${e.code})`);
  }

  private signedIn(): void {
    clearTimeout(this.connectTimer);
    const reconnects = this.failures;
    this.failures = 0;
    this.setState("connected");
    this.heartbeatTimer = setInterval(() => this.beat(), this.heartbeatIntervalMs);
    this.scheduleRefresh(this.signInToken);
    this.emit("connected", { url: this.url, reconnects });
    for (const w of this.connectWaiters.splice(0)) w.resolve();
  }

  /** With a token function, asks it for a fresh token ahead of `token`'s expiry (read from the JWT, not verified). */
  private scheduleRefresh(token: string | undefined): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (typeof this.options.token === "string" || !token) return;
    const left = tokenExpiry(token) - Date.now();
    // Unknown, or (by this clock) about to expire: the server's 108 will ask for the refresh.
    if (left <= 1_000) return;
    const delay = Math.max(1_000, left - Math.min(this.refreshBeforeMs, left / 3));
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  /** Sends Req{REFRESH} with a fresh token from the token function; the answer comes in onRefreshed. */
  private async refresh(): Promise<void> {
    const ws = this.ws;
    const provider = this.options.token;
    if (this._state !== "connected" || !ws || this.refreshToken !== undefined || typeof provider === "string") return;
    this.refreshToken = "";
    let token: string;
    try {
      token = await provider();
    } catch (err) {
      this.refreshToken = undefined;
      return void this.emit("error", new ClientError(`token provider failed: ${(err as Error).message}`, { cause: err }));
    }
    if (this.ws !== ws || this._state !== "connected") return;
    this.refreshToken = token;
    ws.send(encodeReq({ type: PackageType.REFRESH, data: encodeRefresh(token) }));
  }

  /** Reply{REFRESH, Err}: 0, the fresh token is the connection's now; otherwise the refusal, as an error event. */
  private onRefreshed(e: { code: number; msg: string }): void {
    const token = this.refreshToken;
    this.refreshToken = undefined;
    if (e.code === ErrCode.OK) return this.scheduleRefresh(token);
    this.emit("error", new ProtocolError(e.code as ErrCode, e.msg));
  }

  private beat(): void {
    if (this.pongTimer === undefined) {
      const ws = this.ws!;
      this.pongTimer = setTimeout(() => this.drop(ws, CLOSE_ABNORMAL, `no pong within ${this.pongTimeoutMs} ms`), this.pongTimeoutMs);
    }
    this.sendFrame(PackageType.HEARTBEAT, empty);
  }

  private onMembers(count: number): void {
    const p = this.membersRequests.shift();
    if (!p || p.done) return;
    clearTimeout(p.timer);
    p.resolve(count);
  }

  /** Gives up on a socket without waiting for its close handshake (a dead peer never answers it). */
  private drop(ws: WebSocketLike, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.detach(ws);
    this.lost(code, reason);
  }

  private detach(ws: WebSocketLike): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(CLOSE_NORMAL);
    } catch {
      // already closed
    }
    if (this.ws === ws) this.ws = undefined;
  }

  /** The current socket is gone: fail what waited on it, then reconnect or stop. */
  private lost(code: number, reason: string): void {
    const url = this.url;
    const wasConnected = this._state === "connected";
    this.ws = undefined;
    this.stopTimers();
    this.failPending(new ConnectionError(`connection lost (${code}${reason ? ` ${reason}` : ""})`, code));
    if (wasConnected) this.emit("disconnected", { url, code, reason });
    if (code === CLOSE_GARBAGE)
      return this.finish(new ConnectionError(`server closed the connection: ${reason || "malformed frames"}`, code));
    if (this.backoff === false) return this.finish(new ConnectionError(`connection to ${url} lost (${code}) and reconnect is off`, code));
    this.setState("connecting");
    // A draining node closes its sockets in waves; a random wait spreads each wave's clients over the other nodes.
    const delayMs = code === CLOSE_DRAINING ? drainReconnectDelay(this.backoff) : reconnectDelay(this.failures, this.backoff);
    this.failures++;
    this.urlIndex++;
    this.emit("reconnecting", { attempt: this.failures, delayMs, url: this.url });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.open();
    }, delayMs);
  }

  /** The end: close() without an error, or a failure that retrying cannot fix. */
  private finish(error?: ClientError): void {
    if (this.ws) this.detach(this.ws);
    this.stopTimers();
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const reason = error ?? new ConnectionError("client closed");
    this.failPending(reason);
    for (const w of this.connectWaiters.splice(0)) w.reject(reason);
    if (this._state === "closed") return;
    this.setState("closed");
    this.emit("closed", { error });
  }

  private stopTimers(): void {
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.pongTimer);
    clearTimeout(this.refreshTimer);
    this.connectTimer = this.heartbeatTimer = this.pongTimer = this.refreshTimer = undefined;
    this.refreshToken = undefined;
  }

  private failPending(err: Error): void {
    for (const p of this.membersRequests.splice(0)) {
      clearTimeout(p.timer);
      if (!p.done) p.reject(err);
    }
  }
}
