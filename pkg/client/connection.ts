// One connection's life: open a WebSocket, sign in, beat, refresh the token, and reconnect with back-off on loss,
// moving along the URL list. RoomcastClient (client.ts) builds rooms, requests and messages on it.
import { EventEmitter } from "eventemitter3";
import { PackageType, checkRoomID } from "../protocol/codec";
import { ErrCode } from "../protocol/codes";
import { defaultBackoff, drainReconnectDelay, reconnectDelay, type BackoffOptions } from "./backoff";
import { ClientError, ConnectionError, ProtocolError } from "./errors";
import { Requests } from "./requests";
import { tokenExpiry } from "./token";
import type { ClientEvents, ClientOptions, ClientState, WebSocketConstructor, WebSocketLike } from "./types";
import { jsonWire, protoWire, type Answer, type ClientWire, type ErrAnswer } from "./wire";
import type { Position } from "./positions";

const CLOSE_NORMAL = 1000;
/** No close frame (the connection died, or the SDK dropped it). */
const CLOSE_ABNORMAL = 1006;
/** The server's "too many malformed frames": reconnecting would repeat the same mistake. */
const CLOSE_GARBAGE = 4002;
/** The node is draining: reconnect elsewhere after a random delay (backoff's drainDelayMs). */
const CLOSE_DRAINING = 4004;

export abstract class Connection extends EventEmitter<ClientEvents> {
  private readonly urls: readonly string[];
  private readonly WS: WebSocketConstructor;
  protected readonly wire: ClientWire;
  private readonly backoff: BackoffOptions | false;
  private readonly heartbeatIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  protected readonly requestTimeoutMs: number;
  protected readonly maxMessageBytes: number;
  private readonly refreshBeforeMs: number;
  protected readonly requests = new Requests();
  private _state: ClientState = "idle";
  private _connID?: string;
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
  private connectWaiters: Array<{ resolve(): void; reject(e: Error): void }> = [];

  constructor(protected readonly options: ClientOptions) {
    super();
    if (options.room !== undefined) checkRoomID(options.room);
    this.urls = typeof options.url === "string" ? [options.url] : [...options.url];
    if (this.urls.length === 0) throw new ClientError("options.url names no server");
    if (options.codec !== undefined && options.codec !== "proto" && options.codec !== "json")
      throw new ClientError(`options.codec must be "proto" or "json", not ${JSON.stringify(options.codec)}`);
    this.wire = options.codec === "json" ? jsonWire : protoWire;
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

  /** This connection's id while signed in (protocol 2): services push to it with POST /msg {"conn": …}. */
  get connID(): string | undefined {
    return this._connID;
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

  /** Leaves every room for good: no more reconnects, pending requests fail, state becomes "closed". */
  close(): void {
    this.finish();
  }

  /** The room sign-in joins; "" for none. */
  protected abstract signInRoom(): string;
  /** Where to recover the sign-in room from (protocol 2); undefined: do not ask. */
  protected abstract signInRecover(): Position | undefined;
  /** MESSAGE, MEMBERS, SUBSCRIBE and UNSUBSCRIBE: what the client built on the connection handles. */
  protected abstract onReply(a: Answer): void;
  /** Signed in, just before `connected` is emitted, with the sign-in's answer (its recovery, protocol 2). */
  protected abstract onSignedIn(answer: ErrAnswer): void;

  private setState(next: ClientState): void {
    const prev = this._state;
    if (prev === next) return;
    this._state = next;
    this.emit("state", next, prev);
  }

  protected sendFrame(frame: Uint8Array | string): void {
    if (this._state !== "connected" || !this.ws) throw new ConnectionError(`not connected (state ${this._state})`);
    this.ws.send(frame);
  }

  private open(): void {
    const url = this.url;
    let ws: WebSocketLike;
    try {
      const protocol = this.wire.subprotocol;
      ws = protocol ? new this.WS(url, [protocol]) : new this.WS(url);
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
    const room = this.signInRoom();
    ws.send(this.wire.signIn(this.requests.nextId(), token, room, room ? this.signInRecover() : undefined));
  }

  private onFrame(data: unknown): void {
    let a: Answer | undefined;
    try {
      a = this.wire.decode(data);
    } catch (err) {
      const msg = `undecodable frame from the server: ${(err as Error).message}`;
      return void this.emit("error", err instanceof ProtocolError ? err : new ProtocolError(ErrCode.MALFORMED, msg, false));
    }
    if (!a) return;
    try {
      this.onAnswer(a);
    } catch (err) {
      // A listener threw: told as an event rather than thrown into the socket's callback (which would crash Node).
      this.emit("error", new ClientError(`a listener threw: ${(err as Error).message}`, { cause: err }));
    }
  }

  private onAnswer(a: Answer): void {
    switch (a.type) {
      case PackageType.HEARTBEAT:
        clearTimeout(this.pongTimer);
        this.pongTimer = undefined;
        return;
      case PackageType.REFRESH:
        return this.onRefreshed(a.err!);
      case PackageType.UNKNOWN:
        return this.onErr(a.id, a.err!);
      default:
        return this.onReply(a);
    }
  }

  private onErr(id: number, e: ErrAnswer): void {
    const err = new ProtocolError(e.code as ErrCode, e.msg);
    // The token expired: a token function gives a fresh one (REFRESH) before the server's grace ends.
    if (!this.signingIn && e.code === ErrCode.TOKEN_EXPIRED && typeof this.options.token !== "string") return void this.refresh();
    // The refusal of a request that waits for its answer (MEMBERS 103 …) rejects it instead of being an event.
    if (!this.signingIn && id !== 0 && e.code !== ErrCode.OK && this.requests.settle(id, undefined, { error: err })) return;
    // protocol 2: a MESSAGE with an id is answered ok with the message's id once queued; publish() waits for it.
    if (!this.signingIn && e.code === ErrCode.OK)
      return void (id !== 0 && this.requests.settle(id, undefined, { value: e.messageID ?? "" }));
    if (!this.signingIn) return void this.emit("error", err);
    this.signingIn = false;
    if (e.code === ErrCode.OK) return this.signedIn(e);
    this.emit("error", err);
    // A fixed token that was refused, or a room the server rejects, fails the same way every time.
    const fixedToken = typeof this.options.token === "string";
    const hopeless =
      e.code === ErrCode.MALFORMED || (fixedToken && (e.code === ErrCode.INVALID_TOKEN || e.code === ErrCode.ROOM_NOT_ALLOWED));
    if (hopeless) this.finish(err);
    else if (this.ws) this.drop(this.ws, CLOSE_NORMAL, `sign-in refused (${e.code})`);
  }

  private signedIn(answer: ErrAnswer): void {
    clearTimeout(this.connectTimer);
    const reconnects = this.failures;
    this.failures = 0;
    this._connID = answer.connID;
    this.setState("connected");
    this.heartbeatTimer = setInterval(() => this.beat(), this.heartbeatIntervalMs);
    this.scheduleRefresh(this.signInToken);
    this.onSignedIn(answer);
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
    ws.send(this.wire.refresh(this.requests.nextId(), token));
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
    this.sendFrame(this.wire.heartbeat(this.requests.nextId()));
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
    this.requests.failAll(new ConnectionError(`connection lost (${code}${reason ? ` ${reason}` : ""})`, code));
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
    this.requests.failAll(reason);
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
    this._connID = undefined;
  }
}
